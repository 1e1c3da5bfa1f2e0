// DeskStates for the shell's tests: the model's own initial state, then only what a test is
// about (connection, agent, dialogs) changed.

import type { AgentSlice, ConnectionSlice, DeskState, DialogView } from '../../../preload/contract.ts';
import { initialDeskState } from '../../../main/core/desk/model.ts';

export const T0 = Date.UTC(2026, 10, 24, 9, 0, 0);

export const REASONS = {
  notReady: [
    { id: '1', label: 'Lunch' },
    { id: '2', label: 'Meeting & training' },
  ],
  logout: [{ id: '10', label: 'End of shift' }],
  wrapUp: [{ id: '20', label: 'Sale' }],
};

export function dialog(overrides: Partial<DialogView> = {}): DialogView {
  return {
    id: 'd1',
    kind: 'call',
    state: 'ALERTING',
    callType: 'ACD_IN',
    otherParty: '+442079460958',
    queueName: 'Sales',
    callVariables: [],
    participants: [],
    associatedDialogId: undefined,
    startedAt: T0,
    answeredAt: undefined,
    heldAt: undefined,
    heldMs: 0,
    ...overrides,
  };
}

export interface StateParts {
  readonly connection?: Partial<ConnectionSlice>;
  readonly agent?: Partial<AgentSlice>;
  readonly dialogs?: readonly DialogView[];
}

/** Signed in and in service (NOT_READY since T0) unless the parts say otherwise. */
export function deskState(parts: StateParts = {}): DeskState {
  const base = initialDeskState('demo');
  return {
    ...base,
    connection: { ...base.connection, status: 'in-service', url: 'ws://127.0.0.1:1', ...parts.connection },
    agent: {
      ...base.agent,
      signIn: 'signed-in',
      agentId: '1001',
      extension: '5001',
      firstName: 'Ada',
      lastName: 'Agent',
      fullName: 'Ada Agent',
      state: 'NOT_READY',
      stateSince: T0,
      reasonCodes: REASONS,
      ...parts.agent,
    },
    dialogs: { ...base.dialogs, items: parts.dialogs ?? [] },
  };
}

export function signedOut(parts: StateParts = {}): DeskState {
  return deskState({
    ...parts,
    agent: { signIn: 'signed-out', state: 'LOGOUT', stateSince: undefined, ...parts.agent },
  });
}
