// Personal callbacks: an agent schedules, updates or cancels a callback for one of their recent
// calls; when it falls due it comes back to them as a preview.

import type { CommandOf } from '../../core/protocol/index.ts';
import { reservePreview } from './campaign.ts';
import { DIALABLE, type AgentRuntime, type ScheduledCallback, type SimContext } from './context.ts';
import { formatTime } from './dialogs.ts';
import { withAgent } from './guards.ts';
import { refuse, send } from './output.ts';

/** GC's Callback confirmation (inferred: the seed lists no reply for the callback commands). */
function confirm(
  ctx: SimContext,
  agent: AgentRuntime,
  action: 'SCHEDULED' | 'UPDATED' | 'CANCELLED',
  scheduled: ScheduledCallback,
): void {
  send(ctx, agent.user.loginId, {
    kind: 'Callback',
    action,
    dialogId: scheduled.dialogId,
    callbackTime: scheduled.callbackTime,
    callbackNumber: scheduled.callbackNumber,
  });
}

const CALLBACK_TIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/;

export function scheduleCallback(ctx: SimContext, command: CommandOf<'ScheduleCallback'>): void {
  withAgent(ctx, command.id, (agent) => {
    if (command.extension !== agent.user.extension) {
      return refuse(
        ctx,
        command.id,
        'WRONG_EXTENSION',
        `${command.extension} is not this agent's extension.`,
      );
    }
    if (!agent.recentDialogs.includes(command.dialogId) && !ctx.dialogs.has(command.dialogId)) {
      return refuse(
        ctx,
        command.id,
        'NOT_FOUND',
        `Dialog ${command.dialogId} is not one of this agent's calls.`,
      );
    }
    if (agent.callbacks.has(command.dialogId)) {
      return refuse(
        ctx,
        command.id,
        'CALLBACK_EXISTS',
        `A callback for dialog ${command.dialogId} is already scheduled; update it instead.`,
      );
    }
    const callback = validCallback(ctx, command.id, command.callbackTime, command.callbackNumber);
    if (!callback) return;
    const scheduled: ScheduledCallback = { dialogId: command.dialogId, ...callback, timer: undefined };
    agent.callbacks.set(command.dialogId, scheduled);
    armCallback(ctx, agent, scheduled);
    confirm(ctx, agent, 'SCHEDULED', scheduled);
  });
}

export function updateCallback(ctx: SimContext, command: CommandOf<'UpdateCallback'>): void {
  withAgent(ctx, command.id, (agent) => {
    const scheduled = agent.callbacks.get(command.dialogId);
    if (!scheduled)
      return refuse(ctx, command.id, 'NOT_FOUND', `No callback is scheduled for dialog ${command.dialogId}.`);
    const callback = validCallback(ctx, command.id, command.callbackTime, command.callbackNumber);
    if (!callback) return;
    Object.assign(scheduled, callback);
    armCallback(ctx, agent, scheduled);
    confirm(ctx, agent, 'UPDATED', scheduled);
  });
}

export function cancelCallback(ctx: SimContext, command: CommandOf<'CancelCallback'>): void {
  withAgent(ctx, command.id, (agent) => {
    const scheduled = agent.callbacks.get(command.dialogId);
    if (!scheduled)
      return refuse(ctx, command.id, 'NOT_FOUND', `No callback is scheduled for dialog ${command.dialogId}.`);
    ctx.clock.clearTimeout(scheduled.timer);
    agent.callbacks.delete(command.dialogId);
    confirm(ctx, agent, 'CANCELLED', scheduled);
  });
}

function validCallback(
  ctx: SimContext,
  agentId: string,
  time: string,
  number: string,
): { callbackTime: string; callbackNumber: string; dueAt: number } | undefined {
  const match = CALLBACK_TIME.exec(time);
  const dueAt = match
    ? Date.UTC(
        Number(match[1]),
        Number(match[2]) - 1,
        Number(match[3]),
        Number(match[4]),
        Number(match[5]),
        Number(match[6] ?? 0),
      )
    : Number.NaN;
  if (
    !match ||
    Number.isNaN(dueAt) ||
    formatTime(dueAt).slice(0, 16) !== `${match[1]}-${match[2]}-${match[3]} ${match[4]}:${match[5]}`
  ) {
    refuse(
      ctx,
      agentId,
      'INVALID_CALLBACK_TIME',
      `"${time}" is not a time of the form yyyy-MM-dd HH:mm:ss (UTC).`,
    );
    return undefined;
  }
  if (dueAt <= ctx.clock.now()) {
    refuse(ctx, agentId, 'INVALID_CALLBACK_TIME', `${time} is in the past.`);
    return undefined;
  }
  if (!DIALABLE.test(number)) {
    refuse(ctx, agentId, 'INVALID_CALLBACK_NUMBER', `${number} cannot be dialled.`);
    return undefined;
  }
  return { callbackTime: formatTime(dueAt), callbackNumber: number, dueAt };
}

function armCallback(ctx: SimContext, agent: AgentRuntime, scheduled: ScheduledCallback): void {
  ctx.clock.clearTimeout(scheduled.timer);
  const due = (): void => {
    scheduled.timer = undefined;
    if (agent.state !== 'READY') {
      // A callback waits for its agent to be ready, as a personal callback does.
      scheduled.timer = ctx.clock.setTimeout(due, 30_000);
      return;
    }
    agent.callbacks.delete(scheduled.dialogId);
    reservePreview(ctx, agent, { number: scheduled.callbackNumber }, true);
  };
  scheduled.timer = ctx.clock.setTimeout(due, Math.max(0, scheduled.dueAt - ctx.clock.now()));
}
