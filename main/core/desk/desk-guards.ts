// The checks every desk action makes before anything is sent, as pure functions of DeskState,
// and the shapes of their answers: an action refused here explains why in the agent's words and
// never reaches the wire.

import type { DeskError, DeskState, DialogView, Result } from '../../../preload/contract.ts';

export type Refusal = { ok: false; error: DeskError };

export const ok: Result<void> = { ok: true, value: undefined };

export function fail(code: string, message: string, field?: string): Refusal {
  return { ok: false, error: field ? { code, message, field } : { code, message } };
}

/** A required text input: present, not blank, not absurdly long. */
export function requireText(value: unknown, field: string, label: string): DeskError | undefined {
  if (typeof value !== 'string' || value.trim() === '')
    return { code: 'invalid-input', message: `Enter ${label}.`, field };
  if (value.length > 256) return { code: 'invalid-input', message: `${label} is too long.`, field };
  return undefined;
}

export function inService(state: DeskState): boolean {
  return state.connection.status === 'in-service';
}

export function notConnected(state: DeskState): Refusal {
  const status = state.connection.status;
  const why =
    status === 'out-of-service'
      ? 'The connector is out of service (it cannot reach Finesse).'
      : status === 'reconnecting'
        ? 'Not connected: Switchboard is reconnecting.'
        : 'Not connected to the connector.';
  return fail('not-connected', `${why} Nothing was sent.`);
}

/** The signed-in agent's id, when the desk can act for them now. */
export function signedInAgent(state: DeskState): string | Refusal {
  const agentId = state.agent.agentId;
  if (!agentId || state.agent.signIn !== 'signed-in') return fail('not-signed-in', 'Sign in first.');
  if (!inService(state)) return notConnected(state);
  return agentId;
}

/** The signed-in supervisor's id, when the desk can act for them now. */
export function signedInSupervisor(state: DeskState): string | Refusal {
  const agentId = signedInAgent(state);
  if (typeof agentId !== 'string') return agentId;
  if (!state.agent.isSupervisor) return fail('not-allowed', 'Only supervisors can do that.');
  return agentId;
}

export function dialogById(state: DeskState, dialogId: unknown): DialogView | undefined {
  return typeof dialogId === 'string'
    ? state.dialogs.items.find((dialog) => dialog.id === dialogId)
    : undefined;
}

export function consultLeg(state: DeskState): DialogView | undefined {
  return state.dialogs.items.find((dialog) => dialog.kind === 'consult');
}
