// The outbound campaign: preview reservations offered to READY agents, who accept (the customer is
// dialled), reject or close them, and may reclassify the call.

import type { CommandOf } from '../../core/protocol/index.ts';
import { recomputeState, setState } from './agents.ts';
import { remoteAnswers } from './calls.ts';
import type { AgentRuntime, SimContext } from './context.ts';
import { agentParty, customerParty, forgetDialog, newDialog } from './dialog-lifecycle.ts';
import { newCallNotice, partyOf, type Dialog, type Party } from './dialogs.ts';
import { withDialog } from './guards.ts';
import { refuse, send, sendDialog } from './output.ts';
import { exponentialDelay, pick, randomInt } from './random.ts';

const CAMPAIGN_QUEUE = 'Outbound campaign';

/** Signed-in people get a preview reservation now and then while they stay READY. */
export function maybeOfferPreview(ctx: SimContext, agent: AgentRuntime): void {
  if (!ctx.running || !ctx.bindings.has(agent.user.loginId)) return;
  const gap = exponentialDelay(ctx.random, ctx.traffic.meanPreviewGapMs);
  if (!Number.isFinite(gap)) return;
  const since = agent.since;
  ctx.clock.clearTimeout(agent.previewTimer);
  agent.previewTimer = ctx.clock.setTimeout(() => {
    agent.previewTimer = undefined;
    if (agent.state === 'READY' && agent.since === since) reservePreview(ctx, agent, {}, false);
  }, gap);
}

export function reservePreview(
  ctx: SimContext,
  agent: AgentRuntime,
  customer: { number?: string; name?: string; account?: string },
  callback: boolean,
): Dialog {
  const number = customer.number ?? `+44 20 7946 ${String(randomInt(ctx.random, 0, 9999)).padStart(4, '0')}`;
  const dialog = newDialog(ctx, {
    callType: 'OUTBOUND_PREVIEW',
    queue: CAMPAIGN_QUEUE,
    caller: number,
    parties: [agentParty(agent, 'ALERTING')],
    acd: true,
    campaign: true,
    variables: [
      { name: 'BACampaign', value: callback ? 'Personal callbacks' : 'Renewals Q4' },
      {
        name: 'BAAccountNumber',
        value: customer.account ?? String(randomInt(ctx.random, 100_000, 999_999)),
      },
      { name: 'BACustomerNumber', value: number },
      {
        name: 'BABuddyName',
        value: customer.name ?? pick(ctx.random, ['Ana Ruiz', 'Tom Berg', 'Li Wei', 'Omar Said']),
      },
      { name: 'BAResponse', value: callback ? 'callback' : '' },
    ],
  });
  agent.returnState = 'READY';
  agent.handledAcd = true;
  setState(ctx, agent, 'RESERVED_OUTBOUND_PREVIEW', '', '');
  send(ctx, agent.user.loginId, newCallNotice(dialog, number));
  sendDialog(ctx, agent, dialog);
  return dialog;
}

export function acceptPreview(ctx: SimContext, agentId: string, dialogId: string): void {
  withPreview(ctx, agentId, dialogId, (agent, dialog) => {
    const party = partyOf(dialog, agentId) as Party;
    dialog.callType = 'OUTBOUND';
    party.state = 'INITIATED';
    dialog.parties.push(customerParty(dialog.caller, 'ALERTING'));
    sendDialog(ctx, agent, dialog);
    recomputeState(ctx, agent);
    dialog.ringTimer = ctx.clock.setTimeout(
      () => remoteAnswers(ctx, dialog, dialog.caller),
      ctx.traffic.remoteAnswerMs,
    );
  });
}

export function endPreview(
  ctx: SimContext,
  agentId: string,
  dialogId: string,
  action: 'REJECT' | 'CLOSE',
): void {
  withPreview(ctx, agentId, dialogId, (agent, dialog) => {
    const party = partyOf(dialog, agentId) as Party;
    party.state = 'DROPPED';
    sendDialog(ctx, agent, dialog);
    forgetDialog(ctx, dialog);
    agent.handledAcd = false;
    ctx.log({ level: 'debug', event: 'sim.preview-ended', agentId, dialogId, action });
    setState(ctx, agent, agent.pendingState === 'NOT_READY' ? 'NOT_READY' : 'READY', '', '');
    agent.pendingState = '';
  });
}

function withPreview(
  ctx: SimContext,
  agentId: string,
  dialogId: string,
  act: (agent: AgentRuntime, dialog: Dialog) => void,
): void {
  withDialog(ctx, agentId, dialogId, (agent, dialog) => {
    const party = partyOf(dialog, agentId);
    if (dialog.callType !== 'OUTBOUND_PREVIEW' || !party || party.state !== 'ALERTING') {
      return refuse(
        ctx,
        agentId,
        'INVALID_STATE',
        `Dialog ${dialogId} is not a preview waiting for a decision.`,
      );
    }
    act(agent, dialog);
  });
}

export function reclassify(ctx: SimContext, command: CommandOf<'ReclassifyCall'>): void {
  withDialog(ctx, command.id, command.dialogId, (agent, dialog) => {
    if (!dialog.campaign) {
      return refuse(ctx, command.id, 'INVALID_STATE', 'Only outbound campaign calls can be reclassified.');
    }
    const allowed = ['VOICE', 'FAX', 'ANS_MACHINE', 'INVALID', 'DO_NOT_CALL', 'WRONG_NUMBER', 'WRONG_PARTY'];
    if (!allowed.includes(command.value.toUpperCase())) {
      return refuse(
        ctx,
        command.id,
        'INVALID_RECLASSIFY_VALUE',
        `${command.value} is not one of ${allowed.join(', ')}.`,
      );
    }
    send(ctx, agent.user.loginId, {
      kind: 'Control',
      code: 'CALL_RECLASSIFIED',
      message: `Dialog ${dialog.id} reclassified as ${command.value.toUpperCase()}.`,
      detail: [],
    });
  });
}
