// Dialog plumbing: a dialog is born with its first parties, agents join and leave it, and it ends
// (everyone leaves), fails (it could not be placed) or is forgotten (it left our sight).

import { recomputeState } from './agents.ts';
import type { AgentRuntime, SimContext } from './context.ts';
import {
  isLive,
  liveParties,
  partyOf,
  type CallType,
  type Dialog,
  type LegState,
  type Party,
} from './dialogs.ts';
import { broadcastDialog, sendDialog } from './output.ts';

export function newDialog(
  ctx: SimContext,
  init: {
    callType: CallType;
    queue: string;
    caller: string;
    parties: Party[];
    acd: boolean;
    campaign?: boolean;
    associatedDialogId?: string;
    consultInitiator?: string;
    monitoredDialogId?: string;
    variables?: { name: string; value: string }[];
  },
): Dialog {
  const dialog: Dialog = {
    id: String(ctx.nextDialogId++),
    callType: init.callType,
    queue: init.queue,
    caller: init.caller,
    variables: init.variables ?? [],
    startTime: ctx.clock.now(),
    parties: init.parties,
    associatedDialogId: init.associatedDialogId,
    consultInitiator: init.consultInitiator,
    monitoredDialogId: init.monitoredDialogId,
    acd: init.acd,
    campaign: init.campaign ?? false,
    hangupTimer: undefined,
    ringTimer: undefined,
    counted: false,
  };
  ctx.dialogs.set(dialog.id, dialog);
  for (const party of dialog.parties) if (party.agentId) remember(ctx, party.agentId, dialog.id);
  return dialog;
}

export function agentParty(agent: AgentRuntime, state: LegState): Party {
  return { address: agent.user.extension, agentId: agent.user.loginId, kind: 'AGENT', state, role: '' };
}

export function customerParty(address: string, state: LegState): Party {
  return { address, agentId: undefined, kind: 'CUSTOMER', state, role: '' };
}

export function remember(ctx: SimContext, agentId: string, dialogId: string): void {
  const agent = ctx.agents.get(agentId);
  if (!agent || agent.recentDialogs.includes(dialogId)) return;
  agent.recentDialogs.push(dialogId);
  if (agent.recentDialogs.length > 20) agent.recentDialogs.shift();
}

export function setLeg(ctx: SimContext, dialog: Dialog, agentId: string, state: LegState): void {
  const party = partyOf(dialog, agentId);
  if (!party) return;
  party.state = state;
  sendDialog(ctx, ctx.agent(agentId), dialog);
}

/** The agent leaves the dialog; with two parties left or fewer the whole call ends. */
export function leaveDialog(
  ctx: SimContext,
  agent: AgentRuntime,
  dialog: Dialog,
  options: { keepOthers?: boolean } = {},
): void {
  const party = partyOf(dialog, agent.user.loginId);
  if (!party || !isLive(party.state)) return;
  party.state = 'DROPPED';
  sendDialog(ctx, agent, dialog);
  const remaining = liveParties(dialog);
  const agentsLeft = remaining.some((other) => other.agentId !== undefined);
  const callIsOver =
    remaining.length <= 1 ||
    !agentsLeft ||
    dialog.callType === 'SM' ||
    dialog.consultInitiator === agent.user.loginId;
  if (!options.keepOthers && callIsOver) endDialog(ctx, dialog);
  else broadcastDialog(ctx, dialog);
  recomputeState(ctx, agent);
}

/** Everyone leaves: the customer hung up, or the last agent released. */
export function endDialog(ctx: SimContext, dialog: Dialog): void {
  if (!ctx.dialogs.has(dialog.id)) return;
  ctx.clock.clearTimeout(dialog.hangupTimer);
  ctx.clock.clearTimeout(dialog.ringTimer);
  const agents: AgentRuntime[] = [];
  for (const party of dialog.parties) {
    if (!isLive(party.state)) continue;
    party.state = 'DROPPED';
    if (party.agentId) agents.push(ctx.agent(party.agentId));
  }
  for (const agent of agents) sendDialog(ctx, agent, dialog);
  if (dialog.acd) {
    const queue = ctx.queues.get(dialog.queue);
    if (queue) queue.longestHandleMs = Math.max(queue.longestHandleMs, ctx.clock.now() - dialog.startTime);
  }
  forgetDialog(ctx, dialog);
  // A consult that ends takes nothing else with it; its main call stays held.
  for (const agent of agents) recomputeState(ctx, agent);
  // Monitor calls end with the call they monitor.
  for (const monitor of [...ctx.dialogs.values()]) {
    if (monitor.callType === 'SM' && monitor.monitoredDialogId === dialog.id) endDialog(ctx, monitor);
  }
}

/** The call could not be placed: every agent on it sees FAILED and moves on. */
export function failDialog(ctx: SimContext, dialog: Dialog): void {
  const agents: AgentRuntime[] = [];
  for (const party of dialog.parties) {
    if (!party.agentId || !isLive(party.state)) continue;
    party.state = 'FAILED';
    const agent = ctx.agent(party.agentId);
    agents.push(agent);
    sendDialog(ctx, agent, dialog);
  }
  forgetDialog(ctx, dialog);
  for (const agent of agents) recomputeState(ctx, agent);
}

export function forgetDialog(ctx: SimContext, dialog: Dialog): void {
  ctx.clock.clearTimeout(dialog.hangupTimer);
  ctx.clock.clearTimeout(dialog.ringTimer);
  ctx.dialogs.delete(dialog.id);
  // A caller who hangs up while queued leaves the queue: nobody must be rung for a ghost.
  const queue = ctx.queues.get(dialog.queue);
  const waiting = queue?.waiting.find((call) => call.dialog === dialog);
  if (queue && waiting) {
    ctx.clock.clearTimeout(waiting.abandonTimer);
    queue.waiting = queue.waiting.filter((call) => call !== waiting);
    queue.abandoned++;
  }
}
