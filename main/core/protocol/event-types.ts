// The typed events the codec produces. Every event carries `receiver`, field [0] of the wire
// text: the agent (or destination) whose topic carried it, which for a supervisor's team
// events is not the agent the event is about (State carries that one in `agentId`).

import type { CallVariable, Participant } from './records.ts';

export type { CallVariable, Participant } from './records.ts';

interface EventBase {
  readonly receiver: string;
}

/** Agent states as GC reports them (GC-REFERENCE §6.1); other strings pass through untouched. */
export const KNOWN_AGENT_STATES = [
  'UNKNOWN',
  'LOGOUT',
  'NOT_READY',
  'READY',
  'RESERVED',
  'RESERVED_OUTBOUND',
  'RESERVED_OUTBOUND_PREVIEW',
  'TALKING',
  'HOLD',
  'WORK',
  'WORK_READY',
] as const;
export type KnownAgentState = (typeof KNOWN_AGENT_STATES)[number];
// `string & {}` keeps editor completion for the known names while allowing new ones.
export type AgentState = KnownAgentState | (string & {});

/** Dialog states in InboundCall / ConsultCall field [2] (§6.2); DROP and DROPPED both occur. */
export const KNOWN_DIALOG_STATES = [
  'INITIATING',
  'INITIATED',
  'ALERTING',
  'ACTIVE',
  'HELD',
  'DROP',
  'DROPPED',
  'FAILED',
  'ACCEPTED',
] as const;
export type KnownDialogState = (typeof KNOWN_DIALOG_STATES)[number];
export type DialogState = KnownDialogState | (string & {});

export interface InServiceEvent extends EventBase {
  readonly kind: 'InService';
  /** Fields after the name, if GC sends any (their meaning is unknown). */
  readonly detail: readonly string[];
}

export interface OutOfServiceEvent extends EventBase {
  readonly kind: 'OutOfService';
  readonly detail: readonly string[];
}

export interface Team {
  readonly id: string;
  readonly name: string;
}

export interface AgentInfoEvent extends EventBase {
  readonly kind: 'AgentInfo';
  /** The seed gives two layouts: the supervisor's adds the team count and the team list. */
  readonly form: 'agent' | 'supervisor';
  readonly firstName: string;
  readonly lastName: string;
  readonly isSupervisor: boolean;
  /** REQUIRED, OPTIONAL, NOT_ALLOWED, REQUIRED_WITH_WRAP_UP_DATA (Finesse's values). */
  readonly wrapUpMode: string;
  readonly teamId: string;
  readonly fullName: string;
  readonly loginName: string;
  /** Supervised teams (supervisor form only; empty otherwise). */
  readonly teams: readonly Team[];
}

export interface StateEvent extends EventBase {
  readonly kind: 'State';
  readonly state: AgentState;
  /** -1 for LOGOUT and the first NOT_READY, empty for READY (seed). */
  readonly reasonCodeId: string;
  readonly stateChangeTimeString: string;
  /** Only with UCCE: the state the agent moves to when the current call ends. */
  readonly pendingState: string;
  readonly stateChangeTime: string;
  readonly fullName: string;
  /** The agent the event is about (field [8]); for a supervisor, often a team member. */
  readonly agentId: string;
  readonly extension: string;
  readonly reasonLabel: string;
  readonly loginName: string;
}

export interface ReasonCode {
  readonly id: string;
  readonly label: string;
}

export interface ReasonCodesEvent extends EventBase {
  readonly kind: 'ReasonCodes';
  /** NOT_READY, LOGOUT or WrapUp. */
  readonly category: string;
  readonly codes: readonly ReasonCode[];
}

export interface NewInboundCallEvent extends EventBase {
  readonly kind: 'NewInboundCall';
  /** The calling number. */
  readonly ani: string;
  readonly callVariables: readonly CallVariable[];
  readonly dialogId: string;
  /** Inferred optional field [5]; empty when GC does not send it. */
  readonly queueName: string;
}

interface DialogFields {
  readonly state: DialogState;
  readonly dialogId: string;
  readonly callVariables: readonly CallVariable[];
  /** `yyyy-MM-dd HH:mm:ss`, the format GC's clients agree on. */
  readonly startTime: string;
  /** SM marks a supervisor's silent-monitor call; other values pass through. */
  readonly callType: string;
  /** Inferred: field [8] is unknown in the sources; Switchboard's demo puts the queue there. */
  readonly queueName: string;
  readonly participants: readonly Participant[];
}

export interface InboundCallEvent extends EventBase, DialogFields {
  readonly kind: 'InboundCall';
  /** The other party; for FAILED, the failure text. */
  readonly fromAddress: string;
}

export interface ConsultCallEvent extends EventBase, DialogFields {
  readonly kind: 'ConsultCall';
  /** The consulted number or extension. */
  readonly otherParty: string;
}

