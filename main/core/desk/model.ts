// The desk's model: a pure reducer from what happens (decoded GC events, session status, the
// desk's own bookkeeping) to DeskState, reporting which slices changed so the bridges publish
// only those. No I/O, no clock: every input carries its time.

import type {
  AgentSlice,
  CallbackView,
  DeskState,
  DialogView,
  NoticeView,
  OutboxItemView,
  SliceName,
  TeamMemberView,
} from '../../../preload/contract.ts';
import type { GcSessionStatus } from '../broker/gc-session.ts';
import type { ConsultCallEvent, DecodedEvent, InboundCallEvent } from '../protocol/index.ts';
import { plainGcError } from './gc-errors.ts';

export type DeskInput =
  | { readonly type: 'event'; readonly event: DecodedEvent; readonly at: number }
  | { readonly type: 'session'; readonly status: GcSessionStatus; readonly at: number }
  | {
      readonly type: 'sign-in-started';
      readonly agentId: string;
      readonly extension: string;
      readonly mobile?: AgentSlice['mobile'];
    }
  | { readonly type: 'sign-in-failed' }
  | { readonly type: 'sign-out-started' }
  | { readonly type: 'contacts-requested'; readonly phonebookId: string }
  | { readonly type: 'team-requested'; readonly teamId: string }
  | { readonly type: 'outbox'; readonly items: readonly OutboxItemView[] }
  /** The desk now talks to another contact center (demo or broker): what it knew is gone. */
  | { readonly type: 'connection-changed'; readonly mode: 'demo' | 'broker' }
  /** GC no longer knows a dialog the desk shows: it ended while the desk could not hear it. */
  | { readonly type: 'dialog-gone'; readonly dialogId: string }
  | {
      readonly type: 'wrap-up-recorded';
      readonly dialogId: string;
      readonly reasonCode: string;
      readonly label: string;
    }
  | {
      readonly type: 'notice';
      readonly level: NoticeView['level'];
      readonly code: string;
      readonly message: string;
      readonly at: number;
    };

export interface DeskChange {
  readonly state: DeskState;
  readonly changed: ReadonlySet<SliceName>;
  /** Team members whose entry changed (team slice only). */
  readonly changedMembers: readonly string[];
  /** The member list was replaced as a whole. */
  readonly teamReset: boolean;
}

export const MAX_NOTICES = 50;
/**
 * What the wire alone could otherwise grow without end (a broken or hostile producer flooding
 * the client topic): live dialogs and callbacks keep the newest; a State for an agent not yet in
 * the team adds a member only below MAX_TEAM_MEMBERS (a TeamUsersList is taken whole). Without
 * these, every update copies an ever larger slice and a storm of a few thousand events stalls
 * the desk.
 */
export const MAX_DIALOGS = 32;
export const MAX_CALLBACKS = 500;
export const MAX_TEAM_MEMBERS = 1_000;

export function initialDeskState(mode: 'demo' | 'broker'): DeskState {
  return {
    connection: {
      status: 'idle',
      mode,
      url: undefined,
      attempt: 0,
      nextAttemptAt: undefined,
      lastError: undefined,
      stale: false,
    },
    agent: signedOutAgent(),
    dialogs: { items: [], lastEnded: undefined, wrapUp: undefined },
    callbacks: { items: [], outbox: [] },
    phonebooks: { global: [], team: [], contacts: {}, loading: [] },
    team: { teamId: undefined, members: {} },
    queues: { form: undefined, queues: [], updatedAt: undefined },
    notices: { items: [] },
  };
}

function signedOutAgent(): AgentSlice {
  return {
    signIn: 'signed-out',
    agentId: undefined,
    extension: undefined,
    firstName: '',
    lastName: '',
    fullName: '',
    isSupervisor: false,
    wrapUpMode: '',
    teamId: undefined,
    teams: [],
    mobile: undefined,
    state: 'LOGOUT',
    reasonCodeId: '',
    reasonLabel: '',
    pendingState: '',
    stateSince: undefined,
    reasonCodes: { notReady: [], logout: [], wrapUp: [] },
    skillGroups: [],
    supervisors: [],
  };
}

