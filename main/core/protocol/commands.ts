// The command catalog: every command Switchboard can send to GC, in one declarative table.
// Each entry gives the JMSType prefix as it travels (misspellings included: the seed's wire
// strings are the truth), what the `#<id>` part holds, the body parameters in order, the events
// GC answers with, and where we know it from. Types for the codec are derived from this table.

import type { Provenance } from './provenance.ts';

/** What the `<id>` after `#` in the JMSType holds. */
export type CommandTarget =
  | 'clientDestination' // the client's own topic name (Hello, Beat)
  | 'agent' // the signed-in agent's login id
  | 'teamMember' // a supervisor acting on an agent: that agent's login id (GC-REFERENCE §4.2)
  | 'supervisor'; // the supervisor's own login id

interface TextParameter<N extends string = string> {
  readonly name: N;
  readonly kind: 'text';
  readonly optional?: boolean;
  readonly description: string;
}
interface BooleanParameter<N extends string = string> {
  readonly name: N;
  readonly kind: 'boolean';
  readonly optional?: boolean;
  readonly description: string;
}
/** A constant the body must carry at this position (`RejectOutboundPreview` ends with `REJECT`). */
interface LiteralParameter {
  readonly kind: 'literal';
  readonly value: string;
  readonly description: string;
}
export type ParameterSpec = TextParameter | BooleanParameter | LiteralParameter;

export interface CommandSpec {
  readonly wire: string;
  readonly target: CommandTarget;
  readonly params: readonly ParameterSpec[];
  readonly replies: readonly string[];
  readonly provenance: Provenance;
  readonly summary: string;
  /** Where the sources disagree or are silent, in a sentence. */
  readonly note?: string;
}

const text = <N extends string>(name: N, description: string) =>
  ({ name, kind: 'text', description }) as const;
const optionalText = <N extends string>(name: N, description: string) =>
  ({ name, kind: 'text', optional: true, description }) as const;
const flag = <N extends string>(name: N, description: string) =>
  ({ name, kind: 'boolean', description }) as const;
const optionalFlag = <N extends string>(name: N, description: string) =>
  ({ name, kind: 'boolean', optional: true, description }) as const;
const literal = <V extends string>(value: V, description: string) =>
  ({ kind: 'literal', value, description }) as const;

const dialogId = text('dialogId', 'The id of the dialog (call) the command acts on.');
const extension = text('extension', 'An extension: the other agent’s, or the requesting agent’s own.');

