// Callback changes as the agent asks for them -> the GC commands that carry them (checked before
// they are sent or parked in the outbox), and the outbox's waiting commands as the desk shows them.

import type { AgentSlice, OutboxItemView } from '../../../preload/contract.ts';
import type { CallbackCommand, OutboxEntry } from './callback-outbox.ts';
import { fail, requireText, type Refusal } from './desk-guards.ts';

/** yyyy-MM-dd HH:mm, seconds optional, a space or a T between. */
const CALLBACK_TIME = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2})?$/;

export interface CallbackInput {
  readonly dialogId: string;
  readonly callbackTime?: string;
  readonly callbackNumber?: string;
}

/** The command for a callback change, or why it cannot be made. */
export function callbackCommand(
  name: CallbackCommand['name'],
  agent: AgentSlice,
  input: CallbackInput,
): { ok: true; command: CallbackCommand } | Refusal {
  if (!agent.agentId || !agent.extension || agent.signIn === 'signed-out')
    return fail('not-signed-in', 'Sign in first.');
  const problem = requireText(input?.dialogId, 'dialogId', 'the call the callback is for');
  if (problem) return { ok: false, error: problem };
  if (name === 'CancelCallback')
    return {
      ok: true,
      command: { name, id: agent.agentId, extension: agent.extension, dialogId: input.dialogId },
    };
  const time = input.callbackTime ?? '';
  if (!CALLBACK_TIME.test(time))
    return fail('invalid-input', 'Give the callback time as yyyy-MM-dd HH:mm.', 'callbackTime');
  const numberProblem = requireText(input.callbackNumber, 'callbackNumber', 'the number to call back');
  if (numberProblem) return { ok: false, error: numberProblem };
  return {
    ok: true,
    command: {
      name,
      id: agent.agentId,
      extension: agent.extension,
      dialogId: input.dialogId,
      callbackTime: time.length === 16 ? `${time}:00` : time,
      callbackNumber: (input.callbackNumber as string).trim(),
    },
  };
}

export function outboxItems(pending: readonly OutboxEntry[]): OutboxItemView[] {
  return pending.map((entry) => ({
    id: entry.id,
    action:
      entry.command.name === 'ScheduleCallback'
        ? 'schedule'
        : entry.command.name === 'UpdateCallback'
          ? 'update'
          : 'cancel',
    dialogId: entry.command.dialogId,
    queuedAt: entry.at,
  }));
}
