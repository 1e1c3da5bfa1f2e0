// Call control on one dialog: make a call, answer, hold and retrieve, release. Outside numbers
// answer on their own after a few seconds.

import { recomputeState } from './agents.ts';
import { DIALABLE, type SimContext } from './context.ts';
import { agentParty, customerParty, failDialog, leaveDialog, newDialog, setLeg } from './dialog-lifecycle.ts';
import { isLive, partyOf, type Dialog, type LegState } from './dialogs.ts';
import { withAgent, withDialog } from './guards.ts';
import { broadcastDialog, refuse, sendDialog } from './output.ts';
import { ringAgent } from './routing.ts';
import { scheduleHangup } from './traffic.ts';

export function makeCall(ctx: SimContext, agentId: string, number: string): void {
  withAgent(ctx, agentId, (agent) => {
    if (agent.state !== 'NOT_READY' && agent.state !== 'WORK' && agent.state !== 'WORK_READY') {
      return refuse(
        ctx,
        agentId,
        'INVALID_STATE',
        `Calls are made from NOT_READY; the agent is ${agent.state}.`,
      );
    }
    if (!DIALABLE.test(number))
      return refuse(ctx, agentId, 'CF_GENERIC_UNSPECIFIED', `${number} cannot be dialled.`);
    if (number === agent.user.extension) {
      return refuse(ctx, agentId, 'INVALID_STATE', 'An agent cannot call their own extension.');
    }
    ctx.clock.clearTimeout(agent.wrapUpTimer);
    agent.returnState = agent.state === 'WORK_READY' ? 'READY' : 'NOT_READY';
    agent.handledAcd = false;
    const target = ctx.roster.byExtension(number);
    const dialog = newDialog(ctx, {
      callType: target ? 'AGENT_INSIDE' : 'OUT',
      queue: '',
      caller: agent.user.extension,
      parties: [agentParty(agent, 'INITIATING')],
      acd: false,
    });
    sendDialog(ctx, agent, dialog);
    setLeg(ctx, dialog, agent.user.loginId, 'INITIATED');
    if (target) {
      ringAgent(ctx, dialog, target, agent.user.extension);
    } else {
      dialog.parties.push(customerParty(number, 'ALERTING'));
      setLeg(ctx, dialog, agent.user.loginId, 'INITIATED');
      dialog.ringTimer = ctx.clock.setTimeout(
        () => remoteAnswers(ctx, dialog, number),
        ctx.traffic.remoteAnswerMs,
      );
    }
    recomputeState(ctx, agent);
  });
}

export function remoteAnswers(ctx: SimContext, dialog: Dialog, number: string): void {
  dialog.ringTimer = undefined;
  if (!ctx.dialogs.has(dialog.id)) return;
  const remote = dialog.parties.find((party) => party.address === number && party.kind === 'CUSTOMER');
  if (!remote || remote.state !== 'ALERTING') return;
  if (number.replace(/\D/g, '').startsWith('000')) {
    // Numbers starting 000 are "unreachable" in the demo, to show a failed call.
    remote.state = 'FAILED';
    return failDialog(ctx, dialog);
  }
  remote.state = 'ACTIVE';
  for (const party of dialog.parties) {
    if (party.agentId && (party.state === 'INITIATED' || party.state === 'INITIATING'))
      party.state = 'ACTIVE';
  }
  broadcastDialog(ctx, dialog);
  scheduleHangup(ctx, dialog);
}

export function answer(ctx: SimContext, agentId: string, dialogId: string): void {
  withDialog(ctx, agentId, dialogId, (agent, dialog) => {
    const party = partyOf(dialog, agentId);
    if (!party || party.state !== 'ALERTING') {
      return refuse(ctx, agentId, 'INVALID_STATE', `Dialog ${dialogId} is not ringing for agent ${agentId}.`);
    }
    if (dialog.callType === 'OUTBOUND_PREVIEW') {
      return refuse(
        ctx,
        agentId,
        'INVALID_STATE',
        'A preview is accepted, rejected or closed, not answered.',
      );
    }
    ctx.clock.clearTimeout(dialog.ringTimer);
    dialog.ringTimer = undefined;
    party.state = 'ACTIVE';
    for (const other of dialog.parties) {
      if (
        other !== party &&
        (other.state === 'INITIATED' || other.state === 'INITIATING' || other.state === 'ALERTING')
      ) {
        other.state = 'ACTIVE';
      }
    }
    if (dialog.acd && !dialog.counted) {
      dialog.counted = true;
      const queue = ctx.queues.get(dialog.queue);
      if (queue) queue.handled++;
    }
    broadcastDialog(ctx, dialog);
    for (const other of dialog.parties) if (other.agentId) recomputeState(ctx, ctx.agent(other.agentId));
    if (!dialog.hangupTimer && dialog.parties.some((other) => other.kind === 'CUSTOMER'))
      scheduleHangup(ctx, dialog);
  });
}

export function holdOrRetrieve(ctx: SimContext, agentId: string, dialogId: string, hold: boolean): void {
  withDialog(ctx, agentId, dialogId, (agent, dialog) => {
    const party = partyOf(dialog, agentId);
    const from: LegState = hold ? 'ACTIVE' : 'HELD';
    if (!party || party.state !== from) {
      return refuse(
        ctx,
        agentId,
        'INVALID_STATE',
        hold
          ? `Dialog ${dialogId} is not active, so it cannot be held.`
          : `Dialog ${dialogId} is not on hold.`,
      );
    }
    party.state = hold ? 'HELD' : 'ACTIVE';
    broadcastDialog(ctx, dialog);
    recomputeState(ctx, agent);
  });
}

export function release(ctx: SimContext, agentId: string, dialogId: string): void {
  withDialog(ctx, agentId, dialogId, (agent, dialog) => {
    const party = partyOf(dialog, agentId);
    if (!party || !isLive(party.state)) {
      return refuse(ctx, agentId, 'INVALID_STATE', `Agent ${agentId} is not on dialog ${dialogId}.`);
    }
    if (dialog.callType === 'OUTBOUND_PREVIEW' && party.state === 'ALERTING') {
      return refuse(ctx, agentId, 'INVALID_STATE', 'Reject or close the preview instead of releasing it.');
    }
    leaveDialog(ctx, agent, dialog);
  });
}
