// The Desk: what the Electron main process (and the browser host, and the CLI) runs. It owns the
// GC session, keeps DeskState through the pure reducer, publishes coalesced patches, and
// implements every DeskApi action: validated against the state before anything is sent, encoded
// and sent, answered when the broker confirms and, where GC replies, when the reply arrives.

import type {
  ConnectionSetupInput,
  ConnectionSetupView,
  ContactView,
  DeskApi,
  DeskPatch,
  DeskState,
  DialogView,
  Result,
  SignInInput,
} from '../../../preload/contract.ts';
import { GcSession, type GcSessionOptions, type GcSessionStatus } from '../broker/gc-session.ts';
import type { Logger } from '../log/logger.ts';
import type { Command, DecodedEvent } from '../protocol/index.ts';
import type { Vault } from '../vault/index.ts';
import { ContactIndex } from '../../../preload/contact-search.ts';
import { callbackCommand, outboxItems, type CallbackInput } from './callback-commands.ts';
import { CallbackOutbox, type CallbackCommand } from './callback-outbox.ts';
import type { ConnectionSetupPort, NewConnection } from './connection-setup-port.ts';
import {
  consultLeg,
  dialogById,
  fail,
  inService,
  notConnected,
  ok,
  requireText,
  signedInAgent,
  signedInSupervisor,
  type Refusal,
} from './desk-guards.ts';
import { GcRequests } from './gc-requests.ts';
import { initialDeskState, reduceDesk, type DeskInput } from './model.ts';
import { PatchPublisher, type PatchScheduler } from './patch-publisher.ts';
import { WireProblems, type WireProblemCounts } from './wire-problems.ts';

export interface DeskOptions {
  readonly mode: 'demo' | 'broker';
  readonly session: GcSessionOptions;
  /** The write-ahead file of the callback outbox (in the user-data directory). */
  readonly outboxFile: string;
  /** Where "remember me" keeps the agent password; without one, nothing is remembered. */
  readonly vault?: Vault;
  readonly log?: Logger;
  readonly now?: () => number;
  /** How long an action waits for GC's reply after the broker confirmed it (default 10 s). */
  readonly replyTimeoutMs?: number;
  /** Queue statistics refresh while a view shows them (default 15 s). */
  readonly queueRefreshMs?: number;
  readonly patchScheduler?: PatchScheduler;
  /** Told every password the desk handles (typed or remembered), so log sinks can redact it. */
  readonly onSecret?: (secret: string) => void;
  /** Lets the agent choose the demo or a broker (the runtime's); without one that is refused. */
  readonly connectionSetup?: ConnectionSetupPort;
}

export class Desk implements DeskApi {
  /** Replaced when the agent changes the connection (setUpConnection). */
  #session: GcSession;
  readonly #connectionSetup: ConnectionSetupPort | undefined;
  /** A connection change is under way: sign-in and another change wait for it. */
  #switching = false;
  #stopped = false;
  readonly #outbox: CallbackOutbox;
  readonly #vault: Vault | undefined;
  readonly #onSecret: (secret: string) => void;
  readonly #log: Logger;
  readonly #now: () => number;
  readonly #queueRefreshMs: number;
  readonly #publisher: PatchPublisher;
  readonly #contacts = new ContactIndex();
  readonly #requests: GcRequests;
  readonly #eventObservers = new Set<(event: DecodedEvent) => void>();
  #state: DeskState;
  #queueTimer: ReturnType<typeof setTimeout> | undefined;
  #watchingQueues = false;
  #flushing = false;
  readonly #wireProblems: WireProblems;