/** Collects the new slices and what changed; `done()` gives the result. */
class Change {
  readonly changed = new Set<SliceName>();
  readonly members: string[] = [];
  teamReset = false;
  state: DeskState;

  constructor(state: DeskState) {
    this.state = state;
  }

  set<K extends SliceName>(slice: K, value: DeskState[K]): void {
    if (this.state[slice] === value) return;
    this.state = { ...this.state, [slice]: value };
    this.changed.add(slice);
  }

  done(): DeskChange {
    return {
      state: this.state,
      changed: this.changed,
      changedMembers: this.members,
      teamReset: this.teamReset,
    };
  }
}

export function reduceDesk(state: DeskState, input: DeskInput): DeskChange {
  const change = new Change(state);
  switch (input.type) {
    case 'event':
      applyEvent(change, input.event, input.at);
      break;
    case 'session':
      applySession(change, input.status, input.at);
      break;
    case 'sign-in-started':
      change.set('agent', {
        ...signedOutAgent(),
        signIn: 'signing-in',
        agentId: input.agentId,
        extension: input.extension,
        mobile: input.mobile,
      });
      break;
    case 'sign-in-failed':
      change.set('agent', { ...state.agent, signIn: 'signed-out' });
      break;
    case 'sign-out-started':
      change.set('agent', { ...state.agent, signIn: 'signing-out' });
      break;
    case 'contacts-requested':
      change.set('phonebooks', {
        ...state.phonebooks,
        loading: [...state.phonebooks.loading, input.phonebookId],
      });
      break;
    case 'team-requested':
      if (state.team.teamId !== input.teamId) {
        change.set('team', { teamId: input.teamId, members: {} });
        change.teamReset = true;
      }
      break;
    case 'outbox':
      change.set('callbacks', { ...state.callbacks, outbox: input.items });
      break;
    case 'connection-changed': {
      // Only signed out (the desk checks): phonebooks, team, queues and callbacks belonged to the
      // old contact center. Notices and the outbox stay: they are the agent's, not the center's.
      const fresh = initialDeskState(input.mode);
      change.set('connection', fresh.connection);
      change.set('agent', fresh.agent);
      change.set('dialogs', fresh.dialogs);
      change.set('callbacks', { ...fresh.callbacks, outbox: state.callbacks.outbox });
      change.set('phonebooks', fresh.phonebooks);
      change.set('queues', fresh.queues);
      change.set('team', fresh.team);
      change.teamReset = true;
      break;
    }
    case 'dialog-gone': {
      const gone = state.dialogs.items.find((dialog) => dialog.id === input.dialogId);
      if (gone)
        change.set('dialogs', {
          ...state.dialogs,
          items: state.dialogs.items.filter((dialog) => dialog !== gone),
          // As when GC says a dialog ended: only a customer call is what a callback is for.
          lastEnded:
            gone.kind === 'call' ? { ...gone, state: 'DROPPED', heldAt: undefined } : state.dialogs.lastEnded,
        });
      break;
    }
    case 'wrap-up-recorded':
      change.set('dialogs', {
        ...state.dialogs,
        wrapUp: { dialogId: input.dialogId, reasonCode: input.reasonCode, label: input.label },
      });
      break;
    case 'notice':
      addNotice(change, input.level, input.code, input.message, input.at);
      break;
  }
  return change.done();
}

// ---------------------------------------------------------------------------------------------
// Session status

