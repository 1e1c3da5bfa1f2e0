// Moving a call on: consult a colleague or number, then transfer to them or conference them in;
// or blind-transfer without consulting.

import { recomputeState } from './agents.ts';
import { remoteAnswers } from './calls.ts';
import { DIALABLE, type SimContext } from './context.ts';
import {
  agentParty,
  customerParty,
  forgetDialog,
  leaveDialog,
  newDialog,
  setLeg,
} from './dialog-lifecycle.ts';
import { isLive, liveParties, partyOf } from './dialogs.ts';
import { withDialog } from './guards.ts';
import { broadcastDialog, refuse, sendDialog } from './output.ts';
import { ringAgent, ringTimeout } from './routing.ts';
import { scheduleHangup } from './traffic.ts';

export function startConsult(ctx: SimContext, agentId: string, target: string, mainDialogId: string): void {
  withDialog(ctx, agentId, mainDialogId, (agent, main) => {
    const party = partyOf(main, agentId);
    if (!party || (party.state !== 'ACTIVE' && party.state !== 'HELD')) {
      return refuse(ctx, agentId, 'INVALID_STATE', 'A consult needs an active call.');
    }
    if (target === agent.user.extension)
      return refuse(ctx, agentId, 'INVALID_STATE', 'An agent cannot consult themselves.');
    if (!DIALABLE.test(target))
      return refuse(ctx, agentId, 'CF_GENERIC_UNSPECIFIED', `${target} cannot be dialled.`);
    if (ctx.consultOf(agentId, mainDialogId)) {
      return refuse(ctx, agentId, 'INVALID_STATE', 'A consult is already in progress for this call.');
    }
    if (party.state === 'ACTIVE') {
      party.state = 'HELD';
      broadcastDialog(ctx, main);
    }
    const targetUser = ctx.roster.byExtension(target);
    const consult = newDialog(ctx, {
      callType: 'CONSULT',
      queue: main.queue,
      caller: agent.user.extension,
      parties: [agentParty(agent, 'INITIATING')],
      acd: false,
      associatedDialogId: main.id,
      consultInitiator: agentId,
      variables: main.variables,
    });
    sendDialog(ctx, agent, consult);
    setLeg(ctx, consult, agentId, 'INITIATED');
    if (targetUser) {
      ringAgent(ctx, consult, targetUser, agent.user.extension);
    } else {
      consult.parties.push(customerParty(target, 'ALERTING'));
      sendDialog(ctx, agent, consult);
      consult.ringTimer = ctx.clock.setTimeout(
        () => remoteAnswers(ctx, consult, target),
        ctx.traffic.remoteAnswerMs,
      );
    }
    recomputeState(ctx, agent);
  });
}

export function completeConsult(
  ctx: SimContext,
  agentId: string,
  target: string,
  mainDialogId: string,
  mode: 'transfer' | 'conference',
): void {
  withDialog(ctx, agentId, mainDialogId, (agent, main) => {
    const consult = ctx.consultOf(agentId, mainDialogId);
    const targetParty = consult?.parties.find((party) => party.address === target && isLive(party.state));
    if (!consult || !targetParty) {
      return refuse(
        ctx,
        agentId,
        'INVALID_STATE',
        `No consult call with ${target} is in progress for dialog ${mainDialogId}.`,
      );
    }
    if (targetParty.state !== 'ACTIVE' && !(mode === 'transfer' && targetParty.state === 'ALERTING')) {
      return refuse(ctx, agentId, 'INVALID_STATE', `${target} has not answered the consult call yet.`);
    }
    const customers = liveParties(main).filter((party) => party.agentId !== agentId);
    ctx.clock.clearTimeout(consult.ringTimer);
    if (mode === 'transfer') {
      // The customer moves to the consult leg's dialog with the target; the initiator leaves both.
      leaveDialog(ctx, agent, main, { keepOthers: true });
      const own = partyOf(consult, agentId);
      if (own) own.state = 'DROPPED';
      sendDialog(ctx, agent, consult);
      for (const party of customers) {
        party.state = 'ACTIVE';
        main.parties = main.parties.filter((candidate) => candidate !== party);
        consult.parties.push(party);
      }
      ctx.clock.clearTimeout(main.hangupTimer);
      forgetDialog(ctx, main);
      consult.parties = consult.parties.filter((party) => party.agentId !== agentId);
      consult.callType = main.callType;
      consult.consultInitiator = undefined;
      consult.associatedDialogId = undefined;
      broadcastDialog(ctx, consult);
      if (targetParty.agentId) {
        const targetAgent = ctx.agent(targetParty.agentId);
        targetAgent.handledAcd ||= main.acd;
        recomputeState(ctx, targetAgent);
      }
      if (targetParty.state === 'ALERTING' && targetParty.agentId) {
        // Transferred while still ringing: the ring must still time out like any other.
        const targetAgent = ctx.agent(targetParty.agentId);
        consult.ringTimer = ctx.clock.setTimeout(
          () => ringTimeout(ctx, consult, targetAgent, ctx.queues.get(main.queue)),
          ctx.traffic.ringTimeoutMs,
        );
      }
      scheduleHangup(ctx, consult);
      recomputeState(ctx, agent);
      return;
    }
    // Conference: the target joins the main dialog; the consult leg ends.
    const own = partyOf(consult, agentId);
    if (own) own.state = 'DROPPED';
    targetParty.state = 'DROPPED';
    // Both legs are dropped now, so tell each agent on the consult explicitly that it ended.
    sendDialog(ctx, agent, consult);
    if (targetParty.agentId) sendDialog(ctx, ctx.agent(targetParty.agentId), consult);
    forgetDialog(ctx, consult);
    const ownMain = partyOf(main, agentId);
    if (ownMain) ownMain.state = 'ACTIVE';
    main.parties.push({ ...targetParty, state: 'ACTIVE' });
    broadcastDialog(ctx, main);
    for (const party of liveParties(main)) if (party.agentId) recomputeState(ctx, ctx.agent(party.agentId));
  });
}

export function blindTransfer(ctx: SimContext, agentId: string, target: string, dialogId: string): void {
  withDialog(ctx, agentId, dialogId, (agent, dialog) => {
    const party = partyOf(dialog, agentId);
    if (!party || (party.state !== 'ACTIVE' && party.state !== 'HELD')) {
      return refuse(ctx, agentId, 'INVALID_STATE', 'A blind transfer needs a call in progress.');
    }
    if (!DIALABLE.test(target))
      return refuse(ctx, agentId, 'CF_GENERIC_UNSPECIFIED', `${target} cannot be dialled.`);
    const targetUser = ctx.roster.byExtension(target);
    leaveDialog(ctx, agent, dialog, { keepOthers: true });
    if (targetUser && targetUser.loginId !== agentId) {
      const caller =
        liveParties(dialog).find((candidate) => candidate.kind === 'CUSTOMER')?.address ?? dialog.caller;
      ringAgent(ctx, dialog, targetUser, caller);
    } else {
      // Transferred out of the contact center: the dialog leaves our sight.
      forgetDialog(ctx, dialog);
    }
  });
}
