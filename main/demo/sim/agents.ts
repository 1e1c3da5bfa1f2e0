// Agent state: READY and NOT_READY (with reasons) on request, TALKING and HOLD following the
// agent's call legs, and wrap-up (WORK / WORK_READY) when ACD work is over. A request made during
// a call waits as the pending state until the calls are over.

import { scheduleAutopilot } from './autopilot.ts';
import { maybeOfferPreview } from './campaign.ts';
import { IN_CALL_STATES, type AgentRuntime, type AgentStateName, type SimContext } from './context.ts';
import { leaveDialog } from './dialog-lifecycle.ts';
import { partyOf } from './dialogs.ts';
import { withAgent } from './guards.ts';
import { refuse, sendState } from './output.ts';
import { randomInt } from './random.ts';
import { NOT_READY_REASONS, WRAP_UP_REASONS, reasonLabel } from './reason-codes.ts';
import { route } from './routing.ts';

/**
 * Every change is announced to the agent and to supervisors watching the team. An agent who goes
 * READY may be rung for a waiting call or offered a preview at once; an autopilot colleague plans
 * their next move.
 */
export function setState(
  ctx: SimContext,
  agent: AgentRuntime,
  state: AgentStateName,
  reasonCodeId: string,
  label: string,
): void {
  agent.state = state;
  agent.reasonCodeId = reasonCodeId;
  agent.reasonLabel = label;
  agent.since = ctx.clock.now();
  sendState(ctx, agent);
  if (state === 'READY' && !agent.user.isSupervisor) {
    const team = ctx.roster.team(agent.user.teamId);
    const queue = team ? ctx.queues.get(team.queue) : undefined;
    if (queue) route(ctx, queue);
    if (agent.state === 'READY') maybeOfferPreview(ctx, agent);
  }
  const onAutopilot = ctx.autopilot && ctx.running && !ctx.bindings.has(agent.user.loginId);
  if (onAutopilot && !agent.user.isSupervisor && (state === 'READY' || state === 'NOT_READY')) {
    // Colleagues take breaks from READY and come back from NOT_READY on their own.
    scheduleAutopilot(
      ctx,
      agent,
      state === 'READY' ? randomInt(ctx.random, 60_000, 240_000) : randomInt(ctx.random, 5_000, 60_000),
    );
  }
}

/** The agent's state follows their legs: talking, on hold, or done (wrap-up or back). */
export function recomputeState(ctx: SimContext, agent: AgentRuntime): void {
  const legs = ctx.dialogsOf(agent.user.loginId).map((dialog) => partyOf(dialog, agent.user.loginId)?.state);
  if (legs.some((state) => state === 'ACTIVE' || state === 'INITIATED' || state === 'INITIATING')) {
    if (agent.state !== 'TALKING') setState(ctx, agent, 'TALKING', agent.reasonCodeId, agent.reasonLabel);
    return;
  }
  if (legs.some((state) => state === 'HELD')) {
    if (agent.state !== 'HOLD') setState(ctx, agent, 'HOLD', agent.reasonCodeId, agent.reasonLabel);
    return;
  }
  if (legs.some((state) => state === 'ALERTING')) return;
  if (!IN_CALL_STATES.has(agent.state)) return;
  callsOver(ctx, agent);
}