export interface UcceQueueStats {
  readonly name: string;
  readonly callsInQueue: number;
  readonly agentsReady: number;
  readonly agentsNotReady: number;
  readonly talkingInbound: number;
  readonly talkingOutbound: number;
  readonly talkingInternal: number;
  readonly wrapUpReady: number;
  readonly wrapUpNotReady: number;
}

export interface UccxQueueStats {
  readonly name: string;
  readonly waitingCalls: number;
  readonly agentsLoggedIn: number;
  readonly agentsInAfterCallWork: number;
  readonly agentsTalking: number;
  readonly agentsReserved: number;
  readonly handledCalls: number;
  readonly abandonedCalls: number;
  readonly totalCalls: number;
  /** As GC sends it (a duration); not interpreted. */
  readonly longestHandleTime: string;
}

export interface UcceQueueListEvent extends EventBase {
  readonly kind: 'QueueList';
  readonly form: 'ucce';
  readonly queues: readonly UcceQueueStats[];
}

export interface UccxQueueListEvent extends EventBase {
  readonly kind: 'QueueList';
  readonly form: 'uccx';
  readonly queues: readonly UccxQueueStats[];
}

export type QueueListEvent = UcceQueueListEvent | UccxQueueListEvent;

export interface TeamMember {
  readonly firstName: string;
  readonly lastName: string;
  readonly extension: string;
  readonly loginId: string;
  readonly state: AgentState;
  readonly pendingState: string;
  readonly mediaType: string;
  readonly stateChangeTime: string;
  readonly stateChangeLabel: string;
}

export interface TeamUsersListEvent extends EventBase {
  readonly kind: 'TeamUsersList';
  readonly members: readonly TeamMember[];
}

export interface Phonebook {
  readonly name: string;
  /** GLOBAL or TEAM. */
  readonly type: string;
  readonly id: string;
}

export interface PhonebooksEvent extends EventBase {
  readonly kind: 'Phonebooks';
  /** Empty when GC answered with the NoPhoneBookFound sentinel. */
  readonly phonebooks: readonly Phonebook[];
}

export interface TeamPhonebooksEvent extends EventBase {
  readonly kind: 'TeamPhonebooks';
  /** Empty when GC answered with the NoTeamPhoneBookFound sentinel. */
  readonly phonebooks: readonly Phonebook[];
}

export interface Contact {
  readonly description: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly phoneNumber: string;
  readonly id: string;
}

export interface PhonebookContactsEvent extends EventBase {
  readonly kind: 'PhonebookContacts';
  /** Empty when GC answered with the NoContactFound sentinel. */
  readonly contacts: readonly Contact[];
}

export interface SkillGroup {
  readonly id: string;
  readonly name: string;
}

export interface SkillGroupsEvent extends EventBase {
  readonly kind: 'SkillGroups';
  readonly skillGroups: readonly SkillGroup[];
}

export interface Supervisor {
  readonly loginId: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly extension: string;
}

export interface SupervisorsEvent extends EventBase {
  readonly kind: 'Supervisors';
  readonly supervisors: readonly Supervisor[];
}

export interface CallbackEvent extends EventBase {
  readonly kind: 'Callback';
  /** SCHEDULED, UPDATED or CANCELLED. */
  readonly action: string;
  readonly dialogId: string;
  readonly callbackTime: string;
  readonly callbackNumber: string;
}

export interface ControlEvent extends EventBase {
  readonly kind: 'Control';
  readonly code: string;
  /** A notification for the user, shown for a few seconds by GC's own client. */
  readonly message: string;
  readonly detail: readonly string[];
}

export interface ErrorEvent extends EventBase {
  readonly kind: 'Error';
  /** MISSING_EXTENSION, USER_NOT_FOUND, CF_RESOURCE_BUSY, … when GC sends one. */
  readonly code: string;
  readonly message: string;
  readonly detail: readonly string[];
}

export type GcEvent =
  | InServiceEvent
  | OutOfServiceEvent
  | AgentInfoEvent
  | StateEvent
  | ReasonCodesEvent
  | NewInboundCallEvent
  | InboundCallEvent
  | ConsultCallEvent
  | QueueListEvent
  | TeamUsersListEvent
  | PhonebooksEvent
  | TeamPhonebooksEvent
  | PhonebookContactsEvent
  | SkillGroupsEvent
  | SupervisorsEvent
  | CallbackEvent
  | ControlEvent
  | ErrorEvent;

export type GcEventKind = GcEvent['kind'];

/** An event whose name the catalog does not know: kept whole so nothing is lost. */
export interface UnknownEvent {
  readonly kind: 'unknown';
  readonly receiver: string;
  readonly name: string;
  readonly raw: string;
}

/** A known event (or no event at all) whose text breaks its layout. */
export interface MalformedEvent {
  readonly kind: 'malformed';
  /** The event's wire name when it could be read, else ''. */
  readonly name: string;
  /** The field that broke the layout, e.g. `state` or `queues[2].callsInQueue`. */
  readonly field: string;
  readonly reason: string;
  readonly raw: string;
}

export type DecodedEvent = GcEvent | UnknownEvent | MalformedEvent;
