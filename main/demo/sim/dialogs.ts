// Calls in the simulation. A dialog has parties (agents by extension, customers by number) each
// with its own leg state, as Finesse reports them; the events an agent sees are views of the
// dialog from that agent's party.

import type {
  CallVariable,
  ConsultCallEvent,
  InboundCallEvent,
  NewInboundCallEvent,
  Participant,
} from '../../core/protocol/index.ts';
import type { TimerHandle } from './clock.ts';

export type LegState = 'INITIATING' | 'INITIATED' | 'ALERTING' | 'ACTIVE' | 'HELD' | 'DROPPED' | 'FAILED';

export type PartyKind = 'AGENT' | 'CUSTOMER' | 'SUPERVISOR';

export interface Party {
  readonly address: string;
  /** Set when the party is a simulated agent or supervisor. */
  readonly agentId: string | undefined;
  readonly kind: PartyKind;
  state: LegState;
  role: '' | 'SUPERVISOR_BARGE_IN' | 'MONITOR';
}

export type CallType = 'ACD_IN' | 'OUT' | 'AGENT_INSIDE' | 'CONSULT' | 'OUTBOUND_PREVIEW' | 'OUTBOUND' | 'SM';

export interface Dialog {
  readonly id: string;
  callType: CallType;
  readonly queue: string;
  /** The outside party's number, or the calling agent's extension for internal calls. */
  readonly caller: string;
  variables: CallVariable[];
  readonly startTime: number;
  parties: Party[];
  /** Consult legs: the main call they belong to (cleared when a transfer completes). */
  associatedDialogId: string | undefined;
  /** Consult legs: the agent who started the consult, who sees ConsultCall events. */
  consultInitiator: string | undefined;
  /** Silent monitor: the dialog being monitored. */
  readonly monitoredDialogId: string | undefined;
  /** Counts as contact-center work: wrap-up follows, queue statistics count it. */
  readonly acd: boolean;
  /** Outbound campaign (preview) record, for reclassification. */
  readonly campaign: boolean;
  hangupTimer: TimerHandle | undefined;
  ringTimer: TimerHandle | undefined;
  /** Answered once already: counted in the queue's handled calls. */
  counted: boolean;
}

export function isLive(state: LegState): boolean {
  return state !== 'DROPPED' && state !== 'FAILED';
}

export function liveParties(dialog: Dialog): Party[] {
  return dialog.parties.filter((party) => isLive(party.state));
}

export function partyOf(dialog: Dialog, agentId: string): Party | undefined {
  // An agent may appear twice after a transfer back; the live leg is the one that counts.
  let found: Party | undefined;
  for (const party of dialog.parties) {
    if (party.agentId !== agentId) continue;
    if (isLive(party.state)) return party;
    found = party;
  }
  return found;
}

export function participantsOf(dialog: Dialog): Participant[] {
  return dialog.parties
    .filter((party) => isLive(party.state))
    .map((party) => ({ mediaAddress: party.address, state: party.state, tag: party.kind, role: party.role }));
}

/** The party an agent is talking to, as InboundCall's fromAddress shows it. */
function otherParty(dialog: Dialog, agentId: string): string {
  const others = dialog.parties.filter((party) => party.agentId !== agentId);
  const customer = others.find((party) => party.kind === 'CUSTOMER' && isLive(party.state));
  return (customer ?? others.find((party) => isLive(party.state)) ?? others[0])?.address ?? dialog.caller;
}

export function formatTime(ms: number): string {
  const date = new Date(ms);
  const pad = (value: number) => String(value).padStart(2, '0');
  return (
    `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`
  );
}

type WithoutReceiver<E> = Omit<E, 'receiver'>;

export function dialogViewFor(
  dialog: Dialog,
  agentId: string,
): WithoutReceiver<InboundCallEvent> | WithoutReceiver<ConsultCallEvent> {
  const party = partyOf(dialog, agentId);
  const common = {
    state: party?.state ?? 'DROPPED',
    dialogId: dialog.id,
    callVariables: dialog.variables,
    startTime: formatTime(dialog.startTime),
    callType: dialog.callType,
    queueName: dialog.queue,
    participants: participantsOf(dialog),
  };
  if (dialog.consultInitiator === agentId) {
    const target = dialog.parties.find((candidate) => candidate.agentId !== agentId);
    return { kind: 'ConsultCall', otherParty: target?.address ?? '', ...common };
  }
  return { kind: 'InboundCall', fromAddress: otherParty(dialog, agentId), ...common };
}

export function newCallNotice(dialog: Dialog, callerAddress: string): WithoutReceiver<NewInboundCallEvent> {
  const variables = dialog.associatedDialogId
    ? [...dialog.variables, { name: 'associatedDialogId', value: dialog.associatedDialogId }]
    : dialog.variables;
  return {
    kind: 'NewInboundCall',
    ani: callerAddress,
    callVariables: variables,
    dialogId: dialog.id,
    queueName: dialog.queue,
  };
}
