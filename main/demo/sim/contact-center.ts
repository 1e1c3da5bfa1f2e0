// The simulated contact center behind a GC: one object that takes decoded GC commands and
// answers with GC events addressed to client destinations, as the real GC does. It knows the
// roster, agent states, calls, queues, campaigns, callbacks, phonebooks and supervisors. Both
// faces (broker client, embedded endpoint) drive this same object. Time and randomness are
// injected, so a scenario with a seed and a manual clock runs the same way every time.

import type { Logger } from '../../core/log/logger.ts';
import type { Command, CommandOf, GcEvent, ReasonCode } from '../../core/protocol/index.ts';
import { realClock, type SimClock, type TimerHandle } from './clock.ts';
import {
  dialogViewFor,
  formatTime,
  isLive,
  liveParties,
  newCallNotice,
  partyOf,
  type CallType,
  type Dialog,
  type LegState,
  type Party,
} from './dialogs.ts';
import { createPhonebooks } from './phonebooks.ts';
import {
  exponentialDelay,
  pick,
  randomInt,
  seededRandom,
  unseededRandom,
  type RandomSource,
} from './random.ts';
import {
  LOGOUT_REASONS,
  NOT_READY_REASONS,
  RONA_REASON,
  WRAP_UP_REASONS,
  reasonLabel,
} from './reason-codes.ts';
import { createRoster, type Roster, type RosterOptions, type SimTeam, type SimUser } from './roster.ts';

export interface TrafficOptions {
  /** Mean gap between calls arriving on each queue (default 45 s; Infinity: no traffic). */
  readonly meanInterArrivalMs?: number;
  /** Mean talk time before the customer hangs up (default 90 s; Infinity: never). */
  readonly meanTalkMs?: number;
  /** Mean time a caller waits in queue before abandoning (default 120 s). */
  readonly meanPatienceMs?: number;
  /** Ringing before a routed call is taken back from the agent (RONA, default 20 s). */
  readonly ringTimeoutMs?: number;
  /** Wrap-up time before the agent moves on (default 20 s). */
  readonly wrapUpMs?: number;
  /** How long an outside number rings before it answers (default 3 s). */
  readonly remoteAnswerMs?: number;
  /** Mean gap between preview reservations per campaign agent (default 5 min; Infinity: off). */
  readonly meanPreviewGapMs?: number;
}

export interface ContactCenterOptions {
  readonly roster?: RosterOptions;
  readonly clock?: SimClock;
  /** Seed for callers, timings and autopilot; without one the center is unseeded. */
  readonly seed?: number;
  readonly random?: RandomSource;
  /** Queue statistics form (UCCE for supervisors only; UCCX for agents and supervisors). */
  readonly deployment?: 'ucce' | 'uccx';
  /** Colleagues nobody signed in as sign in, take calls and wrap up on their own (default true). */
  readonly autopilot?: boolean;
  readonly traffic?: TrafficOptions;
  readonly log?: Logger;
}

/** Where the center's events go: the face publishes them on `/topic/<destination>`. */
export type EventSink = (destination: string, event: GcEvent) => void;

type AgentStateName =
  | 'LOGOUT'
  | 'NOT_READY'
  | 'READY'
  | 'RESERVED'
  | 'RESERVED_OUTBOUND_PREVIEW'
  | 'TALKING'
  | 'HOLD'
  | 'WORK'
  | 'WORK_READY';

interface AgentRuntime {
  readonly user: SimUser;
  state: AgentStateName;
  reasonCodeId: string;
  reasonLabel: string;
  pendingState: '' | 'READY' | 'NOT_READY' | 'LOGOUT';
  since: number;
  /** Where the agent goes when the current calls and wrap-up are over. */
  returnState: 'READY' | 'NOT_READY';
  /** The calls in progress handled ACD work (so wrap-up follows). */
  handledAcd: boolean;
  mobile: { dialNumber: string; callByCall: boolean } | undefined;
  wrapUpTimer: TimerHandle | undefined;
  autopilotTimer: TimerHandle | undefined;
  previewTimer: TimerHandle | undefined;
  /** Dialogs the agent took part in recently (callbacks refer to them). */
  recentDialogs: string[];
  callbacks: Map<string, ScheduledCallback>;
  /** Wrap-up reason code per dialog, as the agent recorded it. */
  wrapUpReasons: Map<string, string>;
}

interface ScheduledCallback {
  readonly dialogId: string;
  callbackTime: string;
  callbackNumber: string;
  dueAt: number;
  timer: TimerHandle | undefined;
}

interface WaitingCall {
  readonly dialog: Dialog;
  readonly enqueuedAt: number;
  abandonTimer: TimerHandle | undefined;
}

interface QueueRuntime {
  readonly team: SimTeam;
  waiting: WaitingCall[];
  handled: number;
  abandoned: number;
  total: number;
  longestHandleMs: number;
  arrivalTimer: TimerHandle | undefined;
}

const DEFAULT_TRAFFIC: Required<TrafficOptions> = {
  meanInterArrivalMs: 45_000,
  meanTalkMs: 90_000,
  meanPatienceMs: 120_000,
  ringTimeoutMs: 20_000,
  wrapUpMs: 20_000,
  remoteAnswerMs: 3_000,
  meanPreviewGapMs: 300_000,
};

const IN_CALL_STATES: ReadonlySet<AgentStateName> = new Set([
  'RESERVED',
  'RESERVED_OUTBOUND_PREVIEW',
  'TALKING',
  'HOLD',
]);

const CALLBACK_TIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/;
const DIALABLE = /^\+?[0-9][0-9 ()-]{0,30}$/;
const CAMPAIGN_QUEUE = 'Outbound campaign';

export class ContactCenter {
  readonly roster: Roster;
  readonly #clock: SimClock;
  readonly #random: RandomSource;
  readonly #traffic: Required<TrafficOptions>;
  readonly #deployment: 'ucce' | 'uccx';
  readonly #autopilot: boolean;
  readonly #sink: EventSink;
  readonly #log: NonNullable<ContactCenterOptions['log']>;
  readonly #agents = new Map<string, AgentRuntime>();
  readonly #queues = new Map<string, QueueRuntime>();
  readonly #dialogs = new Map<string, Dialog>();
  /** agentId → client destination, made by Connect (GC publishes an agent's events there). */
  readonly #bindings = new Map<string, string>();
  /** supervisorId → teams whose live State events they asked for (getteamusers). */
  readonly #teamWatchers = new Map<string, Set<string>>();
  readonly #phonebooks: ReturnType<typeof createPhonebooks>;
  #inService = true;
  /** Events handed to the sink so far. */
  #sent = 0;
  #nextDialogId = 16_821_000;
  #running = false;

