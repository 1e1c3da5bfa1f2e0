// Autopilot colleagues: nobody signed in as them, so they work on their own.

import { setState } from './agents.ts';
import { answer } from './calls.ts';
import { acceptPreview } from './campaign.ts';
import type { AgentRuntime, SimContext } from './context.ts';
import { partyOf } from './dialogs.ts';
import { pick, randomInt } from './random.ts';
import { NOT_READY_REASONS } from './reason-codes.ts';

/** Colleagues start their day a little apart, not all in the same second. */
export function startAutopilot(ctx: SimContext): void {
  for (const agent of ctx.agents.values()) {
    if (!agent.user.isSupervisor) scheduleAutopilot(ctx, agent, randomInt(ctx.random, 500, 15_000));
  }
}

export function scheduleAutopilot(ctx: SimContext, agent: AgentRuntime, delayMs: number): void {
  ctx.clock.clearTimeout(agent.autopilotTimer);
  agent.autopilotTimer = ctx.clock.setTimeout(() => {
    agent.autopilotTimer = undefined;
    if (ctx.running && !ctx.bindings.has(agent.user.loginId)) autopilotStep(ctx, agent);
  }, delayMs);
}

function autopilotStep(ctx: SimContext, agent: AgentRuntime): void {
  const id = agent.user.loginId;
  const ringing = ctx.dialogsOf(id).find((dialog) => partyOf(dialog, id)?.state === 'ALERTING');
  if (ringing) {
    if (ringing.callType === 'OUTBOUND_PREVIEW') acceptPreview(ctx, id, ringing.id);
    else answer(ctx, id, ringing.id);
    // A consult can ring while a routed call does too: come back for the next one.
    if (ctx.dialogsOf(id).some((dialog) => partyOf(dialog, id)?.state === 'ALERTING')) {
      scheduleAutopilot(ctx, agent, randomInt(ctx.random, 1_000, 3_000));
    }
    return;
  }
  switch (agent.state) {
    case 'LOGOUT':
      setState(ctx, agent, 'NOT_READY', '-1', '');
      return scheduleAutopilot(ctx, agent, randomInt(ctx.random, 2_000, 20_000));
    case 'NOT_READY':
      setState(ctx, agent, 'READY', '', '');
      return;
    case 'READY':
      if (ctx.random.next() < 0.15) {
        const reason = pick(ctx.random, NOT_READY_REASONS.slice(0, 3));
        setState(ctx, agent, 'NOT_READY', reason.id, reason.label);
        return scheduleAutopilot(ctx, agent, randomInt(ctx.random, 30_000, 180_000));
      }
      return scheduleAutopilot(ctx, agent, randomInt(ctx.random, 60_000, 240_000));
    default:
      return;
  }
}
