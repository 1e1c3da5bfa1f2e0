// The one API contract between the renderer and the main process (ARCHITECTURE.md, "One API
// contract"). Main implements DeskApi once (the Desk); the Electron shell binds it to IPC, the
// browser host to a loopback WebSocket, the CLI calls it directly. The renderer knows only
// `window.switchboard: DeskApi`. This file is shared by every target, so it imports nothing
// and holds only types and pure functions.

/** Every DeskApi call resolves (never rejects) with a value or an error a person can read. */
export type Result<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: DeskError };

export interface DeskError {
  /** Stable, machine-readable: `not-connected`, `reserved-character`, `receipt-timeout`, … */
  readonly code: string;
  /** Plain words for the agent: what happened and, where it helps, what to do. */
  readonly message: string;
  /** For validation errors: the input field at fault. */
  readonly field?: string;
}

// ---------------------------------------------------------------------------------------------
// State: one snapshot, published to the bridges per slice.

export type ConnectionStatus =
  'idle' | 'connecting' | 'connected' | 'in-service' | 'out-of-service' | 'reconnecting' | 'stopped';

export interface ConnectionSlice {
  readonly status: ConnectionStatus;
  readonly mode: 'demo' | 'broker';
  readonly url: string | undefined;
  readonly attempt: number;
  /** When the next reconnection attempt starts (epoch ms), while reconnecting. */
  readonly nextAttemptAt: number | undefined;
  readonly lastError: DeskError | undefined;
  /** After a reconnect, until fresh state has arrived: what is shown may be out of date. */
  readonly stale: boolean;
}

export type SignInState = 'signed-out' | 'signing-in' | 'signed-in' | 'signing-out';

export interface ReasonCodeView {
  readonly id: string;
  readonly label: string;
}

export interface AgentSlice {
  readonly signIn: SignInState;
  readonly agentId: string | undefined;
  readonly extension: string | undefined;
  readonly firstName: string;
  readonly lastName: string;
  readonly fullName: string;
  readonly isSupervisor: boolean;
  /** REQUIRED, OPTIONAL, NOT_ALLOWED, … */
  readonly wrapUpMode: string;
  readonly teamId: string | undefined;
  readonly teams: readonly { readonly id: string; readonly name: string }[];
  readonly mobile: { readonly dialNumber: string; readonly mode: 'call-by-call' | 'nailed' } | undefined;
  /** GC's agent state: LOGOUT, NOT_READY, READY, RESERVED, TALKING, HOLD, WORK, WORK_READY, … */
  readonly state: string;
  readonly reasonCodeId: string;
  readonly reasonLabel: string;
  readonly pendingState: string;
  /** When the current state began (epoch ms). */
  readonly stateSince: number | undefined;
  readonly reasonCodes: {
    readonly notReady: readonly ReasonCodeView[];
    readonly logout: readonly ReasonCodeView[];
    readonly wrapUp: readonly ReasonCodeView[];
  };
  readonly skillGroups: readonly { readonly id: string; readonly name: string }[];
  readonly supervisors: readonly {
    readonly loginId: string;
    readonly firstName: string;
    readonly lastName: string;
    readonly extension: string;
  }[];
}

export interface ParticipantView {
  readonly address: string;
  readonly state: string;
  readonly tag: string;
  readonly role: string;
}

export interface DialogView {
  readonly id: string;
  /** How the desk shows it: a consult leg I started, a preview to decide, a monitor call, … */
  readonly kind: 'call' | 'consult' | 'preview' | 'monitor';
  /** GC's dialog state from this agent's side: ALERTING, ACTIVE, HELD, INITIATED, … */
  readonly state: string;
  readonly callType: string;
  /** The party shown for the call: caller, called number, consulted extension. */
  readonly otherParty: string;
  readonly queueName: string;
  readonly callVariables: readonly { readonly name: string; readonly value: string }[];
  readonly participants: readonly ParticipantView[];
  /** Consult legs: the main call. */
  readonly associatedDialogId: string | undefined;
  /** Epoch ms (the desk's clock). */
  readonly startedAt: number;
  readonly answeredAt: number | undefined;
  readonly heldAt: number | undefined;
  /** Completed hold time, excluding the current hold. */
  readonly heldMs: number;
}