export const COMMANDS = {
  // --- System / session (GC-REFERENCE §3, §4.1)
  Hello: {
    wire: 'Hello',
    target: 'clientDestination',
    params: [],
    replies: ['IN_SERVICE', 'OUT_OF_SERVICE'],
    provenance: 'gc-docs',
    summary: 'Service probe and heartbeat before login; GC answers with its system status.',
    note: 'The JTAPI table writes Hello#<client_extension>; the JSON API and the client use the destination.',
  },
  Beat: {
    wire: 'Beat',
    target: 'clientDestination',
    params: [],
    replies: ['IN_SERVICE', 'OUT_OF_SERVICE'],
    provenance: 'gc-docs',
    summary: 'Heartbeat while an agent is logged in.',
  },
  Connect: {
    wire: 'Connect',
    target: 'agent',
    params: [
      text('clientDestination', 'The client’s topic name, where GC publishes this agent’s events.'),
      text('password', 'The agent’s password.'),
      optionalText('sso', 'Newer GC: the SSO marker for SSO-enabled users.'),
    ],
    replies: [],
    provenance: 'gc-docs',
    summary: 'Binds the agent to this client’s destination; GC subscribes the agent at Finesse.',
  },
  Login: {
    wire: 'Login',
    target: 'agent',
    params: [text('password', 'The agent’s password.'), text('extension', 'The agent’s extension.')],
    replies: ['State', 'AgentInfo'],
    provenance: 'gc-docs',
    summary: 'Signs the agent in to Finesse on an extension.',
  },
  MobileAgentLogin: {
    wire: 'MOBILEAGENTLOGIN',
    target: 'agent',
    params: [
      text('password', 'The agent’s password.'),
      text('extension', 'The agent’s extension (the CTI port).'),
      text('dialNumber', 'The phone number the system calls to reach the mobile agent.'),
      flag('callByCall', '`true` for call-by-call, `false` for a nailed connection.'),
    ],
    replies: ['AgentInfo', 'State'],
    provenance: 'seed',
    summary: 'Signs a mobile agent in, reached on an outside number.',
    note: 'The JTAPI tables spell it MobileAgentLogin; the seed’s MOBILEAGENTLOGIN wins.',
  },
  Logout: {
    wire: 'Logout',
    target: 'teamMember',
    params: [],
    replies: ['State'],
    provenance: 'gc-docs',
    summary: 'Signs the agent out; a supervisor sends it with a team member’s id to sign them out.',
    note: 'The public client sends lower-case logout#; the documented spelling is sent.',
  },
  LogoutWithReason: {
    wire: 'logoutwithreason',
    target: 'teamMember',
    params: [text('reasonCode', 'The id of a logout reason code.')],
    replies: ['State'],
    provenance: 'client-code',
    summary: 'Signs the agent out with a logout reason.',
  },
  ForceLogout: {
    wire: 'force_logout',
    target: 'agent',
    params: [],
    replies: ['State'],
    provenance: 'client-code',
    summary: 'Abrupt disconnection: ends the agent’s session as a logout would.',
  },

  // --- Agent state (§4.2, §4.3)
  MakeReady: {
    wire: 'MakeReady',
    target: 'teamMember',
    params: [],
    replies: ['State'],
    provenance: 'gc-docs',
    summary: 'Makes the agent ready; a supervisor sends it with a team member’s id.',
  },
  MakeNotReady: {
    wire: 'MakeNotReady',
    target: 'teamMember',
    params: [],
    replies: ['State'],
    provenance: 'gc-docs',
    summary: 'Makes the agent not ready without a reason; also the supervisor’s force not ready.',
  },
  MakeNotReadyWithReason: {
    wire: 'MakeNotReadyWithReason',
    target: 'teamMember',
    params: [text('reasonCode', 'The id of a not-ready reason code.')],
    replies: ['State'],
    provenance: 'gc-docs',
    summary: 'Makes the agent not ready with a reason code.',
  },
  GetState: {
    wire: 'GetState',
    target: 'agent',
    params: [],
    replies: ['State'],
    provenance: 'gc-docs',
    summary: 'Asks for the agent’s current state.',
  },
  GetNotReadyReasonCodes: {
    wire: 'reasoncodenotready',
    target: 'agent',
    params: [],
    replies: ['ReasonCodes'],
    provenance: 'gc-docs',
    summary: 'Asks for the not-ready reason codes.',
  },
  GetLogoutReasonCodes: {
    wire: 'reasoncodelogout',
    target: 'agent',
    params: [],
    replies: ['ReasonCodes'],
    provenance: 'gc-docs',
    summary: 'Asks for the logout reason codes.',
  },
  UpdateWrapUpReason: {
    wire: 'updatewrapupreason',
    target: 'agent',
    params: [
      text('dialogId', 'The dialog that was wrapped up.'),
      text('reasonCode', 'The id of a wrap-up reason code.'),
    ],
    replies: [],
    provenance: 'inferred',
    summary: 'Records the wrap-up reason of a call the agent handled; GC sends no reply.',
    note: 'The docs list "Update Dialog Wrap-up Codes" (no response) without its message type; this spelling follows wrapupreasoncode. Override it for your GC.',
  },
  GetWrapUpReasonCodes: {
    wire: 'wrapupreasoncode',
    target: 'agent',
    params: [],
    replies: ['ReasonCodes'],
    provenance: 'gc-docs',
    summary: 'Asks for the wrap-up reason codes.',
  },

  // --- Call control (§4.4)
  MakeCall: {
    wire: 'MakeCall',
    target: 'agent',
    params: [text('number', 'The number or extension to call.')],
    replies: ['InboundCall'],
    provenance: 'gc-docs',
    summary: 'Places a call from the agent’s extension.',
    note: 'The docs print `MakeCall# <id>` with a stray space; none is sent.',
  },
  AnswerCall: {
    wire: 'AnswerCall',
    target: 'agent',
    params: [dialogId],
    replies: ['InboundCall'],
    provenance: 'gc-docs',
    summary: 'Answers a ringing dialog.',
  },
  HoldCall: {
    wire: 'HoldCall',
    target: 'agent',
    params: [dialogId],
    replies: ['InboundCall'],
    provenance: 'gc-docs',
    summary: 'Puts a dialog on hold (also the supervisor’s monitor call).',
  },
  RetrieveCall: {
    wire: 'RetrieveCall',
    target: 'agent',
    params: [dialogId],
    replies: ['InboundCall'],
    provenance: 'gc-docs',
    summary: 'Takes a held dialog back.',
  },
  ReleaseCall: {
    wire: 'ReleaseCall',
    target: 'agent',
    params: [dialogId],
    replies: ['InboundCall'],
    provenance: 'gc-docs',
    summary: 'Hangs up a dialog (with the consult dialog id, drops the consult leg).',
  },
  GetDialogState: {
    wire: 'GetDialogState',
    target: 'agent',
    params: [dialogId],
    replies: ['InboundCall'],
    provenance: 'client-code',
    summary: 'Asks for a dialog’s current state.',
    note: 'The reply’s name is unknown; Switchboard expects the dialog’s InboundCall event.',
  },

  // --- Transfer and conference (§4.5)
  ConsultCall: {
    wire: 'ConsultCall',
    target: 'agent',
    params: [text('extension', 'The number to consult.'), text('dialogId', 'The main call’s dialog id.')],
    replies: ['ConsultCall', 'InboundCall'],
    provenance: 'client-code',
    summary: 'Starts a consult call (the first step of a transfer or conference); the main call is held.',
  },
  TransferCall: {
    wire: 'TransferCall',
    target: 'agent',
    params: [
      text('extension', 'The second agent’s extension.'),
      text('dialogId', 'The main call’s dialog id.'),
    ],
    replies: ['InboundCall', 'ConsultCall', 'State'],
    provenance: 'seed',
    summary: 'Completes a consult transfer.',
  },
  ConferenceCall: {
    wire: 'Conferencecall',
    target: 'agent',
    params: [
      text('extension', 'The second agent’s extension.'),
      text('dialogId', 'The main call’s dialog id.'),
    ],
    replies: ['InboundCall', 'ConsultCall'],
    provenance: 'seed',
    summary: 'Completes a consult conference.',
    note: 'The seed spells it Conferencecall; the public client sends ConferenceCall.',
  },
  BlindTransfer: {
    wire: 'Transfer_sst',
    target: 'agent',
    params: [text('number', 'The number to transfer to.'), dialogId],
    replies: ['InboundCall'],
    provenance: 'gc-docs',
    summary: 'Single-step (blind) transfer.',
  },

  // --- Outbound preview (seed)
  AcceptOutboundPreview: {
    wire: 'AcceptOutboundPreview',
    target: 'agent',
    params: [dialogId, literal('ACCEPT', 'The action, always ACCEPT.')],
    replies: ['InboundCall'],
    provenance: 'inferred',
    summary: 'Accepts a preview reservation so the dialer places the call.',
    note: 'No source names it; built by analogy with RejectOutboundPreview. Override the wire name if your GC differs.',
  },
  RejectOutboundPreview: {
    wire: 'RejectOutboundPreview',
    target: 'agent',
    params: [dialogId, literal('REJECT', 'The action, always REJECT.')],
    replies: [],
    provenance: 'seed',
    summary: 'Rejects a preview reservation; the dialer may offer it again later.',
  },
  CloseOutboundPreview: {
    wire: 'CloseOutboundPreview',
    target: 'agent',
    params: [dialogId, literal('CLOSE', 'The action, always CLOSE.')],
    replies: [],
    provenance: 'seed',
    summary: 'Closes a preview reservation: the customer record is not called again.',
  },
  ReclassifyCall: {
    wire: 'RECLASSIFYCALL',
    target: 'agent',
    params: [
      extension,
      dialogId,
      text('value', 'The classification (for example VOICE, FAX, ANS_MACHINE, INVALID).'),
    ],
    replies: [],
    provenance: 'seed',
    summary: 'Reclassifies an outbound call.',
  },

  // --- Callbacks (seed)
  ScheduleCallback: {
    wire: 'SHCEDULECALLBACK',
    target: 'agent',
    params: [
      extension,
      dialogId,
      text('callbackTime', 'When to call back.'),
      text('callbackNumber', 'The number to call back.'),
    ],
    replies: [],
    provenance: 'seed',
    summary: 'Schedules a callback for the customer of a dialog.',
  },
  UpdateCallback: {
    wire: 'UPDATECALLBACK',
    target: 'agent',
    params: [
      extension,
      dialogId,
      text('callbackTime', 'The new time.'),
      text('callbackNumber', 'The new number.'),
    ],
    replies: [],
    provenance: 'seed',
    summary: 'Changes a scheduled callback.',
  },
  CancelCallback: {
    wire: 'CANCELSHCEDULECALLBACK',
    target: 'agent',
    params: [extension, dialogId],
    replies: [],
    provenance: 'seed',
    summary: 'Cancels a scheduled callback.',
  },

  // --- Lookups
  GetSkillGroups: {
    wire: 'GETSKILLGROPU',
    target: 'agent',
    params: [],
    replies: ['SkillGroups'],
    provenance: 'seed',
    summary: 'Asks for the agent’s skill groups.',
  },
  GetSupervisors: {
    wire: 'GETSUPERVISOR',
    target: 'agent',
    params: [],
    replies: ['Supervisors'],
    provenance: 'seed',
    summary: 'Asks for the agent’s supervisors.',
  },
  GetPhonebooks: {
    wire: 'GetPhonebooks',
    target: 'agent',
    params: [],
    replies: ['Phonebooks'],
    provenance: 'client-code',
    summary: 'Asks for the global phonebooks.',
  },
  GetTeamPhonebooks: {
    wire: 'GetTeamPhonebooks',
    target: 'agent',
    params: [text('teamId', 'The team whose phonebooks to list.')],
    replies: ['TeamPhonebooks'],
    provenance: 'client-code',
    summary: 'Asks for a team’s phonebooks.',
  },
  GetPhonebookContacts: {
    wire: 'GetPhonebookContacts',
    target: 'agent',
    params: [text('phonebookId', 'The phonebook whose contacts to list.')],
    replies: ['PhonebookContacts'],
    provenance: 'client-code',
    summary: 'Asks for the contacts of one phonebook.',
  },

  // --- Supervisor (§4.7)
  GetQueueList: {
    wire: 'getqueuelist',
    target: 'agent',
    params: [],
    replies: ['QueueList'],
    provenance: 'gc-docs',
    summary: 'Asks for the queues of the user with their statistics.',
  },
  GetTeamUsers: {
    wire: 'getteamusers',
    target: 'supervisor',
    params: [
      text('teamId', 'The team to list.'),
      optionalFlag('includeLoggedOut', 'The public client always sends true here; meaning inferred.'),
    ],
    replies: ['TeamUsersList'],
    provenance: 'gc-docs',
    summary: 'Asks for the members of a supervisor’s team; live State events follow.',
  },
  SilentMonitor: {
    wire: 'silentmonitor',
    target: 'supervisor',
    params: [text('extension', 'The monitored agent’s extension.')],
    replies: ['InboundCall'],
    provenance: 'client-code',
    summary: 'Starts silently monitoring an agent.',
  },
  EndSilentMonitor: {
    wire: 'endsilentmonitor',
    target: 'supervisor',
    params: [text('dialogId', 'The monitor call’s dialog id.')],
    replies: ['InboundCall'],
    provenance: 'client-code',
    summary: 'Ends a silent monitor.',
  },
  BargeIn: {
    wire: 'bargein',
    target: 'supervisor',
    params: [text('extension', 'The supervisor’s own extension.'), text('dialogId', 'The monitored dialog.')],
    replies: ['InboundCall'],
    provenance: 'client-code',
    summary: 'Barges into a monitored call.',
  },
  DropParticipant: {
    wire: 'dropparticipant',
    target: 'supervisor',
    params: [text('extension', 'The participant to drop.'), dialogId],
    replies: ['InboundCall', 'Control'],
    provenance: 'client-code',
    summary: 'Drops a participant from a conference.',
  },
} as const satisfies Record<string, CommandSpec>;

type CommandTable = typeof COMMANDS;
export type CommandName = keyof CommandTable;
export const COMMAND_NAMES = Object.keys(COMMANDS) as CommandName[];

type Simplify<T> = { [K in keyof T]: T[K] } & {};
type ValueOfKind<K> = K extends 'boolean' ? boolean : string;
type FieldsOf<P> = P extends readonly [infer Head, ...infer Rest]
  ? (Head extends { kind: 'literal' }
      ? unknown
      : Head extends { name: infer N extends string; kind: infer K; optional: true }
        ? { [Key in N]?: ValueOfKind<K> }
        : Head extends { name: infer N extends string; kind: infer K }
          ? { [Key in N]: ValueOfKind<K> }
          : unknown) &
      FieldsOf<Rest>
  : unknown;

/** A command as the codec takes it: `{ name: 'MakeCall', id: '1001', number: '5551234' }`. */
export type CommandOf<N extends CommandName> = Simplify<
  { name: N; id: string } & FieldsOf<CommandTable[N]['params']>
>;
export type Command = { [N in CommandName]: CommandOf<N> }[CommandName];
