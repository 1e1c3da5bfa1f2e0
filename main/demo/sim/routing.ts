// Routing: a queue's waiting calls go to its team's READY agents. Ringing an agent (for a routed
// call, a consult or a transfer) times out: a routed call that rings unanswered goes back to the
// queue (RONA), any other call ends.

import { recomputeState, setState } from './agents.ts';
import { scheduleAutopilot } from './autopilot.ts';
import type { AgentRuntime, QueueRuntime, SimContext, WaitingCall } from './context.ts';
import { agentParty, endDialog, failDialog, remember } from './dialog-lifecycle.ts';
import { newCallNotice, partyOf, type Dialog } from './dialogs.ts';
import { broadcastDialog, send, sendDialog } from './output.ts';
import { randomInt } from './random.ts';
import { RONA_REASON } from './reason-codes.ts';
import type { SimUser } from './roster.ts';

/** Longest-available READY agent of the queue's team takes the oldest waiting call. */
export function route(ctx: SimContext, queue: QueueRuntime): void {
  while (queue.waiting.length > 0) {
    const agent = ctx
      .membersOf(queue.team)
      .filter((candidate) => candidate.state === 'READY')
      .sort((a, b) => a.since - b.since)[0];
    if (!agent) return;
    const call = queue.waiting.shift() as WaitingCall;
    ctx.clock.clearTimeout(call.abandonTimer);
    agent.returnState = 'READY';
    agent.handledAcd = true;
    setState(ctx, agent, 'RESERVED', '', '');
    ringAgent(ctx, call.dialog, agent.user, call.dialog.caller, queue);
  }
}

export function ringAgent(
  ctx: SimContext,
  dialog: Dialog,
  user: SimUser,
  callerAddress: string,
  queue?: QueueRuntime,
): void {
  const agent = ctx.agent(user.loginId);
  if (agent.state === 'LOGOUT') {
    // Nobody to ring: the caller hears it fail.
    return failDialog(ctx, dialog);
  }
  dialog.parties.push(agentParty(agent, 'ALERTING'));
  remember(ctx, user.loginId, dialog.id);
  for (const party of dialog.parties) {
    if (
      party.agentId &&
      party.agentId !== user.loginId &&
      (party.state === 'INITIATED' || party.state === 'INITIATING')
    ) {
      party.state = 'INITIATED';
    }
  }
  send(ctx, user.loginId, newCallNotice(dialog, callerAddress));
  broadcastDialog(ctx, dialog);
  dialog.ringTimer = ctx.clock.setTimeout(
    () => ringTimeout(ctx, dialog, agent, queue),
    ctx.traffic.ringTimeoutMs,
  );
  if (!ctx.bindings.has(user.loginId) && ctx.autopilot) {
    scheduleAutopilot(ctx, agent, randomInt(ctx.random, 1_500, 5_000));
  }
}

export function ringTimeout(
  ctx: SimContext,
  dialog: Dialog,
  agent: AgentRuntime,
  queue: QueueRuntime | undefined,
): void {
  dialog.ringTimer = undefined;
  const party = partyOf(dialog, agent.user.loginId);
  if (!party || party.state !== 'ALERTING') return;
  party.state = 'DROPPED';
  sendDialog(ctx, agent, dialog);
  dialog.parties = dialog.parties.filter((candidate) => candidate !== party);
  if (queue) {
    // RONA: the call goes back to the head of the queue and the agent is made not ready.
    agent.handledAcd = false;
    setState(ctx, agent, 'NOT_READY', RONA_REASON.id, RONA_REASON.label);
    queue.waiting.unshift({ dialog, enqueuedAt: ctx.clock.now(), abandonTimer: undefined });
    route(ctx, queue);
    return;
  }
  recomputeState(ctx, agent);
  endDialog(ctx, dialog);
}