function applySession(change: Change, status: GcSessionStatus, at: number): void {
  const previous = change.state.connection;
  const signedIn = change.state.agent.signIn === 'signed-in';
  switch (status.state) {
    case 'idle':
      return;
    case 'connecting':
      change.set('connection', {
        ...previous,
        status: 'connecting',
        url: status.url,
        attempt: status.attempt,
        nextAttemptAt: undefined,
      });
      return;
    case 'connected':
    case 'in-service':
    case 'out-of-service': {
      // Coming back after a loss: what the desk shows was true before the outage. GC out of
      // service has lost Finesse, so Finesse's events of that time never reach the desk either.
      const cameBack = previous.status === 'reconnecting' || previous.status === 'connecting';
      const missesEvents = cameBack || status.state === 'out-of-service';
      change.set('connection', {
        ...previous,
        status: status.state,
        url: status.url,
        nextAttemptAt: undefined,
        lastError: status.state === 'connected' ? undefined : previous.lastError,
        stale: previous.stale || (missesEvents && signedIn),
      });
      return;
    }
    case 'reconnecting':
      change.set('connection', {
        ...previous,
        status: 'reconnecting',
        attempt: status.attempt,
        nextAttemptAt: at + status.delayMs,
        lastError: status.lastError
          ? { code: status.lastError.code, message: status.lastError.message }
          : previous.lastError,
        stale: previous.stale || signedIn,
      });
      return;
    case 'stopped':
      change.set('connection', {
        ...previous,
        status: 'stopped',
        nextAttemptAt: undefined,
        lastError: status.error
          ? { code: status.error.code, message: status.error.message }
          : previous.lastError,
      });
      return;
  }
}

// ---------------------------------------------------------------------------------------------
// Events

function applyEvent(change: Change, event: DecodedEvent, at: number): void {
  const state = change.state;
  switch (event.kind) {
    case 'State': {
      const own = state.agent.agentId !== undefined && event.agentId === state.agent.agentId;
      if (own) applyOwnState(change, event, at);
      if (!own || Object.hasOwn(state.team.members, event.agentId))
        applyMemberState(change, event.agentId, event, at);
      return;
    }
    case 'AgentInfo':
      if (state.agent.agentId !== undefined && event.receiver !== state.agent.agentId) return;
      change.set('agent', {
        ...state.agent,
        firstName: event.firstName,
        lastName: event.lastName,
        fullName: event.fullName || `${event.firstName} ${event.lastName}`.trim(),
        isSupervisor: event.isSupervisor,
        wrapUpMode: event.wrapUpMode,
        teamId: event.teamId || undefined,
        teams: event.teams,
      });
      return;
    case 'ReasonCodes': {
      const category = event.category.toLowerCase().replace(/[^a-z]/g, '');
      const key =
        category === 'notready'
          ? 'notReady'
          : category === 'logout'
            ? 'logout'
            : category === 'wrapup'
              ? 'wrapUp'
              : undefined;
      if (!key) return;
      change.set('agent', {
        ...state.agent,
        reasonCodes: { ...state.agent.reasonCodes, [key]: event.codes },
      });
      return;
    }
    case 'SkillGroups':
      change.set('agent', { ...state.agent, skillGroups: event.skillGroups });
      return;
    case 'Supervisors':
      change.set('agent', { ...state.agent, supervisors: event.supervisors });
      return;
    case 'NewInboundCall': {
      if (state.dialogs.items.some((dialog) => dialog.id === event.dialogId)) return;
      const associated = event.callVariables.find(
        (variable) => variable.name === 'associatedDialogId',
      )?.value;
      const dialog: DialogView = {
        id: event.dialogId,
        kind: 'call',
        state: 'ALERTING',
        callType: '',
        otherParty: event.ani,
        queueName: event.queueName,
        callVariables: event.callVariables,
        participants: [],
        associatedDialogId: associated || undefined,
        startedAt: at,
        answeredAt: undefined,
        heldAt: undefined,
        heldMs: 0,
      };
      change.set('dialogs', {
        ...state.dialogs,
        items: newest([...state.dialogs.items, dialog], MAX_DIALOGS),
      });
      return;
    }
    case 'InboundCall':
    case 'ConsultCall':
      applyDialog(change, event, at);
      return;
    case 'Callback':
      applyCallback(change, event.action, {
        dialogId: event.dialogId,
        callbackTime: event.callbackTime,
        callbackNumber: event.callbackNumber,
        status: 'scheduled',
      });
      return;
    case 'Phonebooks':
      change.set('phonebooks', { ...state.phonebooks, global: event.phonebooks });
      return;
    case 'TeamPhonebooks':
      change.set('phonebooks', { ...state.phonebooks, team: event.phonebooks });
      return;
    case 'PhonebookContacts': {
      // The event does not name its phonebook: it answers the oldest outstanding request.
      const [phonebookId, ...rest] = state.phonebooks.loading;
      if (phonebookId === undefined) return;
      change.set('phonebooks', {
        ...state.phonebooks,
        loading: rest,
        contacts: { ...state.phonebooks.contacts, [phonebookId]: event.contacts },
      });
      return;
    }
    case 'TeamUsersList': {
      // Object.fromEntries defines own properties: a login id such as `__proto__` stays a member
      // instead of replacing the record's prototype.
      const members: Record<string, TeamMemberView> = Object.fromEntries(
        event.members.map((member): [string, TeamMemberView] => [
          member.loginId,
          {
            loginId: member.loginId,
            firstName: member.firstName,
            lastName: member.lastName,
            extension: member.extension,
            state: member.state,
            pendingState: member.pendingState,
            reasonLabel: member.stateChangeLabel,
            stateSince: parseGcTime(member.stateChangeTime),
          },
        ]),
      );
      change.set('team', { ...state.team, members });
      change.teamReset = true;
      return;
    }
    case 'QueueList':
      change.set('queues', {
        form: event.form,
        queues: event.queues.map((queue) => ({ ...queue })),
        updatedAt: at,
      });
      return;
    case 'Error': {
      if (state.agent.signIn === 'signing-in')
        change.set('agent', { ...change.state.agent, signIn: 'signed-out' });
      addNotice(change, 'error', event.code || 'GC_ERROR', plainGcError(event.code, event.message), at);
      return;
    }
    case 'Control':
      addNotice(change, 'info', event.code || 'GC_NOTICE', event.message || event.code, at);
      return;
    case 'InService':
    case 'OutOfService':
    case 'unknown':
    case 'malformed':
      // Service status arrives through the session; unknown and malformed text is logged by the desk.
      return;
  }
}