  constructor(options: ContactCenterOptions, sink: EventSink) {
    this.roster = createRoster(options.roster);
    this.#clock = options.clock ?? realClock();
    this.#random =
      options.random ?? (options.seed === undefined ? unseededRandom() : seededRandom(options.seed));
    this.#traffic = { ...DEFAULT_TRAFFIC, ...options.traffic };
    this.#deployment = options.deployment ?? 'ucce';
    this.#autopilot = options.autopilot ?? true;
    // Counted, so that handle() can tell a command whose answer went nowhere.
    this.#sink = (destination, event) => {
      this.#sent++;
      sink(destination, event);
    };
    this.#log = options.log ?? (() => {});
    this.#phonebooks = createPhonebooks(this.roster.teams);
    for (const user of this.roster.users) {
      this.#agents.set(user.loginId, {
        user,
        state: 'LOGOUT',
        reasonCodeId: '-1',
        reasonLabel: '',
        pendingState: '',
        since: this.#clock.now(),
        returnState: 'NOT_READY',
        handledAcd: false,
        mobile: undefined,
        wrapUpTimer: undefined,
        autopilotTimer: undefined,
        previewTimer: undefined,
        recentDialogs: [],
        callbacks: new Map(),
        wrapUpReasons: new Map(),
      });
    }
    for (const team of this.roster.teams) {
      this.#queues.set(team.queue, {
        team,
        waiting: [],
        handled: 0,
        abandoned: 0,
        total: 0,
        longestHandleMs: 0,
        arrivalTimer: undefined,
      });
    }
  }

  // -------------------------------------------------------------------------------------------
  // Life cycle and scripting hooks

  /** Starts traffic and the autopilot colleagues. */
  start(): void {
    if (this.#running) return;
    this.#running = true;
    for (const queue of this.#queues.values()) this.#scheduleArrival(queue);
    if (this.#autopilot) {
      for (const agent of this.#agents.values()) {
        if (!agent.user.isSupervisor) this.#scheduleAutopilot(agent, randomInt(this.#random, 500, 15_000));
      }
    }
  }

  stop(): void {
    this.#running = false;
    for (const queue of this.#queues.values()) {
      this.#clock.clearTimeout(queue.arrivalTimer);
      for (const call of queue.waiting) this.#clock.clearTimeout(call.abandonTimer);
    }
    for (const agent of this.#agents.values()) {
      this.#clock.clearTimeout(agent.wrapUpTimer);
      this.#clock.clearTimeout(agent.autopilotTimer);
      this.#clock.clearTimeout(agent.previewTimer);
      for (const callback of agent.callbacks.values()) this.#clock.clearTimeout(callback.timer);
    }
    for (const dialog of this.#dialogs.values()) {
      this.#clock.clearTimeout(dialog.hangupTimer);
      this.#clock.clearTimeout(dialog.ringTimer);
    }
  }

  /** GC losing (or regaining) Finesse: every bound client hears OUT_OF_SERVICE / IN_SERVICE. */
  setInService(inService: boolean): void {
    this.#inService = inService;
    const destinations = new Set(this.#bindings.values());
    for (const destination of destinations) {
      this.#sink(
        destination,
        inService
          ? { kind: 'InService', receiver: destination, detail: [] }
          : { kind: 'OutOfService', receiver: destination, detail: [] },
      );
    }
  }

  /** A caller arrives on a queue now; returns the dialog id. */
  offerCall(
    queueName: string,
    caller?: { ani?: string; variables?: { name: string; value: string }[] },
  ): string {
    const queue = this.#queues.get(queueName);
    if (!queue) throw new RangeError(`No queue named ${queueName}`);
    return this.#arrive(queue, caller).id;
  }

  /** A preview reservation for a READY agent now; returns the dialog id, or undefined if the agent is not READY. */
  offerPreview(
    agentId: string,
    customer?: { number?: string; name?: string; account?: string },
  ): string | undefined {
    const agent = this.#agents.get(agentId);
    if (!agent || agent.state !== 'READY' || agent.user.isSupervisor) return undefined;
    return this.#reservePreview(agent, customer ?? {}, false).id;
  }

  /** The outside party of a dialog hangs up now. */
  customerHangup(dialogId: string): void {
    const dialog = this.#dialogs.get(dialogId);
    if (dialog) this.#endDialog(dialog);
  }

  /** A read-only view for tests and the load benchmark. */
  snapshot() {
    return {
      agents: [...this.#agents.values()].map((agent) => ({
        loginId: agent.user.loginId,
        state: agent.state,
        reasonCodeId: agent.reasonCodeId,
        pendingState: agent.pendingState,
        bound: this.#bindings.has(agent.user.loginId),
        callbacks: [...agent.callbacks.values()].map(({ dialogId, callbackTime, callbackNumber }) => ({
          dialogId,
          callbackTime,
          callbackNumber,
        })),
        wrapUpReasons: Object.fromEntries(agent.wrapUpReasons),
      })),
      dialogs: [...this.#dialogs.values()].map((dialog) => ({
        id: dialog.id,
        callType: dialog.callType,
        queue: dialog.queue,
        parties: dialog.parties.map((party) => ({
          address: party.address,
          state: party.state,
          role: party.role,
        })),
      })),
      queues: [...this.#queues.values()].map((queue) => ({
        name: queue.team.queue,
        waiting: queue.waiting.length,
        handled: queue.handled,
        abandoned: queue.abandoned,
        total: queue.total,
      })),
    };
  }

  agentState(agentId: string): AgentStateName | undefined {
    return this.#agents.get(agentId)?.state;
  }

  // -------------------------------------------------------------------------------------------
  // Commands

  /** One decoded command from the command queue. Never throws; every refusal is an Error event. */
  handle(command: Command): void {
    const sent = this.#sent;
    try {
      this.#dispatch(command);
    } catch (error) {
      this.#log({ level: 'warn', event: 'sim.command-failed', command: command.name, error: String(error) });
      this.refuse(command.id, 'GENERAL_ERROR', `The demo contact center could not process ${command.name}.`);
    }
    // GC answers a successful Connect and a wrap-up reason with silence; any other command that
    // sent nothing was answered to an agent no client is bound to.
    if (this.#sent === sent && command.name !== 'Connect' && command.name !== 'UpdateWrapUpReason') {
      this.#log({
        level: 'debug',
        event: 'sim.reply-dropped',
        command: command.name,
        id: command.id,
        reason: 'no client is bound to this id',
      });
    }
  }

  /**
   * Answers a command that broke the wire rules (the face could not decode it) with an Error
   * event to the client bound to `id`; with nobody to tell, it is dropped with a log line.
   */
  refuse(id: string, code: string, message: string): void {
    const destination = this.#bindings.get(id) ?? (this.#looksLikeDestination(id) ? id : undefined);
    if (!destination) {
      this.#log({
        level: 'warn',
        event: 'sim.refusal-dropped',
        id,
        code,
        reason: 'no client is bound to this id',
      });
      return;
    }
    // The message may quote the refused input (the codec's messages do): "#" and line breaks
    // would break the event's layout, so they travel as spaces.
    const text = message.replace(/[#\0\r\n]/g, ' ');
    this.#sink(destination, { kind: 'Error', receiver: id, code, message: text, detail: [] });
  }

  #dispatch(command: Command): void {
    switch (command.name) {
      case 'Hello':
      case 'Beat':
        this.#destinationSeen.add(command.id);
        this.#sink(
          command.id,
          this.#inService
            ? { kind: 'InService', receiver: command.id, detail: [] }
            : { kind: 'OutOfService', receiver: command.id, detail: [] },
        );
        return;
      case 'Connect':
        return this.#connect(command);
      case 'Login':
        return this.#login(command.id, command.password, command.extension, undefined);
      case 'MobileAgentLogin':
        return this.#login(command.id, command.password, command.extension, {
          dialNumber: command.dialNumber,
          callByCall: command.callByCall,
        });
      case 'Logout':
        return this.#logout(command.id, '', false);
      case 'LogoutWithReason':
        return this.#logout(command.id, command.reasonCode, false);
      case 'ForceLogout':
        return this.#logout(command.id, '', true);
      case 'MakeReady':
        return this.#makeReady(command.id);
      case 'MakeNotReady':
        return this.#makeNotReady(command.id, undefined);
      case 'MakeNotReadyWithReason':
        return this.#makeNotReady(command.id, command.reasonCode);
      case 'GetState':
        return this.#withAgent(command.id, (agent) => this.#sendState(agent));
      case 'GetNotReadyReasonCodes':
        return this.#sendReasonCodes(command.id, 'NOT_READY', NOT_READY_REASONS);
      case 'GetLogoutReasonCodes':
        return this.#sendReasonCodes(command.id, 'LOGOUT', LOGOUT_REASONS);
      case 'GetWrapUpReasonCodes':
        return this.#sendReasonCodes(command.id, 'WrapUp', WRAP_UP_REASONS);
      case 'UpdateWrapUpReason':
        return this.#updateWrapUpReason(command.id, command.dialogId, command.reasonCode);
      case 'MakeCall':
        return this.#makeCall(command.id, command.number);
      case 'AnswerCall':
        return this.#answer(command.id, command.dialogId);
      case 'HoldCall':
        return this.#hold(command.id, command.dialogId, true);
      case 'RetrieveCall':
        return this.#hold(command.id, command.dialogId, false);
      case 'ReleaseCall':
        return this.#release(command.id, command.dialogId);
      case 'GetDialogState':
        return this.#withDialog(command.id, command.dialogId, (agent, dialog) =>
          this.#sendDialog(agent, dialog),
        );
      case 'ConsultCall':
        return this.#consult(command.id, command.extension, command.dialogId);
      case 'TransferCall':
        return this.#completeConsult(command.id, command.extension, command.dialogId, 'transfer');
      case 'ConferenceCall':
        return this.#completeConsult(command.id, command.extension, command.dialogId, 'conference');
      case 'BlindTransfer':
        return this.#blindTransfer(command.id, command.number, command.dialogId);
      case 'AcceptOutboundPreview':
        return this.#acceptPreview(command.id, command.dialogId);
      case 'RejectOutboundPreview':
        return this.#endPreview(command.id, command.dialogId, 'REJECT');
      case 'CloseOutboundPreview':
        return this.#endPreview(command.id, command.dialogId, 'CLOSE');
      case 'ReclassifyCall':
        return this.#reclassify(command);
      case 'ScheduleCallback':
        return this.#scheduleCallback(command);
      case 'UpdateCallback':
        return this.#updateCallback(command);
      case 'CancelCallback':
        return this.#cancelCallback(command);
      case 'GetSkillGroups':
        return this.#withAgent(command.id, (agent) =>
          this.#send(agent.user.loginId, {
            kind: 'SkillGroups',
            skillGroups: this.#teamsOf(agent.user).flatMap((team) => team.skillGroups),
          }),
        );
      case 'GetSupervisors':
        return this.#withAgent(command.id, (agent) =>
          this.#send(agent.user.loginId, {
            kind: 'Supervisors',
            supervisors: this.#supervisorsOf(agent.user).map((supervisor) => ({
              loginId: supervisor.loginId,
              firstName: supervisor.firstName,
              lastName: supervisor.lastName,
              extension: supervisor.extension,
            })),
          }),
        );
      case 'GetPhonebooks':
        return this.#withUser(command.id, (user) =>
          this.#send(user.loginId, {
            kind: 'Phonebooks',
            phonebooks: this.#phonebooks.global.map(asPhonebook),
          }),
        );
      case 'GetTeamPhonebooks':
        return this.#withUser(command.id, (user) =>
          this.#send(user.loginId, {
            kind: 'TeamPhonebooks',
            phonebooks: this.#phonebooks.forTeam(command.teamId).map(asPhonebook),
          }),
        );
      case 'GetPhonebookContacts':
        return this.#withUser(command.id, (user) =>
          this.#send(user.loginId, {
            kind: 'PhonebookContacts',
            contacts: this.#phonebooks.contacts(command.phonebookId),
          }),
        );
      case 'GetQueueList':
        return this.#queueList(command.id);
      case 'GetTeamUsers':
        return this.#teamUsers(command.id, command.teamId, command.includeLoggedOut ?? true);
      case 'SilentMonitor':
        return this.#silentMonitor(command.id, command.extension);
      case 'EndSilentMonitor':
        return this.#endMonitor(command.id, command.dialogId);
      case 'BargeIn':
        return this.#bargeIn(command.id, command.extension, command.dialogId);
      case 'DropParticipant':
        return this.#dropParticipant(command.id, command.extension, command.dialogId);
    }
  }

  // Destinations that said Hello may be told about refusals before any agent is bound to them.
  readonly #destinationSeen = new Set<string>();

  #looksLikeDestination(id: string): boolean {
    return this.#destinationSeen.has(id);
  }

  // --- Session

  #connect(command: CommandOf<'Connect'>): void {
    const user = this.roster.byLoginId(command.id);
    if (!user) {
      this.#sink(command.clientDestination, {
        kind: 'Error',
        receiver: command.id,
        code: 'USER_NOT_FOUND',
        message: `No agent with login id ${command.id} exists.`,
        detail: [],
      });
      return;
    }
    if (user.password !== command.password) {
      this.#sink(command.clientDestination, {
        kind: 'Error',
        receiver: command.id,
        code: 'AUTHORIZATION_FAILURE',
        message: 'The agent id or password is wrong.',
        detail: [],
      });
      return;
    }
    this.#bindings.set(command.id, command.clientDestination);
    const agent = this.#agent(command.id);
    // A human takes over from the autopilot.
    this.#clock.clearTimeout(agent.autopilotTimer);
    agent.autopilotTimer = undefined;
  }

  #login(
    agentId: string,
    password: string,
    extension: string,
    mobile: { dialNumber: string; callByCall: boolean } | undefined,
  ): void {
    const user = this.roster.byLoginId(agentId);
    if (!user) return this.refuse(agentId, 'USER_NOT_FOUND', `No agent with login id ${agentId} exists.`);
    if (!this.#bindings.has(agentId)) {
      this.#log({
        level: 'warn',
        event: 'sim.login-without-connect',
        agentId,
        reason: 'Connect must bind the agent first',
      });
      return;
    }
    if (password === '') return this.refuse(agentId, 'MISSING_PASSWORD', 'The password is missing.');
    if (password !== user.password)
      return this.refuse(agentId, 'AUTHORIZATION_FAILURE', 'The agent id or password is wrong.');
    if (extension === '') return this.refuse(agentId, 'MISSING_EXTENSION', 'The extension is missing.');
    if (extension !== user.extension) {
      return this.refuse(
        agentId,
        'WRONG_EXTENSION',
        `Extension ${extension} is not the device of agent ${agentId}.`,
      );
    }
    if (mobile && !DIALABLE.test(mobile.dialNumber)) {
      return this.refuse(
        agentId,
        'CF_INVALID_LOGON_DEVICE_SPECIFIED',
        `The dial number ${mobile.dialNumber} cannot be called.`,
      );
    }
    const agent = this.#agent(agentId);
    agent.mobile = mobile;
    this.#sendAgentInfo(agent);
    if (agent.state === 'LOGOUT') {
      this.#setState(agent, 'NOT_READY', '-1', '');
    } else {
      this.#sendState(agent);
    }
    if (mobile) {
      this.#send(agentId, {
        kind: 'Control',
        code: mobile.callByCall ? 'MOBILE_CALL_BY_CALL' : 'MOBILE_NAILED_CONNECTION',
        message: mobile.callByCall
          ? `Mobile agent: ${mobile.dialNumber} will be called for each call.`
          : `Mobile agent: a nailed connection to ${mobile.dialNumber} is up.`,
        detail: [],
      });
    }
    // Signing in again (after a reconnect) brings back the calls in progress.
    for (const dialog of this.#dialogsOf(agentId)) this.#sendDialog(agent, dialog);
  }

  #logout(agentId: string, reasonCode: string, force: boolean): void {
    this.#withAgent(agentId, (agent) => {
      if (agent.state === 'LOGOUT') return this.#sendState(agent);
      if (reasonCode !== '' && !reasonLabel(LOGOUT_REASONS, reasonCode)) {
        return this.refuse(agentId, 'INVALID_REASON_CODE', `${reasonCode} is not a logout reason code.`);
      }
      const busy = this.#dialogsOf(agentId).length > 0;
      if (busy && !force) {
        return this.refuse(
          agentId,
          'INVALID_STATE',
          'An agent on a call cannot sign out; release the call first.',
        );
      }
      for (const dialog of this.#dialogsOf(agentId)) this.#leaveDialog(agent, dialog);
      this.#clock.clearTimeout(agent.wrapUpTimer);
      agent.pendingState = '';
      this.#setState(agent, 'LOGOUT', reasonCode || '-1', reasonLabel(LOGOUT_REASONS, reasonCode) ?? '');
    });
  }

  // --- Agent state

  #makeReady(agentId: string): void {
    this.#withAgent(agentId, (agent) => {
      if (agent.state === 'LOGOUT')
        return this.refuse(agentId, 'INVALID_STATE', 'Sign in before going ready.');
      if (agent.user.isSupervisor && this.#dialogsOf(agentId).some((dialog) => dialog.callType === 'SM')) {
        return this.refuse(agentId, 'INVALID_STATE', 'End the silent monitor before going ready.');
      }
      if (IN_CALL_STATES.has(agent.state)) {
        agent.pendingState = 'READY';
        agent.returnState = 'READY';
        return this.#sendState(agent);
      }
      this.#clock.clearTimeout(agent.wrapUpTimer);
      agent.pendingState = '';
      this.#setState(agent, 'READY', '', '');
    });
  }

  #makeNotReady(agentId: string, reasonCode: string | undefined): void {
    this.#withAgent(agentId, (agent) => {
      if (agent.state === 'LOGOUT')
        return this.refuse(agentId, 'INVALID_STATE', 'Sign in before changing state.');
      const label = reasonCode === undefined ? '' : reasonLabel(NOT_READY_REASONS, reasonCode);
      if (label === undefined) {
        return this.refuse(agentId, 'INVALID_REASON_CODE', `${reasonCode} is not a not-ready reason code.`);
      }
      if (IN_CALL_STATES.has(agent.state) && agent.state !== 'RESERVED_OUTBOUND_PREVIEW') {
        agent.pendingState = 'NOT_READY';
        agent.returnState = 'NOT_READY';
        agent.reasonCodeId = reasonCode ?? '-1';
        agent.reasonLabel = label;
        return this.#sendState(agent);
      }
      if (agent.state === 'RESERVED_OUTBOUND_PREVIEW') {
        // Going not ready gives the reservation back to the campaign.
        for (const dialog of this.#dialogsOf(agentId)) this.#leaveDialog(agent, dialog);
      }
      this.#clock.clearTimeout(agent.wrapUpTimer);
      agent.pendingState = '';
      this.#setState(agent, 'NOT_READY', reasonCode ?? '-1', label);
    });
  }

  /** Accepted in silence, as GC documents; refused when the dialog or the code is not the agent's. */
  #updateWrapUpReason(agentId: string, dialogId: string, reasonCode: string): void {
    this.#withAgent(agentId, (agent) => {
      if (agent.state === 'LOGOUT') return this.refuse(agentId, 'INVALID_STATE', 'Sign in first.');
      if (!agent.recentDialogs.includes(dialogId)) {
        return this.refuse(agentId, 'NOT_FOUND', `Dialog ${dialogId} is not one of this agent's calls.`);
      }
      const label = reasonLabel(WRAP_UP_REASONS, reasonCode);
      if (!label)
        return this.refuse(agentId, 'INVALID_REASON_CODE', `${reasonCode} is not a wrap-up reason code.`);
      agent.wrapUpReasons.set(dialogId, reasonCode);
      this.#log({ level: 'debug', event: 'sim.wrap-up-reason', agentId, dialogId, reason: label });
    });
  }

  #sendReasonCodes(agentId: string, category: string, codes: readonly ReasonCode[]): void {
    this.#withUser(agentId, (user) => this.#send(user.loginId, { kind: 'ReasonCodes', category, codes }));
  }

  // --- Calls

  #makeCall(agentId: string, number: string): void {
    this.#withAgent(agentId, (agent) => {
      if (agent.state !== 'NOT_READY' && agent.state !== 'WORK' && agent.state !== 'WORK_READY') {
        return this.refuse(
          agentId,
          'INVALID_STATE',
          `Calls are made from NOT_READY; the agent is ${agent.state}.`,
        );
      }
      if (!DIALABLE.test(number))
        return this.refuse(agentId, 'CF_GENERIC_UNSPECIFIED', `${number} cannot be dialled.`);
      if (number === agent.user.extension) {
        return this.refuse(agentId, 'INVALID_STATE', 'An agent cannot call their own extension.');
      }
      this.#clock.clearTimeout(agent.wrapUpTimer);
      agent.returnState = agent.state === 'WORK_READY' ? 'READY' : 'NOT_READY';
      agent.handledAcd = false;
      const target = this.roster.byExtension(number);
      const dialog = this.#newDialog({
        callType: target ? 'AGENT_INSIDE' : 'OUT',
        queue: '',
        caller: agent.user.extension,
        parties: [this.#agentParty(agent, 'INITIATING')],
        acd: false,
      });
      this.#sendDialog(agent, dialog);
      this.#setLeg(dialog, agent.user.loginId, 'INITIATED');
      if (target) {
        this.#ringAgent(dialog, target, agent.user.extension);
      } else {
        dialog.parties.push(customerParty(number, 'ALERTING'));
        this.#setLeg(dialog, agent.user.loginId, 'INITIATED');
        dialog.ringTimer = this.#clock.setTimeout(
          () => this.#remoteAnswers(dialog, number),
          this.#traffic.remoteAnswerMs,
        );
      }
      this.#recomputeState(agent);
    });
  }

  #remoteAnswers(dialog: Dialog, number: string): void {
    dialog.ringTimer = undefined;
    if (!this.#dialogs.has(dialog.id)) return;
    const remote = dialog.parties.find((party) => party.address === number && party.kind === 'CUSTOMER');
    if (!remote || remote.state !== 'ALERTING') return;
    if (number.replace(/\D/g, '').startsWith('000')) {
      // Numbers starting 000 are "unreachable" in the demo, to show a failed call.
      remote.state = 'FAILED';
      return this.#failDialog(dialog);
    }
    remote.state = 'ACTIVE';
    for (const party of dialog.parties) {
      if (party.agentId && (party.state === 'INITIATED' || party.state === 'INITIATING'))
        party.state = 'ACTIVE';
    }
    this.#broadcastDialog(dialog);
    this.#scheduleHangup(dialog);
  }

  #answer(agentId: string, dialogId: string): void {
    this.#withDialog(agentId, dialogId, (agent, dialog) => {
      const party = partyOf(dialog, agentId);
      if (!party || party.state !== 'ALERTING') {
        return this.refuse(
          agentId,
          'INVALID_STATE',
          `Dialog ${dialogId} is not ringing for agent ${agentId}.`,
        );
      }
      if (dialog.callType === 'OUTBOUND_PREVIEW') {
        return this.refuse(
          agentId,
          'INVALID_STATE',
          'A preview is accepted, rejected or closed, not answered.',
        );
      }
      this.#clock.clearTimeout(dialog.ringTimer);
      dialog.ringTimer = undefined;
      party.state = 'ACTIVE';
      for (const other of dialog.parties) {
        if (
          other !== party &&
          (other.state === 'INITIATED' || other.state === 'INITIATING' || other.state === 'ALERTING')
        ) {
          other.state = 'ACTIVE';
        }
      }
      if (dialog.acd && !dialog.counted) {
        dialog.counted = true;
        const queue = this.#queues.get(dialog.queue);
        if (queue) queue.handled++;
      }
      this.#broadcastDialog(dialog);
      for (const other of dialog.parties) if (other.agentId) this.#recomputeState(this.#agent(other.agentId));
      if (!dialog.hangupTimer && dialog.parties.some((other) => other.kind === 'CUSTOMER'))
        this.#scheduleHangup(dialog);
    });
  }

  #hold(agentId: string, dialogId: string, hold: boolean): void {
    this.#withDialog(agentId, dialogId, (agent, dialog) => {
      const party = partyOf(dialog, agentId);
      const from: LegState = hold ? 'ACTIVE' : 'HELD';
      if (!party || party.state !== from) {
        return this.refuse(
          agentId,
          'INVALID_STATE',
          hold
            ? `Dialog ${dialogId} is not active, so it cannot be held.`
            : `Dialog ${dialogId} is not on hold.`,
        );
      }
      party.state = hold ? 'HELD' : 'ACTIVE';
      this.#broadcastDialog(dialog);
      this.#recomputeState(agent);
    });
  }

  #release(agentId: string, dialogId: string): void {
    this.#withDialog(agentId, dialogId, (agent, dialog) => {
      const party = partyOf(dialog, agentId);
      if (!party || !isLive(party.state)) {
        return this.refuse(agentId, 'INVALID_STATE', `Agent ${agentId} is not on dialog ${dialogId}.`);
      }
      if (dialog.callType === 'OUTBOUND_PREVIEW' && party.state === 'ALERTING') {
        return this.refuse(agentId, 'INVALID_STATE', 'Reject or close the preview instead of releasing it.');
      }
      this.#leaveDialog(agent, dialog);
    });
  }

  #consult(agentId: string, target: string, mainDialogId: string): void {
    this.#withDialog(agentId, mainDialogId, (agent, main) => {
      const party = partyOf(main, agentId);
      if (!party || (party.state !== 'ACTIVE' && party.state !== 'HELD')) {
        return this.refuse(agentId, 'INVALID_STATE', 'A consult needs an active call.');
      }
      if (target === agent.user.extension)
        return this.refuse(agentId, 'INVALID_STATE', 'An agent cannot consult themselves.');
      if (!DIALABLE.test(target))
        return this.refuse(agentId, 'CF_GENERIC_UNSPECIFIED', `${target} cannot be dialled.`);
      if (this.#consultOf(agentId, mainDialogId)) {
        return this.refuse(agentId, 'INVALID_STATE', 'A consult is already in progress for this call.');
      }
      if (party.state === 'ACTIVE') {
        party.state = 'HELD';
        this.#broadcastDialog(main);
      }
      const targetUser = this.roster.byExtension(target);
      const consult = this.#newDialog({
        callType: 'CONSULT',
        queue: main.queue,
        caller: agent.user.extension,
        parties: [this.#agentParty(agent, 'INITIATING')],
        acd: false,
        associatedDialogId: main.id,
        consultInitiator: agentId,
        variables: main.variables,
      });
      this.#sendDialog(agent, consult);
      this.#setLeg(consult, agentId, 'INITIATED');
      if (targetUser) {
        this.#ringAgent(consult, targetUser, agent.user.extension);
      } else {
        consult.parties.push(customerParty(target, 'ALERTING'));
        this.#sendDialog(agent, consult);
        consult.ringTimer = this.#clock.setTimeout(
          () => this.#remoteAnswers(consult, target),
          this.#traffic.remoteAnswerMs,
        );
      }
      this.#recomputeState(agent);
    });
  }

  #completeConsult(
    agentId: string,
    target: string,
    mainDialogId: string,
    mode: 'transfer' | 'conference',
  ): void {
    this.#withDialog(agentId, mainDialogId, (agent, main) => {
      const consult = this.#consultOf(agentId, mainDialogId);
      const targetParty = consult?.parties.find((party) => party.address === target && isLive(party.state));
      if (!consult || !targetParty) {
        return this.refuse(
          agentId,
          'INVALID_STATE',
          `No consult call with ${target} is in progress for dialog ${mainDialogId}.`,
        );
      }
      if (targetParty.state !== 'ACTIVE' && !(mode === 'transfer' && targetParty.state === 'ALERTING')) {
        return this.refuse(agentId, 'INVALID_STATE', `${target} has not answered the consult call yet.`);
      }
      const customers = liveParties(main).filter((party) => party.agentId !== agentId);
      this.#clock.clearTimeout(consult.ringTimer);
      if (mode === 'transfer') {
        // The customer moves to the consult leg's dialog with the target; the initiator leaves both.
        this.#leaveDialog(agent, main, { keepOthers: true });
        const own = partyOf(consult, agentId);
        if (own) own.state = 'DROPPED';
        this.#sendDialog(agent, consult);
        for (const party of customers) {
          party.state = 'ACTIVE';
          main.parties = main.parties.filter((candidate) => candidate !== party);
          consult.parties.push(party);
        }
        this.#clock.clearTimeout(main.hangupTimer);
        this.#forgetDialog(main);
        consult.parties = consult.parties.filter((party) => party.agentId !== agentId);
        consult.callType = main.callType;
        consult.consultInitiator = undefined;
        consult.associatedDialogId = undefined;
        this.#broadcastDialog(consult);
        if (targetParty.agentId) {
          const targetAgent = this.#agent(targetParty.agentId);
          targetAgent.handledAcd ||= main.acd;
          this.#recomputeState(targetAgent);
        }
        if (targetParty.state === 'ALERTING' && targetParty.agentId) {
          // Transferred while still ringing: the ring must still time out like any other.
          const targetAgent = this.#agent(targetParty.agentId);
          consult.ringTimer = this.#clock.setTimeout(
            () => this.#ringTimeout(consult, targetAgent, this.#queues.get(main.queue)),
            this.#traffic.ringTimeoutMs,
          );
        }
        this.#scheduleHangup(consult);
        this.#recomputeState(agent);
        return;
      }
      // Conference: the target joins the main dialog; the consult leg ends.
      const own = partyOf(consult, agentId);
      if (own) own.state = 'DROPPED';
      targetParty.state = 'DROPPED';
      // Both legs are dropped now, so tell each agent on the consult explicitly that it ended.
      this.#sendDialog(agent, consult);
      if (targetParty.agentId) this.#sendDialog(this.#agent(targetParty.agentId), consult);
      this.#forgetDialog(consult);
      const ownMain = partyOf(main, agentId);
      if (ownMain) ownMain.state = 'ACTIVE';
      main.parties.push({ ...targetParty, state: 'ACTIVE' });
      this.#broadcastDialog(main);
      for (const party of liveParties(main))
        if (party.agentId) this.#recomputeState(this.#agent(party.agentId));
    });
  }

  #blindTransfer(agentId: string, target: string, dialogId: string): void {
    this.#withDialog(agentId, dialogId, (agent, dialog) => {
      const party = partyOf(dialog, agentId);
      if (!party || (party.state !== 'ACTIVE' && party.state !== 'HELD')) {
        return this.refuse(agentId, 'INVALID_STATE', 'A blind transfer needs a call in progress.');
      }
      if (!DIALABLE.test(target))
        return this.refuse(agentId, 'CF_GENERIC_UNSPECIFIED', `${target} cannot be dialled.`);
      const targetUser = this.roster.byExtension(target);
      this.#leaveDialog(agent, dialog, { keepOthers: true });
      if (targetUser && targetUser.loginId !== agentId) {
        const caller =
          liveParties(dialog).find((candidate) => candidate.kind === 'CUSTOMER')?.address ?? dialog.caller;
        this.#ringAgent(dialog, targetUser, caller);
      } else {
        // Transferred out of the contact center: the dialog leaves our sight.
        this.#forgetDialog(dialog);
      }
    });
  }

  // --- Outbound preview and callbacks

  #reservePreview(
    agent: AgentRuntime,
    customer: { number?: string; name?: string; account?: string },
    callback: boolean,
  ): Dialog {
    const number =
      customer.number ?? `+44 20 7946 ${String(randomInt(this.#random, 0, 9999)).padStart(4, '0')}`;
    const dialog = this.#newDialog({
      callType: 'OUTBOUND_PREVIEW',
      queue: CAMPAIGN_QUEUE,
      caller: number,
      parties: [this.#agentParty(agent, 'ALERTING')],
      acd: true,
      campaign: true,
      variables: [
        { name: 'BACampaign', value: callback ? 'Personal callbacks' : 'Renewals Q4' },
        {
          name: 'BAAccountNumber',
          value: customer.account ?? String(randomInt(this.#random, 100_000, 999_999)),
        },
        { name: 'BACustomerNumber', value: number },
        {
          name: 'BABuddyName',
          value: customer.name ?? pick(this.#random, ['Ana Ruiz', 'Tom Berg', 'Li Wei', 'Omar Said']),
        },
        { name: 'BAResponse', value: callback ? 'callback' : '' },
      ],
    });
    agent.returnState = 'READY';
    agent.handledAcd = true;
    this.#setState(agent, 'RESERVED_OUTBOUND_PREVIEW', '', '');
    this.#send(agent.user.loginId, newCallNotice(dialog, number));
    this.#sendDialog(agent, dialog);
    return dialog;
  }

  #acceptPreview(agentId: string, dialogId: string): void {
    this.#withPreview(agentId, dialogId, (agent, dialog) => {
      const party = partyOf(dialog, agentId) as Party;
      dialog.callType = 'OUTBOUND';
      party.state = 'INITIATED';
      dialog.parties.push(customerParty(dialog.caller, 'ALERTING'));
      this.#sendDialog(agent, dialog);
      this.#recomputeState(agent);
      dialog.ringTimer = this.#clock.setTimeout(
        () => this.#remoteAnswers(dialog, dialog.caller),
        this.#traffic.remoteAnswerMs,
      );
    });
  }

  #endPreview(agentId: string, dialogId: string, action: 'REJECT' | 'CLOSE'): void {
    this.#withPreview(agentId, dialogId, (agent, dialog) => {
      const party = partyOf(dialog, agentId) as Party;
      party.state = 'DROPPED';
      this.#sendDialog(agent, dialog);
      this.#forgetDialog(dialog);
      agent.handledAcd = false;
      this.#log({ level: 'debug', event: 'sim.preview-ended', agentId, dialogId, action });
      this.#setState(agent, agent.pendingState === 'NOT_READY' ? 'NOT_READY' : 'READY', '', '');
      agent.pendingState = '';
    });
  }

  #withPreview(agentId: string, dialogId: string, act: (agent: AgentRuntime, dialog: Dialog) => void): void {
    this.#withDialog(agentId, dialogId, (agent, dialog) => {
      const party = partyOf(dialog, agentId);
      if (dialog.callType !== 'OUTBOUND_PREVIEW' || !party || party.state !== 'ALERTING') {
        return this.refuse(
          agentId,
          'INVALID_STATE',
          `Dialog ${dialogId} is not a preview waiting for a decision.`,
        );
      }
      act(agent, dialog);
    });
  }

  #reclassify(command: CommandOf<'ReclassifyCall'>): void {
    this.#withDialog(command.id, command.dialogId, (agent, dialog) => {
      if (!dialog.campaign) {
        return this.refuse(command.id, 'INVALID_STATE', 'Only outbound campaign calls can be reclassified.');
      }
      const allowed = [
        'VOICE',
        'FAX',
        'ANS_MACHINE',
        'INVALID',
        'DO_NOT_CALL',
        'WRONG_NUMBER',
        'WRONG_PARTY',
      ];
      if (!allowed.includes(command.value.toUpperCase())) {
        return this.refuse(
          command.id,
          'INVALID_RECLASSIFY_VALUE',
          `${command.value} is not one of ${allowed.join(', ')}.`,
        );
      }
      this.#send(agent.user.loginId, {
        kind: 'Control',
        code: 'CALL_RECLASSIFIED',
        message: `Dialog ${dialog.id} reclassified as ${command.value.toUpperCase()}.`,
        detail: [],
      });
    });
  }

  #scheduleCallback(command: CommandOf<'ScheduleCallback'>): void {
    this.#withAgent(command.id, (agent) => {
      if (command.extension !== agent.user.extension) {
        return this.refuse(
          command.id,
          'WRONG_EXTENSION',
          `${command.extension} is not this agent's extension.`,
        );
      }
      if (!agent.recentDialogs.includes(command.dialogId) && !this.#dialogs.has(command.dialogId)) {
        return this.refuse(
          command.id,
          'NOT_FOUND',
          `Dialog ${command.dialogId} is not one of this agent's calls.`,
        );
      }
      if (agent.callbacks.has(command.dialogId)) {
        return this.refuse(
          command.id,
          'CALLBACK_EXISTS',
          `A callback for dialog ${command.dialogId} is already scheduled; update it instead.`,
        );
      }
      const callback = this.#validCallback(command.id, command.callbackTime, command.callbackNumber);
      if (!callback) return;
      const scheduled: ScheduledCallback = { dialogId: command.dialogId, ...callback, timer: undefined };
      agent.callbacks.set(command.dialogId, scheduled);
      this.#armCallback(agent, scheduled);
      this.#send(agent.user.loginId, {
        kind: 'Callback',
        action: 'SCHEDULED',
        dialogId: command.dialogId,
        callbackTime: scheduled.callbackTime,
        callbackNumber: scheduled.callbackNumber,
      });
    });
  }

  #updateCallback(command: CommandOf<'UpdateCallback'>): void {
    this.#withAgent(command.id, (agent) => {
      const scheduled = agent.callbacks.get(command.dialogId);
      if (!scheduled)
        return this.refuse(
          command.id,
          'NOT_FOUND',
          `No callback is scheduled for dialog ${command.dialogId}.`,
        );
      const callback = this.#validCallback(command.id, command.callbackTime, command.callbackNumber);
      if (!callback) return;
      Object.assign(scheduled, callback);
      this.#armCallback(agent, scheduled);
      this.#send(agent.user.loginId, {
        kind: 'Callback',
        action: 'UPDATED',
        dialogId: command.dialogId,
        callbackTime: scheduled.callbackTime,
        callbackNumber: scheduled.callbackNumber,
      });
    });
  }

  #cancelCallback(command: CommandOf<'CancelCallback'>): void {
    this.#withAgent(command.id, (agent) => {
      const scheduled = agent.callbacks.get(command.dialogId);
      if (!scheduled)
        return this.refuse(
          command.id,
          'NOT_FOUND',
          `No callback is scheduled for dialog ${command.dialogId}.`,
        );
      this.#clock.clearTimeout(scheduled.timer);
      agent.callbacks.delete(command.dialogId);
      this.#send(agent.user.loginId, {
        kind: 'Callback',
        action: 'CANCELLED',
        dialogId: command.dialogId,
        callbackTime: scheduled.callbackTime,
        callbackNumber: scheduled.callbackNumber,
      });
    });
  }

  #validCallback(
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
      this.refuse(
        agentId,
        'INVALID_CALLBACK_TIME',
        `"${time}" is not a time of the form yyyy-MM-dd HH:mm:ss (UTC).`,
      );
      return undefined;
    }
    if (dueAt <= this.#clock.now()) {
      this.refuse(agentId, 'INVALID_CALLBACK_TIME', `${time} is in the past.`);
      return undefined;
    }
    if (!DIALABLE.test(number)) {
      this.refuse(agentId, 'INVALID_CALLBACK_NUMBER', `${number} cannot be dialled.`);
      return undefined;
    }
    return { callbackTime: formatTime(dueAt), callbackNumber: number, dueAt };
  }

  #armCallback(agent: AgentRuntime, scheduled: ScheduledCallback): void {
    this.#clock.clearTimeout(scheduled.timer);
    const due = (): void => {
      scheduled.timer = undefined;
      if (agent.state !== 'READY') {
        // A callback waits for its agent to be ready, as a personal callback does.
        scheduled.timer = this.#clock.setTimeout(due, 30_000);
        return;
      }
      agent.callbacks.delete(scheduled.dialogId);
      this.#reservePreview(agent, { number: scheduled.callbackNumber }, true);
    };
    scheduled.timer = this.#clock.setTimeout(due, Math.max(0, scheduled.dueAt - this.#clock.now()));
  }

  // --- Supervisor

  #queueList(userId: string): void {
    this.#withUser(userId, (user) => {
      if (this.#deployment === 'ucce' && !user.isSupervisor) {
        return this.refuse(userId, 'AUTHORIZATION_FAILURE', 'Queue statistics are for supervisors.');
      }
      const queues = this.#teamsOf(user).map((team) => this.#queues.get(team.queue) as QueueRuntime);
      if (this.#deployment === 'uccx') {
        this.#send(userId, {
          kind: 'QueueList',
          form: 'uccx',
          queues: queues.map((queue) => {
            const members = this.#membersOf(queue.team);
            return {
              name: queue.team.queue,
              waitingCalls: queue.waiting.length,
              agentsLoggedIn: members.filter((agent) => agent.state !== 'LOGOUT').length,
              agentsInAfterCallWork: members.filter(
                (agent) => agent.state === 'WORK' || agent.state === 'WORK_READY',
              ).length,
              agentsTalking: members.filter((agent) => agent.state === 'TALKING' || agent.state === 'HOLD')
                .length,
              agentsReserved: members.filter((agent) => agent.state.startsWith('RESERVED')).length,
              handledCalls: queue.handled,
              abandonedCalls: queue.abandoned,
              totalCalls: queue.total,
              longestHandleTime: String(Math.round(queue.longestHandleMs / 1000)),
            };
          }),
        });
        return;
      }
      this.#send(userId, {
        kind: 'QueueList',
        form: 'ucce',
        queues: queues.map((queue) => {
          const members = this.#membersOf(queue.team);
          const talking = (type: (dialog: Dialog) => boolean) =>
            members.filter(
              (agent) =>
                (agent.state === 'TALKING' || agent.state === 'HOLD') &&
                this.#dialogsOf(agent.user.loginId).some(type),
            ).length;
          return {
            name: queue.team.queue,
            callsInQueue: queue.waiting.length,
            agentsReady: members.filter((agent) => agent.state === 'READY').length,
            agentsNotReady: members.filter((agent) => agent.state === 'NOT_READY').length,
            talkingInbound: talking((dialog) => dialog.callType === 'ACD_IN'),
            talkingOutbound: talking((dialog) => dialog.callType === 'OUT' || dialog.callType === 'OUTBOUND'),
            talkingInternal: talking(
              (dialog) => dialog.callType === 'AGENT_INSIDE' || dialog.callType === 'CONSULT',
            ),
            wrapUpReady: members.filter((agent) => agent.state === 'WORK_READY').length,
            wrapUpNotReady: members.filter((agent) => agent.state === 'WORK').length,
          };
        }),
      });
    });
  }

  #teamUsers(supervisorId: string, teamId: string, includeLoggedOut: boolean): void {
    this.#withUser(supervisorId, (user) => {
      if (!user.isSupervisor || !user.supervisedTeamIds.includes(teamId)) {
        return this.refuse(
          supervisorId,
          'AUTHORIZATION_FAILURE',
          `${supervisorId} does not supervise team ${teamId}.`,
        );
      }
      const team = this.roster.team(teamId) as SimTeam;
      let watched = this.#teamWatchers.get(supervisorId);
      if (!watched) this.#teamWatchers.set(supervisorId, (watched = new Set()));
      watched.add(teamId);
      this.#send(supervisorId, {
        kind: 'TeamUsersList',
        members: this.#membersOf(team)
          .filter((agent) => includeLoggedOut || agent.state !== 'LOGOUT')
          .map((agent) => ({
            firstName: agent.user.firstName,
            lastName: agent.user.lastName,
            extension: agent.user.extension,
            loginId: agent.user.loginId,
            state: agent.state,
            pendingState: agent.pendingState,
            mediaType: 'voice',
            stateChangeTime: formatTime(agent.since),
            stateChangeLabel: agent.reasonLabel,
          })),
      });
    });
  }

  #silentMonitor(supervisorId: string, extension: string): void {
    this.#withAgent(supervisorId, (supervisor) => {
      const target = this.roster.byExtension(extension);
      if (!supervisor.user.isSupervisor)
        return this.refuse(supervisorId, 'AUTHORIZATION_FAILURE', 'Only supervisors monitor.');
      if (!target || !supervisor.user.supervisedTeamIds.includes(target.teamId)) {
        return this.refuse(
          supervisorId,
          'AUTHORIZATION_FAILURE',
          `${extension} is not an agent of your teams.`,
        );
      }
      if (supervisor.state !== 'NOT_READY')
        return this.refuse(supervisorId, 'INVALID_STATE', 'Go not ready before monitoring.');
      const call = this.#dialogsOf(target.loginId).find(
        (dialog) => partyOf(dialog, target.loginId)?.state === 'ACTIVE',
      );
      if (!call)
        return this.refuse(
          supervisorId,
          'INVALID_STATE',
          `Agent ${target.loginId} is not on an active call.`,
        );
      const monitor = this.#newDialog({
        callType: 'SM',
        queue: call.queue,
        caller: extension,
        parties: [
          { ...this.#agentParty(supervisor, 'ACTIVE'), kind: 'SUPERVISOR', role: 'MONITOR' },
          // Views of the monitored parties, not their legs: the monitored agent must not see the monitor.
          ...liveParties(call).map((party) => ({ ...party, agentId: undefined })),
        ],
        acd: false,
        monitoredDialogId: call.id,
        variables: call.variables,
      });
      this.#sendDialog(supervisor, monitor);
      this.#recomputeState(supervisor);
    });
  }

  #endMonitor(supervisorId: string, dialogId: string): void {
    this.#withDialog(supervisorId, dialogId, (supervisor, dialog) => {
      if (dialog.callType !== 'SM')
        return this.refuse(supervisorId, 'INVALID_STATE', `${dialogId} is not a monitor call.`);
      this.#leaveDialog(supervisor, dialog);
    });
  }

  #bargeIn(supervisorId: string, extension: string, dialogId: string): void {
    this.#withAgent(supervisorId, (supervisor) => {
      if (extension !== supervisor.user.extension) {
        return this.refuse(supervisorId, 'WRONG_EXTENSION', `${extension} is not your extension.`);
      }
      // The public client sends the monitored dialog; accept the monitor dialog's id too.
      const given = this.#dialogs.get(dialogId);
      const monitor =
        given?.callType === 'SM'
          ? given
          : this.#dialogsOf(supervisorId).find(
              (dialog) => dialog.callType === 'SM' && dialog.monitoredDialogId === dialogId,
            );
      const call = monitor?.monitoredDialogId ? this.#dialogs.get(monitor.monitoredDialogId) : undefined;
      if (!monitor || !call)
        return this.refuse(supervisorId, 'INVALID_STATE', 'Barge-in needs a call you are monitoring.');
      const own = partyOf(monitor, supervisorId);
      if (own) own.state = 'DROPPED';
      this.#sendDialog(supervisor, monitor);
      this.#forgetDialog(monitor);
      call.parties.push({
        ...this.#agentParty(supervisor, 'ACTIVE'),
        kind: 'SUPERVISOR',
        role: 'SUPERVISOR_BARGE_IN',
      });
      this.#broadcastDialog(call);
      this.#recomputeState(supervisor);
    });
  }

  #dropParticipant(supervisorId: string, extension: string, dialogId: string): void {
    this.#withDialog(supervisorId, dialogId, (supervisor, dialog) => {
      const party = dialog.parties.find(
        (candidate) => candidate.address === extension && isLive(candidate.state),
      );
      if (!party) return this.refuse(supervisorId, 'NOT_FOUND', `${extension} is not on dialog ${dialogId}.`);
      if (liveParties(dialog).length <= 2) {
        return this.refuse(supervisorId, 'INVALID_STATE', 'Only a conference participant can be dropped.');
      }
      if (party.agentId) {
        this.#leaveDialog(this.#agent(party.agentId), dialog, { keepOthers: true });
      } else {
        party.state = 'DROPPED';
        this.#broadcastDialog(dialog);
      }
      this.#send(supervisor.user.loginId, {
        kind: 'Control',
        code: 'PARTICIPANT_DROPPED',
        message: `${extension} was dropped from dialog ${dialogId}.`,
        detail: [],
      });
    });
  }

  // -------------------------------------------------------------------------------------------
  // Traffic and routing

  #scheduleArrival(queue: QueueRuntime): void {
    const delay = exponentialDelay(this.#random, this.#traffic.meanInterArrivalMs);
    if (!Number.isFinite(delay)) return;
    queue.arrivalTimer = this.#clock.setTimeout(() => {
      this.#arrive(queue);
      if (this.#running) this.#scheduleArrival(queue);
    }, delay);
  }

  #arrive(
    queue: QueueRuntime,
    caller?: { ani?: string; variables?: { name: string; value: string }[] },
  ): Dialog {
    const ani = caller?.ani ?? randomCaller(this.#random);
    const dialog = this.#newDialog({
      callType: 'ACD_IN',
      queue: queue.team.queue,
      caller: ani,
      parties: [customerParty(ani, 'ACTIVE')],
      acd: true,
      variables: caller?.variables ?? [
        { name: 'callVariable1', value: String(randomInt(this.#random, 100_000, 999_999)) },
        { name: 'callVariable2', value: pick(this.#random, ['EN', 'ES', 'DE']) },
        { name: 'user.CustomerTier', value: pick(this.#random, ['Gold', 'Silver', 'Standard']) },
      ],
    });
    queue.total++;
    const waiting: WaitingCall = { dialog, enqueuedAt: this.#clock.now(), abandonTimer: undefined };
    const patience = exponentialDelay(this.#random, this.#traffic.meanPatienceMs);
    if (Number.isFinite(patience)) {
      waiting.abandonTimer = this.#clock.setTimeout(() => {
        queue.waiting = queue.waiting.filter((call) => call !== waiting);
        queue.abandoned++;
        this.#forgetDialog(dialog);
      }, patience);
    }
    queue.waiting.push(waiting);
    this.#route(queue);
    return dialog;
  }

  /** Longest-available READY agent of the queue's team takes the oldest waiting call. */
  #route(queue: QueueRuntime): void {
    while (queue.waiting.length > 0) {
      const agent = this.#membersOf(queue.team)
        .filter((candidate) => candidate.state === 'READY')
        .sort((a, b) => a.since - b.since)[0];
      if (!agent) return;
      const call = queue.waiting.shift() as WaitingCall;
      this.#clock.clearTimeout(call.abandonTimer);
      agent.returnState = 'READY';
      agent.handledAcd = true;
      this.#setState(agent, 'RESERVED', '', '');
      this.#ringAgent(call.dialog, agent.user, call.dialog.caller, queue);
    }
  }

  #ringAgent(dialog: Dialog, user: SimUser, callerAddress: string, queue?: QueueRuntime): void {
    const agent = this.#agent(user.loginId);
    if (agent.state === 'LOGOUT') {
      // Nobody to ring: the caller hears it fail.
      return this.#failDialog(dialog);
    }
    dialog.parties.push(this.#agentParty(agent, 'ALERTING'));
    this.#remember(user.loginId, dialog.id);
    for (const party of dialog.parties) {
      if (
        party.agentId &&
        party.agentId !== user.loginId &&
        (party.state === 'INITIATED' || party.state === 'INITIATING')
      ) {
        party.state = 'INITIATED';
      }
    }
    this.#send(user.loginId, newCallNotice(dialog, callerAddress));
    this.#broadcastDialog(dialog);
    dialog.ringTimer = this.#clock.setTimeout(
      () => this.#ringTimeout(dialog, agent, queue),
      this.#traffic.ringTimeoutMs,
    );
    if (!this.#bindings.has(user.loginId) && this.#autopilot) {
      this.#scheduleAutopilot(agent, randomInt(this.#random, 1_500, 5_000));
    }
  }

  #ringTimeout(dialog: Dialog, agent: AgentRuntime, queue: QueueRuntime | undefined): void {
    dialog.ringTimer = undefined;
    const party = partyOf(dialog, agent.user.loginId);
    if (!party || party.state !== 'ALERTING') return;
    party.state = 'DROPPED';
    this.#sendDialog(agent, dialog);
    dialog.parties = dialog.parties.filter((candidate) => candidate !== party);
    if (queue) {
      // RONA: the call goes back to the head of the queue and the agent is made not ready.
      agent.handledAcd = false;
      this.#setState(agent, 'NOT_READY', RONA_REASON.id, RONA_REASON.label);
      queue.waiting.unshift({ dialog, enqueuedAt: this.#clock.now(), abandonTimer: undefined });
      this.#route(queue);
      return;
    }
    this.#recomputeState(agent);
    this.#endDialog(dialog);
  }

  #scheduleHangup(dialog: Dialog): void {
    this.#clock.clearTimeout(dialog.hangupTimer);
    const talk = exponentialDelay(this.#random, this.#traffic.meanTalkMs);
    if (!Number.isFinite(talk)) return;
    dialog.hangupTimer = this.#clock.setTimeout(() => this.#endDialog(dialog), Math.max(5_000, talk));
  }

  // -------------------------------------------------------------------------------------------
  // Autopilot colleagues: nobody signed in as them, so they work on their own.

  #scheduleAutopilot(agent: AgentRuntime, delayMs: number): void {
    this.#clock.clearTimeout(agent.autopilotTimer);
    agent.autopilotTimer = this.#clock.setTimeout(() => {
      agent.autopilotTimer = undefined;
      if (this.#running && !this.#bindings.has(agent.user.loginId)) this.#autopilotStep(agent);
    }, delayMs);
  }

  #autopilotStep(agent: AgentRuntime): void {
    const id = agent.user.loginId;
    const ringing = this.#dialogsOf(id).find((dialog) => partyOf(dialog, id)?.state === 'ALERTING');
    if (ringing) {
      if (ringing.callType === 'OUTBOUND_PREVIEW') this.#acceptPreview(id, ringing.id);
      else this.#answer(id, ringing.id);
      // A consult can ring while a routed call does too: come back for the next one.
      if (this.#dialogsOf(id).some((dialog) => partyOf(dialog, id)?.state === 'ALERTING')) {
        this.#scheduleAutopilot(agent, randomInt(this.#random, 1_000, 3_000));
      }
      return;
    }
    switch (agent.state) {
      case 'LOGOUT':
        this.#setState(agent, 'NOT_READY', '-1', '');
        return this.#scheduleAutopilot(agent, randomInt(this.#random, 2_000, 20_000));
      case 'NOT_READY':
        this.#setState(agent, 'READY', '', '');
        return;
      case 'READY':
        if (this.#random.next() < 0.15) {
          const reason = pick(this.#random, NOT_READY_REASONS.slice(0, 3));
          this.#setState(agent, 'NOT_READY', reason.id, reason.label);
          return this.#scheduleAutopilot(agent, randomInt(this.#random, 30_000, 180_000));
        }
        return this.#scheduleAutopilot(agent, randomInt(this.#random, 60_000, 240_000));
      default:
        return;
    }
  }

  // -------------------------------------------------------------------------------------------
  // Dialog plumbing

  #newDialog(init: {
    callType: CallType;
    queue: string;
    caller: string;
    parties: Party[];
    acd: boolean;
    campaign?: boolean;
    associatedDialogId?: string;
    consultInitiator?: string;
    monitoredDialogId?: string;
    variables?: { name: string; value: string }[];
  }): Dialog {
    const dialog: Dialog = {
      id: String(this.#nextDialogId++),
      callType: init.callType,
      queue: init.queue,
      caller: init.caller,
      variables: init.variables ?? [],
      startTime: this.#clock.now(),
      parties: init.parties,
      associatedDialogId: init.associatedDialogId,
      consultInitiator: init.consultInitiator,
      monitoredDialogId: init.monitoredDialogId,
      acd: init.acd,
      campaign: init.campaign ?? false,
      hangupTimer: undefined,
      ringTimer: undefined,
      counted: false,
    };
    this.#dialogs.set(dialog.id, dialog);
    for (const party of dialog.parties) if (party.agentId) this.#remember(party.agentId, dialog.id);
    return dialog;
  }

  #agentParty(agent: AgentRuntime, state: LegState): Party {
    return { address: agent.user.extension, agentId: agent.user.loginId, kind: 'AGENT', state, role: '' };
  }

  #remember(agentId: string, dialogId: string): void {
    const agent = this.#agents.get(agentId);
    if (!agent || agent.recentDialogs.includes(dialogId)) return;
    agent.recentDialogs.push(dialogId);
    if (agent.recentDialogs.length > 20) agent.recentDialogs.shift();
  }

  #setLeg(dialog: Dialog, agentId: string, state: LegState): void {
    const party = partyOf(dialog, agentId);
    if (!party) return;
    party.state = state;
    this.#sendDialog(this.#agent(agentId), dialog);
  }

  /** The agent leaves the dialog; with two parties left or fewer the whole call ends. */
  #leaveDialog(agent: AgentRuntime, dialog: Dialog, options: { keepOthers?: boolean } = {}): void {
    const party = partyOf(dialog, agent.user.loginId);
    if (!party || !isLive(party.state)) return;
    party.state = 'DROPPED';
    this.#sendDialog(agent, dialog);
    const remaining = liveParties(dialog);
    const agentsLeft = remaining.some((other) => other.agentId !== undefined);
    const callIsOver =
      remaining.length <= 1 ||
      !agentsLeft ||
      dialog.callType === 'SM' ||
      dialog.consultInitiator === agent.user.loginId;
    if (!options.keepOthers && callIsOver) this.#endDialog(dialog);
    else this.#broadcastDialog(dialog);
    this.#recomputeState(agent);
  }

  /** Everyone leaves: the customer hung up, or the last agent released. */
  #endDialog(dialog: Dialog): void {
    if (!this.#dialogs.has(dialog.id)) return;
    this.#clock.clearTimeout(dialog.hangupTimer);
    this.#clock.clearTimeout(dialog.ringTimer);
    const agents: AgentRuntime[] = [];
    for (const party of dialog.parties) {
      if (!isLive(party.state)) continue;
      party.state = 'DROPPED';
      if (party.agentId) agents.push(this.#agent(party.agentId));
    }
    for (const agent of agents) this.#sendDialog(agent, dialog);
    if (dialog.acd) {
      const queue = this.#queues.get(dialog.queue);
      if (queue)
        queue.longestHandleMs = Math.max(queue.longestHandleMs, this.#clock.now() - dialog.startTime);
    }
    this.#forgetDialog(dialog);
    // A consult that ends takes nothing else with it; its main call stays held.
    for (const agent of agents) this.#recomputeState(agent);
    // Monitor calls end with the call they monitor.
    for (const monitor of [...this.#dialogs.values()]) {
      if (monitor.callType === 'SM' && monitor.monitoredDialogId === dialog.id) this.#endDialog(monitor);
    }
  }

  /** The call could not be placed: every agent on it sees FAILED and moves on. */
  #failDialog(dialog: Dialog): void {
    const agents: AgentRuntime[] = [];
    for (const party of dialog.parties) {
      if (!party.agentId || !isLive(party.state)) continue;
      party.state = 'FAILED';
      const agent = this.#agent(party.agentId);
      agents.push(agent);
      this.#sendDialog(agent, dialog);
    }
    this.#forgetDialog(dialog);
    for (const agent of agents) this.#recomputeState(agent);
  }

  #forgetDialog(dialog: Dialog): void {
    this.#clock.clearTimeout(dialog.hangupTimer);
    this.#clock.clearTimeout(dialog.ringTimer);
    this.#dialogs.delete(dialog.id);
    // A caller who hangs up while queued leaves the queue: nobody must be rung for a ghost.
    const queue = this.#queues.get(dialog.queue);
    const waiting = queue?.waiting.find((call) => call.dialog === dialog);
    if (queue && waiting) {
      this.#clock.clearTimeout(waiting.abandonTimer);
      queue.waiting = queue.waiting.filter((call) => call !== waiting);
      queue.abandoned++;
    }
  }

  /** The agent's state follows their legs: talking, on hold, or done (wrap-up or back). */
  #recomputeState(agent: AgentRuntime): void {
    const legs = this.#dialogsOf(agent.user.loginId).map(
      (dialog) => partyOf(dialog, agent.user.loginId)?.state,
    );
    if (legs.some((state) => state === 'ACTIVE' || state === 'INITIATED' || state === 'INITIATING')) {
      if (agent.state !== 'TALKING') this.#setState(agent, 'TALKING', agent.reasonCodeId, agent.reasonLabel);
      return;
    }
    if (legs.some((state) => state === 'HELD')) {
      if (agent.state !== 'HOLD') this.#setState(agent, 'HOLD', agent.reasonCodeId, agent.reasonLabel);
      return;
    }
    if (legs.some((state) => state === 'ALERTING')) return;
    if (!IN_CALL_STATES.has(agent.state)) return;
    this.#callsOver(agent);
  }

  #callsOver(agent: AgentRuntime): void {
    const next = agent.pendingState === 'LOGOUT' ? 'NOT_READY' : agent.pendingState || agent.returnState;
    const wrapUp = agent.handledAcd && agent.user.wrapUpMode !== 'NOT_ALLOWED' && !agent.user.isSupervisor;
    agent.handledAcd = false;
    agent.pendingState = '';
    if (wrapUp) {
      this.#setState(
        agent,
        next === 'READY' ? 'WORK_READY' : 'WORK',
        next === 'READY' ? '' : agent.reasonCodeId,
        '',
      );
      this.#clock.clearTimeout(agent.wrapUpTimer);
      agent.wrapUpTimer = this.#clock.setTimeout(() => {
        agent.wrapUpTimer = undefined;
        if (agent.state === 'WORK_READY') this.#setState(agent, 'READY', '', '');
        else if (agent.state === 'WORK')
          this.#setState(agent, 'NOT_READY', agent.reasonCodeId, agent.reasonLabel);
      }, this.#traffic.wrapUpMs);
      return;
    }
    if (next === 'READY') this.#setState(agent, 'READY', '', '');
    else
      this.#setState(
        agent,
        'NOT_READY',
        agent.reasonCodeId === '' ? '-1' : agent.reasonCodeId,
        agent.reasonLabel,
      );
  }

  #consultOf(agentId: string, mainDialogId: string): Dialog | undefined {
    for (const dialog of this.#dialogs.values()) {
      if (dialog.consultInitiator === agentId && dialog.associatedDialogId === mainDialogId) return dialog;
    }
    return undefined;
  }

  #dialogsOf(agentId: string): Dialog[] {
    const result: Dialog[] = [];
    for (const dialog of this.#dialogs.values()) {
      const party = partyOf(dialog, agentId);
      if (party && isLive(party.state)) result.push(dialog);
    }
    return result;
  }

  // -------------------------------------------------------------------------------------------
  // Output

  #setState(agent: AgentRuntime, state: AgentStateName, reasonCodeId: string, label: string): void {
    agent.state = state;
    agent.reasonCodeId = reasonCodeId;
    agent.reasonLabel = label;
    agent.since = this.#clock.now();
    this.#sendState(agent);
    if (state === 'READY' && !agent.user.isSupervisor) {
      const team = this.roster.team(agent.user.teamId);
      const queue = team ? this.#queues.get(team.queue) : undefined;
      if (queue) this.#route(queue);
      if (agent.state === 'READY') this.#maybeOfferPreview(agent);
    }
    const onAutopilot = this.#autopilot && this.#running && !this.#bindings.has(agent.user.loginId);
    if (onAutopilot && !agent.user.isSupervisor && (state === 'READY' || state === 'NOT_READY')) {
      // Colleagues take breaks from READY and come back from NOT_READY on their own.
      this.#scheduleAutopilot(
        agent,
        state === 'READY' ? randomInt(this.#random, 60_000, 240_000) : randomInt(this.#random, 5_000, 60_000),
      );
    }
  }

  /** Signed-in people get a preview reservation now and then while they stay READY. */
  #maybeOfferPreview(agent: AgentRuntime): void {
    if (!this.#running || !this.#bindings.has(agent.user.loginId)) return;
    const gap = exponentialDelay(this.#random, this.#traffic.meanPreviewGapMs);
    if (!Number.isFinite(gap)) return;
    const since = agent.since;
    this.#clock.clearTimeout(agent.previewTimer);
    agent.previewTimer = this.#clock.setTimeout(() => {
      agent.previewTimer = undefined;
      if (agent.state === 'READY' && agent.since === since) this.#reservePreview(agent, {}, false);
    }, gap);
  }

  #stateEvent(agent: AgentRuntime, receiver: string): GcEvent {
    return {
      kind: 'State',
      receiver,
      state: agent.state,
      reasonCodeId: agent.state === 'READY' ? '' : agent.reasonCodeId,
      stateChangeTimeString: '',
      pendingState: agent.pendingState,
      stateChangeTime: formatTime(agent.since),
      fullName: agent.user.fullName,
      agentId: agent.user.loginId,
      extension: agent.user.extension,
      reasonLabel: agent.reasonLabel,
      loginName: agent.user.loginName,
    };
  }

  #sendState(agent: AgentRuntime): void {
    const id = agent.user.loginId;
    const destination = this.#bindings.get(id);
    if (destination) this.#sink(destination, this.#stateEvent(agent, id));
    for (const [supervisorId, teams] of this.#teamWatchers) {
      if (supervisorId === id || !teams.has(agent.user.teamId)) continue;
      const supervisorDestination = this.#bindings.get(supervisorId);
      if (supervisorDestination) this.#sink(supervisorDestination, this.#stateEvent(agent, supervisorId));
    }
  }

  #sendAgentInfo(agent: AgentRuntime): void {
    const user = agent.user;
    this.#send(user.loginId, {
      kind: 'AgentInfo',
      form: user.isSupervisor ? 'supervisor' : 'agent',
      firstName: user.firstName,
      lastName: user.lastName,
      isSupervisor: user.isSupervisor,
      wrapUpMode: user.wrapUpMode,
      teamId: user.teamId,
      fullName: user.fullName,
      loginName: user.loginName,
      teams: user.isSupervisor
        ? user.supervisedTeamIds.map((teamId) => ({
            id: teamId,
            name: this.roster.team(teamId)?.name ?? teamId,
          }))
        : [],
    });
  }

  #sendDialog(agent: AgentRuntime, dialog: Dialog): void {
    this.#send(agent.user.loginId, dialogViewFor(dialog, agent.user.loginId));
  }

  /** Tells every agent still on the dialog; one who left was told when they left. */
  #broadcastDialog(dialog: Dialog): void {
    const told = new Set<string>();
    for (const party of dialog.parties) {
      if (!party.agentId || told.has(party.agentId) || !isLive(party.state)) continue;
      told.add(party.agentId);
      this.#sendDialog(this.#agent(party.agentId), dialog);
    }
  }

  #send(agentId: string, event: DistributiveOmit<GcEvent, 'receiver'>): void {
    const destination = this.#bindings.get(agentId);
    if (!destination) return;
    this.#sink(destination, { ...event, receiver: agentId } as GcEvent);
  }

  // -------------------------------------------------------------------------------------------
  // Lookups

  #agent(agentId: string): AgentRuntime {
    const agent = this.#agents.get(agentId);
    if (!agent) throw new RangeError(`unknown agent ${agentId}`);
    return agent;
  }

  #withUser(id: string, act: (user: SimUser) => void): void {
    const user = this.roster.byLoginId(id);
    if (!user) return this.refuse(id, 'USER_NOT_FOUND', `No agent with login id ${id} exists.`);
    act(user);
  }

  #withAgent(id: string, act: (agent: AgentRuntime) => void): void {
    const agent = this.#agents.get(id);
    if (!agent) return this.refuse(id, 'USER_NOT_FOUND', `No agent with login id ${id} exists.`);
    act(agent);
  }

  #withDialog(id: string, dialogId: string, act: (agent: AgentRuntime, dialog: Dialog) => void): void {
    this.#withAgent(id, (agent) => {
      if (agent.state === 'LOGOUT') return this.refuse(id, 'INVALID_STATE', 'Sign in first.');
      const dialog = this.#dialogs.get(dialogId);
      if (!dialog) return this.refuse(id, 'NOT_FOUND', `Dialog ${dialogId} does not exist.`);
      act(agent, dialog);
    });
  }

  #teamsOf(user: SimUser): SimTeam[] {
    const ids = user.isSupervisor ? user.supervisedTeamIds : [user.teamId];
    return ids.map((id) => this.roster.team(id)).filter((team): team is SimTeam => team !== undefined);
  }

  #supervisorsOf(user: SimUser): SimUser[] {
    const team = this.roster.team(user.teamId);
    return (team?.supervisorIds ?? [])
      .map((id) => this.roster.byLoginId(id))
      .filter((supervisor): supervisor is SimUser => supervisor !== undefined);
  }

  #membersOf(team: SimTeam): AgentRuntime[] {
    return [...this.#agents.values()].filter(
      (agent) => agent.user.teamId === team.id && !agent.user.isSupervisor,
    );
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

function customerParty(address: string, state: LegState): Party {
  return { address, agentId: undefined, kind: 'CUSTOMER', state, role: '' };
}

function asPhonebook(book: { name: string; type: string; id: string }) {
  return { name: book.name, type: book.type, id: book.id };
}

function randomCaller(random: RandomSource): string {
  const local = String(randomInt(random, 0, 9999)).padStart(4, '0');
  return random.next() < 0.5 ? `+44 20 7946 ${local}` : `+1 202 555 ${local}`;
}