  private constructor(options: DeskOptions, outbox: CallbackOutbox) {
    this.#log = options.log ?? (() => {});
    this.#wireProblems = new WireProblems(this.#log);
    this.#now = options.now ?? (() => Date.now());
    this.#requests = new GcRequests({
      send: (command) => this.#session.send(command),
      replyTimeoutMs: options.replyTimeoutMs ?? 10_000,
    });
    this.#queueRefreshMs = options.queueRefreshMs ?? 15_000;
    this.#vault = options.vault;
    this.#onSecret = options.onSecret ?? (() => {});
    this.#outbox = outbox;
    this.#publisher = new PatchPublisher(options.patchScheduler ? { scheduler: options.patchScheduler } : {});
    this.#state = initialDeskState(options.mode);
    this.#connectionSetup = options.connectionSetup;
    this.#session = this.#openSession(options.session);
    this.#outbox.onChange(() => this.#dispatchOutbox());
    this.#dispatchOutbox();
  }

  /** Opens the outbox (recovering what a previous run left) and builds the desk. */
  static async create(options: DeskOptions): Promise<Desk> {
    const outbox = await CallbackOutbox.open(options.outboxFile, options.log);
    return new Desk(options, outbox);
  }

  start(): void {
    this.#session.start();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.#stopQueueTimer();
    this.#requests.stop();
    this.#publisher.flush();
    this.#publisher.dispose();
    await this.#session.stop();
    await this.#outbox.close();
    this.#wireProblems.logSummary();
  }

  get state(): DeskState {
    return this.#state;
  }

  /** Malformed and unknown events received so far (each kind was logged once). */
  get wireProblems(): WireProblemCounts {
    return this.#wireProblems.counts;
  }

  /** Every decoded event as it arrives (the CLI prints them; the desk's own use is through state). */
  observeEvents(listener: (event: DecodedEvent) => void): () => void {
    this.#eventObservers.add(listener);
    return () => {
      this.#eventObservers.delete(listener);
    };
  }

  // --- DeskApi: state

  async getState(): Promise<Result<DeskState>> {
    return { ok: true, value: this.#state };
  }

  subscribe(onPatch: (patch: DeskPatch) => void): () => void {
    return this.#publisher.subscribe(onPatch);
  }

  // --- Sign in and out, agent state

  async signIn(input: SignInInput): Promise<Result<void>> {
    const problem =
      requireText(input?.agentId, 'agentId', 'your agent id') ??
      requireText(input?.extension, 'extension', 'your extension');
    if (problem) return { ok: false, error: problem };
    if (input.mobile) {
      const dial = requireText(input.mobile.dialNumber, 'mobile.dialNumber', 'the number to call you on');
      if (dial) return { ok: false, error: dial };
    }
    if (this.#state.agent.signIn === 'signed-in' || this.#state.agent.signIn === 'signing-in') {
      return fail('already-signed-in', 'You are already signed in.');
    }
    if (this.#switching)
      return fail('switching', 'The connection is being changed. Sign in once it is connected again.');
    if (!inService(this.#state)) return notConnected(this.#state);
    let password = input.password;
    if (password === undefined || password === '') {
      const remembered = this.#vault ? await this.#vault.read('agent-password', input.agentId) : undefined;
      password = remembered?.ok ? remembered.value : undefined;
      if (!password) return fail('missing-password', 'Enter your password.', 'password');
    }
    this.#onSecret(password);
    this.#dispatch({
      type: 'sign-in-started',
      agentId: input.agentId,
      extension: input.extension,
      mobile: input.mobile ? { dialNumber: input.mobile.dialNumber, mode: input.mobile.mode } : undefined,
    });
    this.#session.bindAgent({ agentId: input.agentId, password });
    const command: Command = input.mobile
      ? {
          name: 'MobileAgentLogin',
          id: input.agentId,
          password,
          extension: input.extension,
          dialNumber: input.mobile.dialNumber,
          callByCall: input.mobile.mode === 'call-by-call',
        }
      : { name: 'Login', id: input.agentId, password, extension: input.extension };
    const result = await this.#request(
      command,
      (event) => event.kind === 'State' && event.agentId === input.agentId && event.state !== 'LOGOUT',
    );
    if (!result.ok) {
      this.#session.unbindAgent();
      this.#dispatch({ type: 'sign-in-failed' });
      return result;
    }
    await this.#rememberPassword(input.agentId, password, input.rememberPassword === true);
    this.#refreshAfterSignIn();
    return ok;
  }

  async signOut(input: { readonly reasonCode?: string } = {}): Promise<Result<void>> {
    const agentId = this.#state.agent.agentId;
    if (!agentId || this.#state.agent.signIn !== 'signed-in')
      return fail('not-signed-in', 'You are not signed in.');
    if (this.#state.dialogs.items.length > 0)
      return fail('on-a-call', 'Finish your calls before signing out.');
    const reasons = this.#state.agent.reasonCodes.logout;
    if (input.reasonCode !== undefined && !reasons.some((reason) => reason.id === input.reasonCode)) {
      return fail('invalid-input', 'Choose one of the logout reasons.', 'reasonCode');
    }
    const command: Command =
      input.reasonCode !== undefined
        ? { name: 'LogoutWithReason', id: agentId, reasonCode: input.reasonCode }
        : { name: 'Logout', id: agentId };
    this.#dispatch({ type: 'sign-out-started' });
    const result = await this.#request(
      command,
      (event) => event.kind === 'State' && event.agentId === agentId && event.state === 'LOGOUT',
    );
    if (result.ok) {
      this.#session.unbindAgent();
      this.#stopQueueTimer();
    }
    return result;
  }

  async setReady(): Promise<Result<void>> {
    const agentId = this.#signedInAgent();
    if (typeof agentId !== 'string') return agentId;
    if (this.#state.agent.state === 'READY') return ok;
    return this.#request({ name: 'MakeReady', id: agentId }, (event) => this.#ownState(event));
  }

  async setNotReady(input: { readonly reasonCode?: string } = {}): Promise<Result<void>> {
    const agentId = this.#signedInAgent();
    if (typeof agentId !== 'string') return agentId;
    const reasons = this.#state.agent.reasonCodes.notReady;
    if (input.reasonCode !== undefined && !reasons.some((reason) => reason.id === input.reasonCode)) {
      return fail('invalid-input', 'Choose one of the not-ready reasons.', 'reasonCode');
    }
    const command: Command =
      input.reasonCode === undefined
        ? { name: 'MakeNotReady', id: agentId }
        : { name: 'MakeNotReadyWithReason', id: agentId, reasonCode: input.reasonCode };
    return this.#request(command, (event) => this.#ownState(event));
  }

  async setWrapUpReason(input: {
    readonly reasonCode: string;
    readonly dialogId?: string;
  }): Promise<Result<void>> {
    const agentId = this.#signedInAgent();
    if (typeof agentId !== 'string') return agentId;
    const reason = this.#state.agent.reasonCodes.wrapUp.find((code) => code.id === input?.reasonCode);
    if (!reason) return fail('invalid-input', 'Choose one of the wrap-up reasons.', 'reasonCode');
    const dialogId = input.dialogId ?? this.#state.dialogs.lastEnded?.id;
    if (typeof dialogId !== 'string' || dialogId === '')
      return fail('no-such-call', 'There is no call to wrap up.', 'dialogId');
    // GC documents no reply: the broker's receipt is all the confirmation there is.
    const sent = await this.#session.send({
      name: 'UpdateWrapUpReason',
      id: agentId,
      dialogId,
      reasonCode: reason.id,
    });
    if (!sent.ok)
      return fail(sent.error.code, sent.error.message, 'field' in sent.error ? sent.error.field : undefined);
    this.#dispatch({ type: 'wrap-up-recorded', dialogId, reasonCode: reason.id, label: reason.label });
    return ok;
  }

  // --- Calls

  async makeCall(input: { readonly number: string }): Promise<Result<void>> {
    const agentId = this.#signedInAgent();
    if (typeof agentId !== 'string') return agentId;
    const problem = requireText(input?.number, 'number', 'a number to call');
    if (problem) return { ok: false, error: problem };
    const state = this.#state.agent.state;
    if (state !== 'NOT_READY' && state !== 'WORK' && state !== 'WORK_READY') {
      return fail(
        'not-allowed',
        state === 'READY' ? 'Go not ready before making a call.' : 'You cannot make a call now.',
      );
    }
    // Done when a dialog appears that was not there before: an earlier dialog's event is no reply.
    const before = new Set(this.#state.dialogs.items.map((dialog) => dialog.id));
    return this.#request({ name: 'MakeCall', id: agentId, number: input.number.trim() }, () =>
      this.#state.dialogs.items.some((dialog) => !before.has(dialog.id)),
    );
  }

  answer(input: { readonly dialogId: string }): Promise<Result<void>> {
    return this.#onDialog(
      input,
      (dialog) =>
        dialog.state === 'ALERTING' && dialog.kind !== 'preview'
          ? undefined
          : 'There is no ringing call to answer.',
      (agentId, dialogId) => ({ name: 'AnswerCall', id: agentId, dialogId }),
    );
  }

  hold(input: { readonly dialogId: string }): Promise<Result<void>> {
    return this.#onDialog(
      input,
      (dialog) => (dialog.state === 'ACTIVE' ? undefined : 'Only an active call can be held.'),
      (agentId, dialogId) => ({ name: 'HoldCall', id: agentId, dialogId }),
    );
  }

  retrieve(input: { readonly dialogId: string }): Promise<Result<void>> {
    return this.#onDialog(
      input,
      (dialog) => (dialog.state === 'HELD' ? undefined : 'That call is not on hold.'),
      (agentId, dialogId) => ({ name: 'RetrieveCall', id: agentId, dialogId }),
    );
  }

  release(input: { readonly dialogId: string }): Promise<Result<void>> {
    return this.#onDialog(
      input,
      (dialog) => (dialog.kind === 'preview' ? 'Reject or close the preview instead.' : undefined),
      (agentId, dialogId) => ({ name: 'ReleaseCall', id: agentId, dialogId }),
    );
  }

  consult(input: { readonly dialogId: string; readonly target: string }): Promise<Result<void>> {
    const problem = requireText(input?.target, 'target', 'who to consult');
    if (problem) return Promise.resolve({ ok: false, error: problem });
    return this.#onDialog(
      input,
      (dialog) => {
        if (dialog.kind !== 'call' || (dialog.state !== 'ACTIVE' && dialog.state !== 'HELD'))
          return 'A consult needs a call in progress.';
        if (consultLeg(this.#state)) return 'A consult call is already in progress.';
        return undefined;
      },
      (agentId, dialogId) => ({ name: 'ConsultCall', id: agentId, extension: input.target.trim(), dialogId }),
      // The call may already be on hold, so its state need not change: the consult leg is the reply.
      (call) => call === undefined || consultLeg(this.#state) !== undefined,
    );
  }

  completeTransfer(input: { readonly dialogId: string; readonly target: string }): Promise<Result<void>> {
    return this.#completeConsult(input, 'transfer');
  }

  completeConference(input: { readonly dialogId: string; readonly target: string }): Promise<Result<void>> {
    return this.#completeConsult(input, 'conference');
  }

  blindTransfer(input: { readonly dialogId: string; readonly target: string }): Promise<Result<void>> {
    const problem = requireText(input?.target, 'target', 'where to transfer');
    if (problem) return Promise.resolve({ ok: false, error: problem });
    return this.#onDialog(
      input,
      (dialog) =>
        dialog.kind === 'call' && (dialog.state === 'ACTIVE' || dialog.state === 'HELD')
          ? undefined
          : 'Only a call in progress can be transferred.',
      (agentId, dialogId) => ({ name: 'BlindTransfer', id: agentId, number: input.target.trim(), dialogId }),
    );
  }

  // --- Outbound preview

  acceptPreview(input: { readonly dialogId: string }): Promise<Result<void>> {
    return this.#onPreview(input, (agentId, dialogId) => ({
      name: 'AcceptOutboundPreview',
      id: agentId,
      dialogId,
    }));
  }

  rejectPreview(input: { readonly dialogId: string }): Promise<Result<void>> {
    return this.#onPreview(input, (agentId, dialogId) => ({
      name: 'RejectOutboundPreview',
      id: agentId,
      dialogId,
    }));
  }

  closePreview(input: { readonly dialogId: string }): Promise<Result<void>> {
    return this.#onPreview(input, (agentId, dialogId) => ({
      name: 'CloseOutboundPreview',
      id: agentId,
      dialogId,
    }));
  }

  async reclassify(input: { readonly dialogId: string; readonly value: string }): Promise<Result<void>> {
    const agentId = this.#signedInAgent();
    if (typeof agentId !== 'string') return agentId;
    const problem =
      requireText(input?.dialogId, 'dialogId', 'a call') ??
      requireText(input?.value, 'value', 'a classification');
    if (problem) return { ok: false, error: problem };
    const extension = this.#state.agent.extension ?? '';
    return this.#request(
      { name: 'ReclassifyCall', id: agentId, extension, dialogId: input.dialogId, value: input.value },
      (event) => event.kind === 'Control',
    );
  }

  // --- Callbacks: sent at once when connected, kept in the durable outbox when not

  scheduleCallback(input: {
    readonly dialogId: string;
    readonly callbackTime: string;
    readonly callbackNumber: string;
  }) {
    return this.#callback('ScheduleCallback', input);
  }

  updateCallback(input: {
    readonly dialogId: string;
    readonly callbackTime: string;
    readonly callbackNumber: string;
  }) {
    return this.#callback('UpdateCallback', input);
  }

  cancelCallback(input: { readonly dialogId: string }) {
    return this.#callback('CancelCallback', input);
  }

  // --- Phonebooks

  async loadSkillGroups(): Promise<Result<void>> {
    const agentId = this.#signedInAgent();
    if (typeof agentId !== 'string') return agentId;
    return this.#request({ name: 'GetSkillGroups', id: agentId }, (event) => event.kind === 'SkillGroups');
  }

  async loadSupervisors(): Promise<Result<void>> {
    const agentId = this.#signedInAgent();
    if (typeof agentId !== 'string') return agentId;
    return this.#request({ name: 'GetSupervisors', id: agentId }, (event) => event.kind === 'Supervisors');
  }

  async loadPhonebooks(): Promise<Result<void>> {
    const agentId = this.#signedInAgent();
    if (typeof agentId !== 'string') return agentId;
    const global = await this.#request(
      { name: 'GetPhonebooks', id: agentId },
      (event) => event.kind === 'Phonebooks',
    );
    const teamId = this.#state.agent.teamId;
    if (!global.ok || !teamId) return global;
    return this.#request(
      { name: 'GetTeamPhonebooks', id: agentId, teamId },
      (event) => event.kind === 'TeamPhonebooks',
    );
  }

  async loadContacts(input: { readonly phonebookId: string }): Promise<Result<void>> {
    const agentId = this.#signedInAgent();
    if (typeof agentId !== 'string') return agentId;
    const problem = requireText(input?.phonebookId, 'phonebookId', 'a phonebook');
    if (problem) return { ok: false, error: problem };
    this.#dispatch({ type: 'contacts-requested', phonebookId: input.phonebookId });
    return this.#request(
      { name: 'GetPhonebookContacts', id: agentId, phonebookId: input.phonebookId },
      (event) => event.kind === 'PhonebookContacts',
    );
  }

  async searchContacts(input: {
    readonly query: string;
    readonly limit?: number;
  }): Promise<Result<readonly ContactView[]>> {
    if (typeof input?.query !== 'string' || input.query.length > 200) {
      return fail('invalid-input', 'Type up to 200 characters to search.', 'query');
    }
    const limit = Math.min(Math.max(1, Math.floor(input.limit ?? 50)), 500);
    this.#contacts.update(Object.values(this.#state.phonebooks.contacts));
    return { ok: true, value: this.#contacts.search(input.query, limit) };
  }

  // --- Supervisor

  async loadTeam(input: { readonly teamId: string }): Promise<Result<void>> {
    const supervisorId = this.#supervisor();
    if (typeof supervisorId !== 'string') return supervisorId;
    const problem = requireText(input?.teamId, 'teamId', 'a team');
    if (problem) return { ok: false, error: problem };
    this.#dispatch({ type: 'team-requested', teamId: input.teamId });
    return this.#request(
      { name: 'GetTeamUsers', id: supervisorId, teamId: input.teamId, includeLoggedOut: true },
      (event) => event.kind === 'TeamUsersList',
    );
  }

  forceReady(input: { readonly agentId: string }): Promise<Result<void>> {
    return this.#onMember(input, (agentId) => ({ name: 'MakeReady', id: agentId }));
  }

  forceNotReady(input: { readonly agentId: string; readonly reasonCode?: string }): Promise<Result<void>> {
    return this.#onMember(input, (agentId) =>
      input.reasonCode === undefined
        ? { name: 'MakeNotReady', id: agentId }
        : { name: 'MakeNotReadyWithReason', id: agentId, reasonCode: input.reasonCode },
    );
  }

  forceSignOut(input: { readonly agentId: string }): Promise<Result<void>> {
    return this.#onMember(input, (agentId) => ({ name: 'Logout', id: agentId }));
  }

  async silentMonitor(input: { readonly extension: string }): Promise<Result<void>> {
    const supervisorId = this.#supervisor();
    if (typeof supervisorId !== 'string') return supervisorId;
    const problem = requireText(input?.extension, 'extension', 'the agent to monitor');
    if (problem) return { ok: false, error: problem };
    return this.#request(
      { name: 'SilentMonitor', id: supervisorId, extension: input.extension },
      (event) => event.kind === 'InboundCall' && event.callType === 'SM',
    );
  }

  async endMonitor(input: { readonly dialogId: string }): Promise<Result<void>> {
    const supervisorId = this.#supervisor();
    if (typeof supervisorId !== 'string') return supervisorId;
    const dialog = this.#dialog(input?.dialogId);
    if (!dialog || dialog.kind !== 'monitor') return fail('not-allowed', 'That is not a monitor call.');
    return this.#request({ name: 'EndSilentMonitor', id: supervisorId, dialogId: dialog.id }, (event) =>
      this.#dialogEvent(event),
    );
  }

  async bargeIn(input: { readonly dialogId: string }): Promise<Result<void>> {
    const supervisorId = this.#supervisor();
    if (typeof supervisorId !== 'string') return supervisorId;
    const dialog = this.#dialog(input?.dialogId);
    if (!dialog || dialog.kind !== 'monitor')
      return fail('not-allowed', 'Barge in from a call you are monitoring.');
    const extension = this.#state.agent.extension ?? '';
    return this.#request({ name: 'BargeIn', id: supervisorId, extension, dialogId: dialog.id }, (event) =>
      this.#dialogEvent(event),
    );
  }

  async dropParticipant(input: {
    readonly dialogId: string;
    readonly extension: string;
  }): Promise<Result<void>> {
    const supervisorId = this.#supervisor();
    if (typeof supervisorId !== 'string') return supervisorId;
    const problem =
      requireText(input?.dialogId, 'dialogId', 'a call') ??
      requireText(input?.extension, 'extension', 'the participant');
    if (problem) return { ok: false, error: problem };
    return this.#request(
      { name: 'DropParticipant', id: supervisorId, extension: input.extension, dialogId: input.dialogId },
      (event) => event.kind === 'Control' || this.#dialogEvent(event),
    );
  }

  async watchQueues(input: { readonly visible: boolean }): Promise<Result<void>> {
    if (typeof input?.visible !== 'boolean')
      return fail('invalid-input', 'visible must be true or false.', 'visible');
    this.#watchingQueues = input.visible;
    this.#stopQueueTimer();
    if (!input.visible) return ok;
    return this.#refreshQueues();
  }

  async reconnectNow(): Promise<Result<void>> {
    this.#session.reconnectNow();
    return ok;
  }

  // --- Connection setup: the demo or a real broker (through the runtime's port)

  async getConnectionSetup(): Promise<Result<ConnectionSetupView>> {
    if (!this.#connectionSetup) return this.#setupUnavailable();
    return this.#connectionSetup.describe();
  }

  async setUpConnection(input: ConnectionSetupInput): Promise<Result<void>> {
    const port = this.#connectionSetup;
    if (!port) return this.#setupUnavailable();
    if (this.#state.agent.signIn !== 'signed-out')
      return fail('signed-in', 'Sign out before changing the connection.');
    if (this.#switching) return fail('switching', 'The connection is already being changed.');
    // Those callback changes were meant for the contact center they were made on.
    const waiting = this.#outbox.pending.length;
    if (waiting > 0)
      return fail(
        'outbox-pending',
        `${waiting} callback change${waiting === 1 ? ' is' : 's are'} still waiting to be sent on this connection. Sign in here so they can go, then change the connection.`,
      );
    this.#switching = true;
    try {
      const prepared = await port.apply(input);
      if (!prepared.ok) return prepared;
      if (prepared.value) await this.#switchTo(prepared.value);
      return ok;
    } finally {
      this.#switching = false;
    }
  }

  #setupUnavailable(): Refusal {
    return fail(
      'not-available',
      'Connection settings cannot be changed here: edit settings.json, or use the app or the browser host.',
    );
  }

  /** Leaves the old session for a new one; events of the old one are ignored from here on. */
  async #switchTo(next: NewConnection): Promise<void> {
    const old = this.#session;
    this.#session = this.#openSession(next.session);
    this.#requests.failAll('connection-lost');
    await old.stop();
    await next.retireOld();
    if (this.#stopped) return;
    this.#dispatch({ type: 'connection-changed', mode: next.mode });
    this.#log({ level: 'info', event: 'desk.connection-changed', mode: next.mode });
    if (next.warning) this.#notice('warning', next.warning.code, next.warning.message);
    this.#session.start();
  }

  // -------------------------------------------------------------------------------------------
  // Plumbing

  #openSession(options: GcSessionOptions): GcSession {
    const session = new GcSession({ ...options, log: this.#log });
    session.onStatus((status) => {
      if (session === this.#session) this.#onStatus(status);
    });
    session.onEvent((event) => {
      if (session === this.#session) this.#onEvent(event);
    });
    return session;
  }

  #dispatch(input: DeskInput): void {
    const change = reduceDesk(this.#state, input);
    this.#state = change.state;
    this.#publisher.push(change);
  }

  #onStatus(status: GcSessionStatus): void {
    const wasStale = this.#state.connection.stale;
    this.#dispatch({ type: 'session', status, at: this.#now() });
    if (status.state !== 'in-service') {
      if (status.state === 'reconnecting' || status.state === 'stopped')
        this.#requests.failAll('connection-lost');
      // GC lost Finesse: what it was asked will not be answered, so nothing waits for its reply.
      if (status.state === 'out-of-service') this.#requests.failAll('out-of-service');
      return;
    }
    if (this.#state.agent.signIn === 'signed-in' && (wasStale || this.#state.connection.stale))
      this.#refreshAfterReconnect();
    void this.#flushOutbox();
  }

  #onEvent(event: DecodedEvent): void {
    // Counted; the first of each kind logged once (a storm must not flood the log).
    this.#wireProblems.record(event);
    this.#dispatch({ type: 'event', event, at: this.#now() });
    for (const observer of this.#eventObservers) observer(event);
    this.#requests.onEvent(event);
  }

  /** Sends a command and waits for GC's reply (see gc-requests.ts). */
  #request(command: Command, reply: (event: DecodedEvent) => boolean): Promise<Result<void>> {
    return this.#requests.request(command, reply);
  }

  #signedInAgent(): string | Refusal {
    return signedInAgent(this.#state);
  }

  #supervisor(): string | Refusal {
    return signedInSupervisor(this.#state);
  }

  #ownState(event: DecodedEvent): boolean {
    return event.kind === 'State' && event.agentId === this.#state.agent.agentId;
  }

  #dialogEvent(event: DecodedEvent): boolean {
    return event.kind === 'InboundCall' || event.kind === 'ConsultCall' || event.kind === 'NewInboundCall';
  }

  #dialog(dialogId: unknown): DialogView | undefined {
    return dialogById(this.#state, dialogId);
  }

  /**
   * An action on one dialog. It is done when the dialog shows its effect (by default: its state
   * changed, or it is gone), not at the first event about it: GC sends a ringing call as
   * NewInboundCall and then InboundCall ALERTING, and an answer sent between the two must not
   * count the second as its reply.
   */
  async #onDialog(
    input: { readonly dialogId: string },
    check: (dialog: DialogView) => string | undefined,
    command: (agentId: string, dialogId: string) => Command,
    settled?: (after: DialogView | undefined) => boolean,
  ): Promise<Result<void>> {
    const agentId = this.#signedInAgent();
    if (typeof agentId !== 'string') return agentId;
    const dialog = this.#dialog(input?.dialogId);
    if (!dialog) return fail('no-such-call', 'That call is no longer there.', 'dialogId');
    const refusal = check(dialog);
    if (refusal) return fail('not-allowed', refusal);
    const done = settled ?? ((after: DialogView | undefined) => after?.state !== dialog.state);
    return this.#request(command(agentId, dialog.id), () => done(this.#dialog(dialog.id)));
  }

  #onPreview(
    input: { readonly dialogId: string },
    command: (agentId: string, dialogId: string) => Command,
  ): Promise<Result<void>> {
    return this.#onDialog(
      input,
      (dialog) => (dialog.kind === 'preview' ? undefined : 'That is not a preview waiting for you.'),
      command,
    );
  }

  #completeConsult(
    input: { readonly dialogId: string; readonly target: string },
    mode: 'transfer' | 'conference',
  ) {
    const problem = requireText(
      input?.target,
      'target',
      mode === 'transfer' ? 'who to transfer to' : 'who to conference',
    );
    if (problem) return Promise.resolve({ ok: false as const, error: problem });
    return this.#onDialog(
      input,
      (dialog) => {
        if (dialog.kind !== 'call') return 'Choose the customer’s call, not the consult leg.';
        const consult = consultLeg(this.#state);
        if (!consult) return `Consult ${input.target} first.`;
        if (mode === 'conference' && consult.state !== 'ACTIVE')
          return `${input.target} has not answered the consult call yet.`;
        return undefined;
      },
      (agentId, dialogId) =>
        mode === 'transfer'
          ? { name: 'TransferCall', id: agentId, extension: input.target.trim(), dialogId }
          : { name: 'ConferenceCall', id: agentId, extension: input.target.trim(), dialogId },
      (call) => call === undefined || consultLeg(this.#state) === undefined,
    );
  }

  async #onMember(
    input: { readonly agentId: string },
    command: (agentId: string) => Command,
  ): Promise<Result<void>> {
    const supervisorId = this.#supervisor();
    if (typeof supervisorId !== 'string') return supervisorId;
    const member = typeof input?.agentId === 'string' ? this.#state.team.members[input.agentId] : undefined;
    if (!member) return fail('not-allowed', 'That agent is not in the team you are viewing.', 'agentId');
    return this.#request(
      command(member.loginId),
      (event) => event.kind === 'State' && event.agentId === member.loginId,
    );
  }

  async #callback(name: CallbackCommand['name'], input: CallbackInput): Promise<Result<void>> {
    const built = callbackCommand(name, this.#state.agent, input);
    if (!built.ok) return built;
    const { command } = built;
    // A command that can never travel is refused now, not parked in the outbox.
    const encoded = this.#session.codec.encodeCommand(command);
    if (!encoded.ok)
      return fail(
        encoded.error.code,
        encoded.error.message,
        'field' in encoded.error ? encoded.error.field : undefined,
      );
    if (!inService(this.#state) || this.#outbox.pending.length > 0) {
      // Offline, or earlier callbacks still waiting: keep the order, send when the session is back.
      await this.#outbox.enqueue(command, this.#now());
      void this.#flushOutbox();
      return ok;
    }
    return this.#request(command, (event) => event.kind === 'Callback' && event.dialogId === input.dialogId);
  }

  async #flushOutbox(): Promise<void> {
    if (this.#flushing) return;
    this.#flushing = true;
    try {
      while (inService(this.#state) && this.#state.agent.signIn === 'signed-in') {
        const next = this.#outbox.pending[0];
        if (!next) break;
        const sent = await this.#session.send(next.command);
        if (!sent.ok) {
          // Not connected or no receipt: it stays first in line for the next time the session is up.
          this.#log({
            level: 'warn',
            event: 'outbox.send-failed',
            code: sent.error.code,
            command: next.command.name,
          });
          if (
            sent.error.code !== 'not-connected' &&
            sent.error.code !== 'connection-lost' &&
            sent.error.code !== 'receipt-timeout'
          ) {
            // Refused for good (a value that cannot travel): nothing will change by retrying.
            await this.#outbox.markDone(next.id);
            this.#dispatch({
              type: 'notice',
              level: 'error',
              code: sent.error.code,
              message: sent.error.message,
              at: this.#now(),
            });
          }
          break;
        }
        await this.#outbox.markDone(next.id);
        this.#log({ level: 'info', event: 'outbox.sent', command: next.command.name, queuedAt: next.at });
      }
    } finally {
      this.#flushing = false;
    }
  }

  #dispatchOutbox(): void {
    this.#dispatch({ type: 'outbox', items: outboxItems(this.#outbox.pending) });
  }

  async #rememberPassword(agentId: string, password: string, remember: boolean): Promise<void> {
    if (!this.#vault) {
      if (remember)
        this.#notice(
          'warning',
          'keychain-unavailable',
          'No keychain is configured: your password was not remembered.',
        );
      return;
    }
    const result = remember
      ? await this.#vault.store('agent-password', agentId, password)
      : await this.#vault.forget('agent-password', agentId);
    if (!result.ok && remember) this.#notice('warning', result.error.code, result.error.message);
  }

  #notice(level: 'info' | 'warning' | 'error', code: string, message: string): void {
    this.#dispatch({ type: 'notice', level, code, message, at: this.#now() });
  }

  /** What a freshly signed-in desk needs: reason codes, skill groups, supervisors, phonebooks. */
  #refreshAfterSignIn(): void {
    const agentId = this.#state.agent.agentId;
    if (!agentId) return;
    for (const command of [
      { name: 'GetNotReadyReasonCodes', id: agentId },
      { name: 'GetLogoutReasonCodes', id: agentId },
      { name: 'GetWrapUpReasonCodes', id: agentId },
      { name: 'GetSkillGroups', id: agentId },
      { name: 'GetSupervisors', id: agentId },
      { name: 'GetPhonebooks', id: agentId },
      ...(this.#state.agent.teamId
        ? [{ name: 'GetTeamPhonebooks', id: agentId, teamId: this.#state.agent.teamId }]
        : []),
    ] as Command[]) {
      void this.#session.send(command);
    }
    void this.#flushOutbox();
  }

  /** After a reconnect: fresh state, reason codes, and whatever the desk was showing. */
  #refreshAfterReconnect(): void {
    const agentId = this.#state.agent.agentId;
    if (!agentId) return;
    this.#log({ level: 'info', event: 'desk.refresh-after-reconnect', agentId });
    void this.#session.send({ name: 'GetState', id: agentId });
    for (const name of ['GetNotReadyReasonCodes', 'GetLogoutReasonCodes', 'GetWrapUpReasonCodes'] as const) {
      void this.#session.send({ name, id: agentId });
    }
    // The calls first, alone: an Error that answers another request must not end a call on screen.
    void this.#refreshDialogs(agentId).then(() => {
      if (this.#stopped || this.#state.agent.agentId !== agentId) return;
      const teamId = this.#state.team.teamId;
      if (teamId && this.#state.agent.isSupervisor) {
        void this.#session.send({ name: 'GetTeamUsers', id: agentId, teamId, includeLoggedOut: true });
      }
      if (this.#watchingQueues) void this.#refreshQueues();
    });
  }

  /**
   * Asks GC about each call shown from before the outage. One that GC no longer knows ended while
   * the desk could not hear it: without this it would stay on screen, impossible to hang up. One
   * at a time, because GC's Error does not say which command it answers; and an Error counts as
   * "GC does not know this call" only when nothing else was waiting for GC when it was asked (an
   * agent's action may be; one begun while it waits can still share the Error, as any two may).
   */
  async #refreshDialogs(agentId: string): Promise<void> {
    for (const dialog of this.#state.dialogs.items) {
      const alone = this.#requests.waiting === 0;
      const answer = await this.#request(
        { name: 'GetDialogState', id: agentId, dialogId: dialog.id },
        (event) =>
          (event.kind === 'InboundCall' || event.kind === 'ConsultCall') && event.dialogId === dialog.id,
      );
      const unknown =
        !answer.ok && (answer.error.code === 'NOT_FOUND' || answer.error.code === 'MISSING_DIALOG_ID');
      if (unknown && alone) this.#dispatch({ type: 'dialog-gone', dialogId: dialog.id });
    }
  }

  async #refreshQueues(): Promise<Result<void>> {
    this.#stopQueueTimer();
    const agentId = this.#signedInAgent();
    if (typeof agentId !== 'string') return agentId;
    const result = await this.#request(
      { name: 'GetQueueList', id: agentId },
      (event) => event.kind === 'QueueList',
    );
    if (this.#watchingQueues)
      this.#queueTimer = setTimeout(() => void this.#refreshQueues(), this.#queueRefreshMs);
    return result;
  }

  #stopQueueTimer(): void {
    if (this.#queueTimer) clearTimeout(this.#queueTimer);
    this.#queueTimer = undefined;
  }
}
