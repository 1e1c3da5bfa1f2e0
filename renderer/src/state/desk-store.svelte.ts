// The renderer's copy of the desk: a snapshot kept current with patches, the views the
// components show (each a $derived over the pure functions of desk-views.ts), and the actions,
// each returning the desk's Result and keeping the last failure for display.

import {
  applyPatch,
  type ConnectionSetupInput,
  type ContactView,
  type DeskApi,
  type DeskError,
  type DeskMethod,
  type DeskState,
  type Result,
  type SignInInput,
} from '../../../preload/contract.ts';
import { SvelteMap } from 'svelte/reactivity';
import type { BridgeLink, BridgeLinkState } from '../bridge/web-socket-desk-api.ts';
import type { Clock } from './clock.svelte.ts';
import { ContactIndex } from '../../../preload/contact-search.ts';
import {
  activeCall,
  agentStatus,
  canMakeCall,
  connectionHealth,
  consultLeg,
  isSignedIn,
  noticesNewestFirst,
  previewDialog,
  readyToggle,
  ringingCall,
  wrapUpNeeded,
} from './desk-views.ts';
import { monitorCall } from './team-views.ts';
import { NO_TARGET_SOURCES, targetLoads, targetSources } from './transfer-targets.ts';

export class DeskStore {
  readonly #api: DeskApi;
  readonly #clock: Clock;
  readonly #unsubscribe: (() => void)[] = [];
  /** The loaded phonebooks' contacts, prepared for searching on every keystroke. */
  readonly #contacts = new ContactIndex();
  #state = $state.raw<DeskState | undefined>(undefined);
  #link = $state.raw<BridgeLinkState | undefined>(undefined);
  #lastError = $state.raw<DeskError | undefined>(undefined);
  /** The action whose failure lastError is, so a view can show it beside that action's controls. */
  #lastErrorFrom = $state.raw<DeskMethod | undefined>(undefined);
  /** Actions waiting for the desk's answer, counted per method (two releases may overlap). */
  readonly #inFlight = new SvelteMap<DeskMethod, number>();