function applyOwnState(change: Change, event: Extract<DecodedEvent, { kind: 'State' }>, at: number): void {
  const agent = change.state.agent;
  const moved = agent.state !== event.state || agent.reasonCodeId !== event.reasonCodeId;
  const signIn = event.state === 'LOGOUT' ? 'signed-out' : 'signed-in';
  change.set('agent', {
    ...agent,
    signIn: agent.signIn === 'signing-in' && event.state === 'LOGOUT' ? 'signing-in' : signIn,
    extension: event.extension || agent.extension,
    fullName: agent.fullName || event.fullName,
    state: event.state,
    reasonCodeId: event.reasonCodeId,
    reasonLabel: event.reasonLabel,
    pendingState: event.pendingState,
    stateSince: moved || agent.stateSince === undefined ? at : agent.stateSince,
  });
  // Fresh state from GC: the desk is no longer showing what was true before an outage.
  if (change.state.connection.stale) change.set('connection', { ...change.state.connection, stale: false });
  if (event.state === 'LOGOUT') change.set('dialogs', { ...change.state.dialogs, items: [] });
}

function applyMemberState(
  change: Change,
  agentId: string,
  event: Extract<DecodedEvent, { kind: 'State' }>,
  at: number,
): void {
  const team = change.state.team;
  const previous = Object.hasOwn(team.members, agentId) ? team.members[agentId] : undefined;
  if (!previous && Object.keys(team.members).length >= MAX_TEAM_MEMBERS) return;
  const moved = !previous || previous.state !== event.state || previous.reasonLabel !== event.reasonLabel;
  const [firstName = '', ...rest] = event.fullName.split(' ');
  const member: TeamMemberView = {
    loginId: agentId,
    firstName: previous?.firstName ?? firstName,
    lastName: previous?.lastName ?? rest.join(' '),
    extension: event.extension || previous?.extension || '',
    state: event.state,
    pendingState: event.pendingState,
    reasonLabel: event.reasonLabel,
    stateSince: moved ? at : previous?.stateSince,
  };
  change.set('team', { ...team, members: { ...team.members, [agentId]: member } });
  change.members.push(agentId);
}