function callsOver(ctx: SimContext, agent: AgentRuntime): void {
  const next = agent.pendingState === 'LOGOUT' ? 'NOT_READY' : agent.pendingState || agent.returnState;
  const wrapUp = agent.handledAcd && agent.user.wrapUpMode !== 'NOT_ALLOWED' && !agent.user.isSupervisor;
  agent.handledAcd = false;
  agent.pendingState = '';
  if (wrapUp) {
    setState(
      ctx,
      agent,
      next === 'READY' ? 'WORK_READY' : 'WORK',
      next === 'READY' ? '' : agent.reasonCodeId,
      '',
    );
    ctx.clock.clearTimeout(agent.wrapUpTimer);
    agent.wrapUpTimer = ctx.clock.setTimeout(() => {
      agent.wrapUpTimer = undefined;
      if (agent.state === 'WORK_READY') setState(ctx, agent, 'READY', '', '');
      else if (agent.state === 'WORK')
        setState(ctx, agent, 'NOT_READY', agent.reasonCodeId, agent.reasonLabel);
    }, ctx.traffic.wrapUpMs);
    return;
  }
  if (next === 'READY') setState(ctx, agent, 'READY', '', '');
  else
    setState(
      ctx,
      agent,
      'NOT_READY',
      agent.reasonCodeId === '' ? '-1' : agent.reasonCodeId,
      agent.reasonLabel,
    );
}

export function makeReady(ctx: SimContext, agentId: string): void {
  withAgent(ctx, agentId, (agent) => {
    if (agent.state === 'LOGOUT') return refuse(ctx, agentId, 'INVALID_STATE', 'Sign in before going ready.');
    if (agent.user.isSupervisor && ctx.dialogsOf(agentId).some((dialog) => dialog.callType === 'SM')) {
      return refuse(ctx, agentId, 'INVALID_STATE', 'End the silent monitor before going ready.');
    }
    if (IN_CALL_STATES.has(agent.state)) {
      agent.pendingState = 'READY';
      agent.returnState = 'READY';
      return sendState(ctx, agent);
    }
    ctx.clock.clearTimeout(agent.wrapUpTimer);
    agent.pendingState = '';
    setState(ctx, agent, 'READY', '', '');
  });
}

export function makeNotReady(ctx: SimContext, agentId: string, reasonCode: string | undefined): void {
  withAgent(ctx, agentId, (agent) => {
    if (agent.state === 'LOGOUT')
      return refuse(ctx, agentId, 'INVALID_STATE', 'Sign in before changing state.');
    const label = reasonCode === undefined ? '' : reasonLabel(NOT_READY_REASONS, reasonCode);
    if (label === undefined) {
      return refuse(ctx, agentId, 'INVALID_REASON_CODE', `${reasonCode} is not a not-ready reason code.`);
    }
    if (IN_CALL_STATES.has(agent.state) && agent.state !== 'RESERVED_OUTBOUND_PREVIEW') {
      agent.pendingState = 'NOT_READY';
      agent.returnState = 'NOT_READY';
      agent.reasonCodeId = reasonCode ?? '-1';
      agent.reasonLabel = label;
      return sendState(ctx, agent);
    }
    if (agent.state === 'RESERVED_OUTBOUND_PREVIEW') {
      // Going not ready gives the reservation back to the campaign.
      for (const dialog of ctx.dialogsOf(agentId)) leaveDialog(ctx, agent, dialog);
    }
    ctx.clock.clearTimeout(agent.wrapUpTimer);
    agent.pendingState = '';
    setState(ctx, agent, 'NOT_READY', reasonCode ?? '-1', label);
  });
}

/** Accepted in silence, as GC documents; refused when the dialog or the code is not the agent's. */
export function updateWrapUpReason(
  ctx: SimContext,
  agentId: string,
  dialogId: string,
  reasonCode: string,
): void {
  withAgent(ctx, agentId, (agent) => {
    if (agent.state === 'LOGOUT') return refuse(ctx, agentId, 'INVALID_STATE', 'Sign in first.');
    if (!agent.recentDialogs.includes(dialogId)) {
      return refuse(ctx, agentId, 'NOT_FOUND', `Dialog ${dialogId} is not one of this agent's calls.`);
    }
    const label = reasonLabel(WRAP_UP_REASONS, reasonCode);
    if (!label)
      return refuse(ctx, agentId, 'INVALID_REASON_CODE', `${reasonCode} is not a wrap-up reason code.`);
    agent.wrapUpReasons.set(dialogId, reasonCode);
    ctx.log({ level: 'debug', event: 'sim.wrap-up-reason', agentId, dialogId, reason: label });
  });
}