  readonly signedIn = $derived(this.#state !== undefined && isSignedIn(this.#state.agent));
  readonly agent = $derived(this.#state?.agent);
  readonly status = $derived(this.#state && agentStatus(this.#state.agent));
  readonly canMakeCall = $derived(this.#state !== undefined && canMakeCall(this.#state.agent));
  readonly ringing = $derived(this.#state && ringingCall(this.#state.dialogs));
  readonly activeCall = $derived(this.#state && activeCall(this.#state.dialogs));
  readonly consult = $derived(this.#state && consultLeg(this.#state.dialogs));
  readonly preview = $derived(this.#state && previewDialog(this.#state.dialogs));
  readonly wrapUp = $derived(this.#state && wrapUpNeeded(this.#state.agent, this.#state.dialogs));
  readonly notices = $derived(this.#state ? noticesNewestFirst(this.#state) : []);
  readonly health = $derived.by(
    () => this.#state && connectionHealth(this.#state.connection, this.#link, this.#clock.now),
  );
  readonly mode = $derived(this.#state?.connection.mode);
  /** The last call that ended: what a callback is scheduled for. */
  readonly lastEnded = $derived(this.#state?.dialogs.lastEnded);
  readonly callbacks = $derived(this.#state?.callbacks);
  readonly phonebooks = $derived(this.#state?.phonebooks);
  /** Who the active call can be consulted or transferred to (the target picker's sources). */
  readonly transferSources = $derived(this.#state ? targetSources(this.#state) : NO_TARGET_SOURCES);
  /** The supervisor's views: the team being followed, queue statistics, the call listened to. */
  readonly team = $derived(this.#state?.team);
  readonly queues = $derived(this.#state?.queues);
  readonly monitor = $derived(this.#state && monitorCall(this.#state.dialogs));

  constructor(api: DeskApi, clock: Clock, link?: BridgeLink) {
    this.#api = api;
    this.#clock = clock;
    if (link) {
      this.#link = link.link;
      this.#unsubscribe.push(link.onLinkChange((next) => (this.#link = next)));
    }
    // Patches that arrive before the first state are already part of it (both bridges deliver
    // in order), so until then they are dropped.
    this.#unsubscribe.push(
      api.subscribe((patch) => {
        if (this.#state) this.#state = applyPatch(this.#state, patch);
        if (patch.slices.phonebooks) this.#prepareContacts();
      }),
    );
    void this.#load();
  }

  /** The whole snapshot, for views not listed above. */
  get state(): DeskState | undefined {
    return this.#state;
  }

  get lastError(): DeskError | undefined {
    return this.#lastError;
  }

  get lastErrorFrom(): DeskMethod | undefined {
    return this.#lastErrorFrom;
  }

  /** An action of that name is waiting for the desk's answer. */
  busy(method: DeskMethod): boolean {
    return (this.#inFlight.get(method) ?? 0) > 0;
  }

  dismissError(): void {
    this.#lastError = undefined;
    this.#lastErrorFrom = undefined;
  }

  dispose(): void {
    for (const unsubscribe of this.#unsubscribe.splice(0)) unsubscribe();
  }

  signIn = (input: SignInInput) => this.#run('signIn', () => this.#api.signIn(input));
  signOut = (reasonCode?: string) =>
    this.#run('signOut', () => this.#api.signOut(reasonCode === undefined ? {} : { reasonCode }));
  setReady = () => this.#run('setReady', () => this.#api.setReady());
  setNotReady = (reasonCode?: string) =>
    this.#run('setNotReady', () => this.#api.setNotReady(reasonCode === undefined ? {} : { reasonCode }));
  toggleReady = () =>
    this.agent && readyToggle(this.agent) === 'not-ready' ? this.setNotReady() : this.setReady();
  setWrapUpReason = (reasonCode: string, dialogId?: string) =>
    this.#run('setWrapUpReason', () =>
      this.#api.setWrapUpReason(dialogId === undefined ? { reasonCode } : { reasonCode, dialogId }),
    );
  makeCall = (number: string) => this.#run('makeCall', () => this.#api.makeCall({ number }));
  answer = (dialogId: string) => this.#run('answer', () => this.#api.answer({ dialogId }));
  hold = (dialogId: string) => this.#run('hold', () => this.#api.hold({ dialogId }));
  retrieve = (dialogId: string) => this.#run('retrieve', () => this.#api.retrieve({ dialogId }));
  release = (dialogId: string) => this.#run('release', () => this.#api.release({ dialogId }));
  consultTo = (dialogId: string, target: string) =>
    this.#run('consult', () => this.#api.consult({ dialogId, target }));
  completeTransfer = (dialogId: string, target: string) =>
    this.#run('completeTransfer', () => this.#api.completeTransfer({ dialogId, target }));
  completeConference = (dialogId: string, target: string) =>
    this.#run('completeConference', () => this.#api.completeConference({ dialogId, target }));
  blindTransfer = (dialogId: string, target: string) =>
    this.#run('blindTransfer', () => this.#api.blindTransfer({ dialogId, target }));
  acceptPreview = (dialogId: string) =>
    this.#run('acceptPreview', () => this.#api.acceptPreview({ dialogId }));
  rejectPreview = (dialogId: string) =>
    this.#run('rejectPreview', () => this.#api.rejectPreview({ dialogId }));
  closePreview = (dialogId: string) => this.#run('closePreview', () => this.#api.closePreview({ dialogId }));
  reclassify = (dialogId: string, value: string) =>
    this.#run('reclassify', () => this.#api.reclassify({ dialogId, value }));
  scheduleCallback = (dialogId: string, callbackTime: string, callbackNumber: string) =>
    this.#run('scheduleCallback', () =>
      this.#api.scheduleCallback({ dialogId, callbackTime, callbackNumber }),
    );
  updateCallback = (dialogId: string, callbackTime: string, callbackNumber: string) =>
    this.#run('updateCallback', () => this.#api.updateCallback({ dialogId, callbackTime, callbackNumber }));
  cancelCallback = (dialogId: string) =>
    this.#run('cancelCallback', () => this.#api.cancelCallback({ dialogId }));
  loadPhonebooks = () => this.#run('loadPhonebooks', () => this.#api.loadPhonebooks());
  loadContacts = (phonebookId: string) =>
    this.#run('loadContacts', () => this.#api.loadContacts({ phonebookId }));
  /**
   * Not an action: a failed search shows in the search's own view, not as the last error.
   * Searched here, over the contacts the desk has sent (preload/contact-search.ts: the desk's rules and
   * limits), rather than by a round trip to the desk per keystroke.
   */
  searchContacts = (query: string, limit = 50): Promise<Result<readonly ContactView[]>> => {
    if (query.length > 200) {
      const message = 'Type up to 200 characters to search.';
      return Promise.resolve({ ok: false, error: { code: 'invalid-input', message, field: 'query' } });
    }
    this.#contacts.update(Object.values(this.#state?.phonebooks.contacts ?? {}));
    const within = Math.min(Math.max(1, Math.floor(limit)), 500);
    return Promise.resolve({ ok: true, value: this.#contacts.search(query, within) });
  };
  /**
   * What the transfer target picker needs and the desk does not have yet: the supervisors, the
   * team's phonebooks and their contacts. Quiet (not the last error): without them the picker
   * still takes a typed number. True when everything asked for came.
   */
  loadTransferTargets = async (): Promise<boolean> => {
    const state = this.#state;
    if (!state) return false;
    const loads = targetLoads(state.agent, state.phonebooks);
    const results = await Promise.all([
      loads.supervisors ? this.#api.loadSupervisors() : undefined,
      loads.phonebooks ? this.#api.loadPhonebooks() : undefined,
      ...loads.contacts.map((phonebookId) => this.#api.loadContacts({ phonebookId })),
    ]);
    return results.every((result) => result === undefined || result.ok);
  };
  /** Where this desk connects, for the sign-in view's demo-or-broker choice (its own errors). */
  getConnectionSetup = () => this.#api.getConnectionSetup();
  setUpConnection = (input: ConnectionSetupInput) => this.#api.setUpConnection(input);
  reconnectNow = () => this.#run('reconnectNow', () => this.#api.reconnectNow());
  loadTeam = (teamId: string) => this.#run('loadTeam', () => this.#api.loadTeam({ teamId }));
  forceReady = (agentId: string) => this.#run('forceReady', () => this.#api.forceReady({ agentId }));
  forceNotReady = (agentId: string, reasonCode?: string) =>
    this.#run('forceNotReady', () =>
      this.#api.forceNotReady(reasonCode === undefined ? { agentId } : { agentId, reasonCode }),
    );
  forceSignOut = (agentId: string) => this.#run('forceSignOut', () => this.#api.forceSignOut({ agentId }));
  silentMonitor = (extension: string) =>
    this.#run('silentMonitor', () => this.#api.silentMonitor({ extension }));
  endMonitor = (dialogId: string) => this.#run('endMonitor', () => this.#api.endMonitor({ dialogId }));
  bargeIn = (dialogId: string) => this.#run('bargeIn', () => this.#api.bargeIn({ dialogId }));
  dropParticipant = (dialogId: string, extension: string) =>
    this.#run('dropParticipant', () => this.#api.dropParticipant({ dialogId, extension }));
  /**
   * Queue statistics are polled while a view shows them. Stopping is housekeeping (a view hid
   * or went away), not the supervisor's action: it must not clear an error still on screen.
   */
  watchQueues = (visible: boolean) =>
    visible
      ? this.#run('watchQueues', () => this.#api.watchQueues({ visible: true }))
      : this.#api.watchQueues({ visible: false });

  /** Prepares new contacts for searching when the page is idle, not on the agent's next keystroke. */
  #prepareContacts(): void {
    const prepare = () => this.#contacts.update(Object.values(this.#state?.phonebooks.contacts ?? {}));
    if (typeof requestIdleCallback === 'function') requestIdleCallback(prepare, { timeout: 2_000 });
    else setTimeout(prepare, 0);
  }

  async #load(): Promise<void> {
    const result = await this.#api.getState();
    if (result.ok) {
      this.#state = result.value;
      this.#prepareContacts();
    } else {
      this.#lastError = result.error;
      this.#lastErrorFrom = 'getState';
    }
  }

  async #run<T>(method: DeskMethod, action: () => Promise<Result<T>>): Promise<Result<T>> {
    this.#lastError = undefined;
    this.#lastErrorFrom = undefined;
    this.#inFlight.set(method, (this.#inFlight.get(method) ?? 0) + 1);
    try {
      const result = await action();
      if (!result.ok) {
        this.#lastError = result.error;
        this.#lastErrorFrom = method;
      }
      return result;
    } finally {
      this.#inFlight.set(method, (this.#inFlight.get(method) ?? 1) - 1);
    }
  }
}