function dialogKind(event: InboundCallEvent | ConsultCallEvent): DialogView['kind'] {
  if (event.kind === 'ConsultCall') return 'consult';
  if (event.callType === 'SM') return 'monitor';
  if (event.callType.includes('PREVIEW') && event.state === 'ALERTING') return 'preview';
  return 'call';
}

function applyDialog(change: Change, event: InboundCallEvent | ConsultCallEvent, at: number): void {
  const dialogs = change.state.dialogs;
  const index = dialogs.items.findIndex((dialog) => dialog.id === event.dialogId);
  const previous = index >= 0 ? dialogs.items[index] : undefined;
  const ended = event.state === 'DROPPED' || event.state === 'DROP' || event.state === 'FAILED';
  const otherParty = event.kind === 'ConsultCall' ? event.otherParty : event.fromAddress;
  const heldNow = event.state === 'HELD';
  const wasHeld = previous?.heldAt !== undefined;
  const view: DialogView = {
    id: event.dialogId,
    kind: dialogKind(event),
    state: event.state,
    callType: event.callType,
    otherParty: otherParty || previous?.otherParty || '',
    queueName: event.queueName || previous?.queueName || '',
    callVariables: event.callVariables.length > 0 ? event.callVariables : (previous?.callVariables ?? []),
    participants: event.participants.map((participant) => ({
      address: participant.mediaAddress,
      state: participant.state,
      tag: participant.tag,
      role: participant.role,
    })),
    associatedDialogId:
      previous?.associatedDialogId ??
      (event.callVariables.find((variable) => variable.name === 'associatedDialogId')?.value || undefined),
    startedAt: previous?.startedAt ?? at,
    answeredAt: previous?.answeredAt ?? (event.state === 'ACTIVE' ? at : undefined),
    heldAt: heldNow ? (previous?.heldAt ?? at) : undefined,
    heldMs:
      (previous?.heldMs ?? 0) +
      (wasHeld && !heldNow && previous?.heldAt !== undefined ? at - previous.heldAt : 0),
  };
  if (ended) {
    if (!previous) return;
    const items = dialogs.items.filter((dialog) => dialog.id !== event.dialogId);
    // The last call is the customer's (callbacks, wrap-up and reclassify are about it): a consult
    // leg or a call listened in on that ends after it does not take its place.
    const lastEnded = view.kind === 'call' ? view : dialogs.lastEnded;
    change.set('dialogs', { ...dialogs, items, lastEnded });
    return;
  }
  const items = [...dialogs.items];
  if (index >= 0) items[index] = view;
  else items.push(view);
  change.set('dialogs', { ...dialogs, items: newest(items, MAX_DIALOGS) });
}

function applyCallback(change: Change, action: string, view: CallbackView): void {
  const callbacks = change.state.callbacks;
  const others = callbacks.items.filter((item) => item.dialogId !== view.dialogId);
  const upper = action.toUpperCase();
  if (upper === 'CANCELLED' || upper === 'CANCELED' || upper === 'DONE') {
    change.set('callbacks', { ...callbacks, items: others });
    return;
  }
  change.set('callbacks', { ...callbacks, items: newest([...others, view], MAX_CALLBACKS) });
}

function addNotice(
  change: Change,
  level: NoticeView['level'],
  code: string,
  message: string,
  at: number,
): void {
  const items = change.state.notices.items;
  const id = (items.at(-1)?.id ?? 0) + 1;
  const next = [...items, { id, level, code, message, at }];
  change.set('notices', { items: next.length > MAX_NOTICES ? next.slice(next.length - MAX_NOTICES) : next });
}

/** The last `max` items (all of them when there are no more). */
function newest<T>(items: T[], max: number): T[] {
  return items.length > max ? items.slice(items.length - max) : items;
}

/** GC's `yyyy-MM-dd HH:mm:ss` (read as UTC: GC does not say its zone), or undefined. */
export function parseGcTime(text: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(text);
  if (!match) return undefined;
  const value = Date.UTC(+match[1]!, +match[2]! - 1, +match[3]!, +match[4]!, +match[5]!, +match[6]!);
  return Number.isNaN(value) ? undefined : value;
}
