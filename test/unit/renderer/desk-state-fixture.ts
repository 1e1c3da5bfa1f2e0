// DeskState values for the renderer's tests, built from the contract's types alone.

import type { AgentSlice, DeskState, DialogView } from '../../../preload/contract.ts';

export function agent(overrides: Partial<AgentSlice> = {}): AgentSlice {
  return {
    signIn: 'signed-in',
    agentId: '1001',
    extension: '5001',
    firstName: 'Priya',
    lastName: 'Adeyemi',
    fullName: 'Priya Adeyemi',
    isSupervisor: false,
    wrapUpMode: 'OPTIONAL',
    teamId: '101',
    teams: [],
    mobile: undefined,
    state: 'NOT_READY',
    reasonCodeId: '',
    reasonLabel: '',
    pendingState: '',
    stateSince: 1_000,
    reasonCodes: {
      notReady: [{ id: '1', label: 'Break' }],
      logout: [],
      wrapUp: [
        { id: '31', label: 'Sale' },
        { id: '32', label: 'Complaint' },
      ],
    },
    skillGroups: [],
    supervisors: [],
    ...overrides,
  };
}

export function dialog(overrides: Partial<DialogView> = {}): DialogView {
  return {
    id: 'd1',
    kind: 'call',
    state: 'ACTIVE',
    callType: 'ACD_IN',
    otherParty: '+442079460958',
    queueName: 'Sales',
    callVariables: [],
    participants: [],
    associatedDialogId: undefined,
    startedAt: 10_000,
    answeredAt: 12_000,
    heldAt: undefined,
    heldMs: 0,
    ...overrides,
  };
}

export function deskState(overrides: Partial<DeskState> = {}): DeskState {
  return {
    connection: {
      status: 'in-service',
      mode: 'demo',
      url: 'ws://127.0.0.1:1/',
      attempt: 0,
      nextAttemptAt: undefined,
      lastError: undefined,
      stale: false,
    },
    agent: agent(),
    dialogs: { items: [], lastEnded: undefined, wrapUp: undefined },
    callbacks: { items: [], outbox: [] },
    phonebooks: { global: [], team: [], contacts: {}, loading: [] },
    team: { teamId: undefined, members: {} },
    queues: { form: undefined, queues: [], updatedAt: undefined },
    notices: { items: [] },
    ...overrides,
  };
}