export interface DialogsSlice {
  /** Live dialogs, oldest first. */
  readonly items: readonly DialogView[];
  /** The last dialog that ended, for wrap-up and callbacks. */
  readonly lastEnded: DialogView | undefined;
  /** The wrap-up reason recorded for a dialog (the last one set). */
  readonly wrapUp:
    { readonly dialogId: string; readonly reasonCode: string; readonly label: string } | undefined;
}

export interface CallbackView {
  readonly dialogId: string;
  readonly callbackTime: string;
  readonly callbackNumber: string;
  /** 'scheduled' once GC confirmed; 'queued' while it waits in the offline outbox. */
  readonly status: 'scheduled' | 'queued' | 'sending';
}

export interface OutboxItemView {
  readonly id: string;
  readonly action: 'schedule' | 'update' | 'cancel';
  readonly dialogId: string;
  readonly queuedAt: number;
}

export interface CallbacksSlice {
  readonly items: readonly CallbackView[];
  /** Callback commands waiting to be sent when the connection is back. */
  readonly outbox: readonly OutboxItemView[];
}

export interface PhonebookView {
  readonly id: string;
  readonly name: string;
  readonly type: string;
}

export interface ContactView {
  readonly id: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly phoneNumber: string;
  readonly description: string;
}

export interface PhonebooksSlice {
  readonly global: readonly PhonebookView[];
  readonly team: readonly PhonebookView[];
  /** Contacts per loaded phonebook id. */
  readonly contacts: Readonly<Record<string, readonly ContactView[]>>;
  readonly loading: readonly string[];
}

export interface TeamMemberView {
  readonly loginId: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly extension: string;
  readonly state: string;
  readonly pendingState: string;
  readonly reasonLabel: string;
  /** Epoch ms when the state began (from GC's time where it gives one). */
  readonly stateSince: number | undefined;
}

export interface TeamSlice {
  readonly teamId: string | undefined;
  /** Keyed by login id. */
  readonly members: Readonly<Record<string, TeamMemberView>>;
}

export interface QueuesSlice {
  readonly form: 'ucce' | 'uccx' | undefined;
  readonly queues: readonly Readonly<Record<string, string | number>>[];
  readonly updatedAt: number | undefined;
}

export interface NoticeView {
  readonly id: number;
  readonly level: 'info' | 'warning' | 'error';
  /** GC's code (USER_NOT_FOUND, …) or the desk's own. */
  readonly code: string;
  readonly message: string;
  readonly at: number;
}

export interface NoticesSlice {
  /** Newest last; capped. */
  readonly items: readonly NoticeView[];
}

export interface DeskState {
  readonly connection: ConnectionSlice;
  readonly agent: AgentSlice;
  readonly dialogs: DialogsSlice;
  readonly callbacks: CallbacksSlice;
  readonly phonebooks: PhonebooksSlice;
  readonly team: TeamSlice;
  readonly queues: QueuesSlice;
  readonly notices: NoticesSlice;
}

export type SliceName = keyof DeskState;

/**
 * What changed since the last patch: whole slices, except the team's members, which come as
 * the members that changed (a supervisor's 2,000-agent team must not travel whole on every
 * state change). `teamReset` says the member list was replaced rather than updated.
 */
export interface DeskPatch {
  readonly version: number;
  readonly slices: Partial<Omit<DeskState, 'team'>>;
  readonly team?: {
    readonly teamId: string | undefined;
    readonly reset: boolean;
    readonly members: readonly TeamMemberView[];
    readonly removed: readonly string[];
  };
}

/** Applies a patch to a snapshot: what every bridge's far side (the renderer) does. */
export function applyPatch(state: DeskState, patch: DeskPatch): DeskState {
  let next: DeskState = { ...state, ...patch.slices };
  if (patch.team) {
    const members: Record<string, TeamMemberView> = patch.team.reset ? {} : { ...state.team.members };
    // Defined, not assigned: a login id such as `__proto__` must stay a member, not become the
    // record's prototype.
    for (const member of patch.team.members) {
      Object.defineProperty(members, member.loginId, {
        value: member,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    for (const id of patch.team.removed) delete members[id];
    next = { ...next, team: { teamId: patch.team.teamId, members } };
  }
  return next;
}

// ---------------------------------------------------------------------------------------------
// Actions

export interface SignInInput {
  readonly agentId: string;
  /** Omit to use the password remembered in the OS keychain. */
  readonly password?: string;
  readonly extension: string;
  readonly rememberPassword?: boolean;
  readonly mobile?: { readonly dialNumber: string; readonly mode: 'call-by-call' | 'nailed' };
}

// ---------------------------------------------------------------------------------------------
// Connection setup: the demo contact center or a real broker (the sign-in view's choice)

/** How this desk connects, as settings.json and the keychain have it. Never a secret. */
export interface ConnectionSetupView {
  readonly mode: 'demo' | 'broker';
  /** No settings file yet: nobody has chosen, and the desk started in demo mode. */
  readonly firstRun: boolean;
  /** Preferred first; empty on first run. */
  readonly brokerUrls: readonly string[];
  /** Empty when none is configured. */
  readonly brokerUser: string;
  readonly commandQueue: string;
  readonly clientDestination: string;
  /** Empty when none is configured. */
  readonly caFile: string;
  /** The keychain holds a passcode for this broker user on the first broker's host. */
  readonly hasPasscode: boolean;
}

export type ConnectionSetupInput =
  | { readonly mode: 'demo' }
  | {
      readonly mode: 'broker';
      readonly brokerUrls: readonly string[];
      readonly brokerUser?: string;
      /** Kept in the OS keychain. Omit to keep the one stored for this user and host. */
      readonly brokerPasscode?: string;
      /** Default: as configured (Connector1). */
      readonly commandQueue?: string;
      /** Default: as configured (switchboard-<host>-<user>). */
      readonly clientDestination?: string;
      /** An absolute path to a PEM file; empty or omitted: none. */
      readonly caFile?: string;
    };

export interface DeskApi {
  getState(): Promise<Result<DeskState>>;
  /** Patches as the state changes (coalesced); returns the unsubscribe function. */
  subscribe(onPatch: (patch: DeskPatch) => void): () => void;

  signIn(input: SignInInput): Promise<Result<void>>;
  signOut(input?: { readonly reasonCode?: string }): Promise<Result<void>>;
  setReady(): Promise<Result<void>>;
  setNotReady(input?: { readonly reasonCode?: string }): Promise<Result<void>>;
  /** The wrap-up reason of a call (default: the last one that ended). */
  setWrapUpReason(input: { readonly reasonCode: string; readonly dialogId?: string }): Promise<Result<void>>;

  makeCall(input: { readonly number: string }): Promise<Result<void>>;
  answer(input: { readonly dialogId: string }): Promise<Result<void>>;
  hold(input: { readonly dialogId: string }): Promise<Result<void>>;
  retrieve(input: { readonly dialogId: string }): Promise<Result<void>>;
  release(input: { readonly dialogId: string }): Promise<Result<void>>;
  consult(input: { readonly dialogId: string; readonly target: string }): Promise<Result<void>>;
  completeTransfer(input: { readonly dialogId: string; readonly target: string }): Promise<Result<void>>;
  completeConference(input: { readonly dialogId: string; readonly target: string }): Promise<Result<void>>;
  blindTransfer(input: { readonly dialogId: string; readonly target: string }): Promise<Result<void>>;

  acceptPreview(input: { readonly dialogId: string }): Promise<Result<void>>;
  rejectPreview(input: { readonly dialogId: string }): Promise<Result<void>>;
  closePreview(input: { readonly dialogId: string }): Promise<Result<void>>;
  reclassify(input: { readonly dialogId: string; readonly value: string }): Promise<Result<void>>;

  scheduleCallback(input: {
    readonly dialogId: string;
    readonly callbackTime: string;
    readonly callbackNumber: string;
  }): Promise<Result<void>>;
  updateCallback(input: {
    readonly dialogId: string;
    readonly callbackTime: string;
    readonly callbackNumber: string;
  }): Promise<Result<void>>;
  cancelCallback(input: { readonly dialogId: string }): Promise<Result<void>>;

  loadSkillGroups(): Promise<Result<void>>;
  loadSupervisors(): Promise<Result<void>>;
  loadPhonebooks(): Promise<Result<void>>;
  loadContacts(input: { readonly phonebookId: string }): Promise<Result<void>>;
  searchContacts(input: {
    readonly query: string;
    readonly limit?: number;
  }): Promise<Result<readonly ContactView[]>>;

  loadTeam(input: { readonly teamId: string }): Promise<Result<void>>;
  forceReady(input: { readonly agentId: string }): Promise<Result<void>>;
  forceNotReady(input: { readonly agentId: string; readonly reasonCode?: string }): Promise<Result<void>>;
  forceSignOut(input: { readonly agentId: string }): Promise<Result<void>>;
  silentMonitor(input: { readonly extension: string }): Promise<Result<void>>;
  endMonitor(input: { readonly dialogId: string }): Promise<Result<void>>;
  bargeIn(input: { readonly dialogId: string }): Promise<Result<void>>;
  dropParticipant(input: { readonly dialogId: string; readonly extension: string }): Promise<Result<void>>;
  /** Queue statistics are polled while a view shows them. */
  watchQueues(input: { readonly visible: boolean }): Promise<Result<void>>;

  reconnectNow(): Promise<Result<void>>;

  /** Where this desk hosts no connection settings (the CLI), an error says so. */
  getConnectionSetup(): Promise<Result<ConnectionSetupView>>;
  /**
   * Saves the choice (settings.json; the passcode into the OS keychain) and reconnects with it.
   * Only while signed out.
   */
  setUpConnection(input: ConnectionSetupInput): Promise<Result<void>>;
}

/** What the shell asks of the page besides desk state: a tel:/callto:/sip: link for the dial pad. */
export interface DialRequest {
  /** A dial string: `+` and digits. */
  readonly number: string;
  /** An extension (`;ext=`), shown with the number; not dialled. */
  readonly extension: string | undefined;
}

/** `window.switchboardShell` in the Electron shell (absent in a browser). */
export interface ShellEvents {
  /** Returns the function that stops listening. */
  onDialRequest(listener: (request: DialRequest) => void): () => void;
}

/** Method names, for the bridges (IPC channels, WebSocket calls) to validate against. */
export const DESK_METHODS = [
  'getState',
  'signIn',
  'signOut',
  'setReady',
  'setNotReady',
  'setWrapUpReason',
  'makeCall',
  'answer',
  'hold',
  'retrieve',
  'release',
  'consult',
  'completeTransfer',
  'completeConference',
  'blindTransfer',
  'acceptPreview',
  'rejectPreview',
  'closePreview',
  'reclassify',
  'scheduleCallback',
  'updateCallback',
  'cancelCallback',
  'loadSkillGroups',
  'loadSupervisors',
  'loadPhonebooks',
  'loadContacts',
  'searchContacts',
  'loadTeam',
  'forceReady',
  'forceNotReady',
  'forceSignOut',
  'silentMonitor',
  'endMonitor',
  'bargeIn',
  'dropParticipant',
  'watchQueues',
  'reconnectNow',
  'getConnectionSetup',
  'setUpConnection',
] as const satisfies readonly Exclude<keyof DeskApi, 'subscribe'>[];

export type DeskMethod = (typeof DESK_METHODS)[number];
