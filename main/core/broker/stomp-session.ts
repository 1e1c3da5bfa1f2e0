// One STOMP session to the broker that survives outages: failover across the configured brokers,
// exponential backoff with full jitter, heart-beats that catch half-open links, subscriptions
// re-made (and confirmed) on every reconnection, sends confirmed by RECEIPT and never replayed.
//
// Each connection attempt gets its own stompjs Client with stompjs's own reconnect turned off
// (reconnectDelay 0): the retry policy lives in reconnect-policy.ts where it can be tested, and an
// attempt that ended can never come back to life and deliver into a newer one.
import { Client, Versions, type IFrame, type IMessage } from '@stomp/stompjs';
import type { LogEntry, LogLevel, Logger } from '../log/logger.ts';
import { DEFAULT_BACKOFF, fullJitterDelay, type BackoffPolicy } from './backoff.ts';
import { parseBrokerUrl, type BrokerEndpoint } from './broker-url.ts';
import {
  classifySocketError,
  classifyStompError,
  isFatal,
  sessionErrors,
  type SessionError,
} from './errors.ts';
import {
  firstAttempt,
  nextAttempt,
  PORT_PROBE_INTERVAL_MS,
  probeWhileWaiting,
  type PlannedAttempt,
} from './reconnect-policy.ts';
// Large messages (a whole phonebook) are read in slices rather than byte by byte: see the file.
import './stompjs-bulk-bodies.ts';
import { openBrokerLink, probePort, type BrokerLink } from './transport.ts';

/** The session logs through the core's one Logger shape. */
export type SessionLogEntry = LogEntry;

export interface StompSessionOptions {
  /** Failover list, preferred broker first. */
  readonly brokerUrls: readonly string[];
  /** Sent in CONNECT; never logged. */
  readonly login?: string;
  readonly passcode?: string;
  /** An extra trusted CA (PEM) for TLS; Node's default store otherwise. */
  readonly caPem?: string;
  /** Default 10 000 ms both ways; 0 disables that direction. */
  readonly heartbeat?: { readonly outgoingMs: number; readonly incomingMs: number };
  /** Defaults 250 ms and 30 000 ms. */
  readonly backoff?: { readonly initialDelayMs?: number; readonly maxDelayMs?: number };
  /** From opening the socket to 'connected' (subscriptions confirmed). Default 10 000 ms. */
  readonly connectTimeoutMs?: number;
  /** How long a send waits for the broker's RECEIPT. Default 10 000 ms. */
  readonly receiptTimeoutMs?: number;
  /** Source of jitter; injectable for tests. Default Math.random. */
  readonly random?: () => number;
  readonly log?: Logger;
}

export type SessionStatus =
  | { readonly state: 'idle' }
  /** `attempt` counts attempts since the last time the session was connected, from 1. */
  | { readonly state: 'connecting'; readonly url: string; readonly attempt: number }
  /** Emitted only once every subscription has been re-made and confirmed by RECEIPT. */
  | { readonly state: 'connected'; readonly url: string; readonly attempt: number }
  /** `attempt` is the number the next 'connecting' will carry; `delayMs` may be 0 (next URL in the round). */
  | {
      readonly state: 'reconnecting';
      readonly attempt: number;
      readonly delayMs: number;
      readonly nextUrl: string;
      readonly lastError?: SessionError;
    }
  | { readonly state: 'stopped'; readonly reason: 'requested' | 'fatal'; readonly error?: SessionError };

export type SendResult = { readonly ok: true } | { readonly ok: false; readonly error: SessionError };

export interface InboundMessage {
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
}

export interface OutboundFrame {
  readonly headers?: Readonly<Record<string, string>>;
  readonly body: string;
}

export interface SessionSubscription {
  unsubscribe(): void;
}

const DEFAULT_HEARTBEAT_MS = 10_000;
const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
const DEFAULT_RECEIPT_TIMEOUT_MS = 10_000;

/**
 * stompjs declares the link dead when nothing arrived for `tolerance × interval`, checking once per
 * interval (stomp-handler.js, _setupHeartbeat). Its default tolerance of 2 is too tight for
 * ActiveMQ: the broker's write check (AbstractInactivityMonitor.writeCheck) sends a heart-beat
 * only when nothing else was written during the previous whole interval, so after any other frame
 * the next heart-beat can come almost two intervals later, and a little network or GC delay
 * then reads as a dead broker. With 3, a silent broker is caught 3 to 4 intervals after its last
 * byte, and a live one is never mistaken for dead.
 */
const HEARTBEAT_TOLERANCE = 3;

/** Headers the session owns on SEND; a caller's value would break the wire rules or the receipt. */
const RESERVED_SEND_HEADERS: ReadonlySet<string> = new Set(['content-length', 'destination', 'receipt']);

interface DurableSubscription {
  readonly id: string;
  readonly destination: string;
  readonly onMessage: (message: InboundMessage) => void;
}

interface PendingSend {
  readonly settle: (result: SendResult) => void;
}

/** One connection attempt: one stompjs Client, one socket, from 'connecting' until it closes. */
interface LinkAttempt {
  readonly plan: PlannedAttempt;
  readonly number: number;
  readonly endpoint: BrokerEndpoint;
  readonly client: Client;
  link: BrokerLink | undefined;
  /** opening: no CONNECTED yet; subscribing: CONNECTED, SUBSCRIBE receipts outstanding; ended: closed or abandoned. */
  phase: 'opening' | 'subscribing' | 'connected' | 'ended';
  /** Why the attempt ended, first cause wins (an ERROR frame or a timeout, before the close it causes). */
  failure: SessionError | undefined;
  connectTimer: ReturnType<typeof setTimeout> | undefined;
  /** SUBSCRIBE receipt id -> whether 'connected' waits for it. */
  readonly subscribeReceipts: Map<string, { readonly destination: string; readonly gatesConnected: boolean }>;
  readonly pendingSends: Map<string, PendingSend>;
  /** Negotiated silence after which stompjs drops the link (0: heart-beats off). */
  silenceLimitMs: number;
}

export class StompSession {
  readonly #endpoints: readonly BrokerEndpoint[];
  readonly #configError: SessionError | undefined;
  readonly #options: StompSessionOptions;
  readonly #heartbeat: { readonly outgoingMs: number; readonly incomingMs: number };
  readonly #backoff: BackoffPolicy;
  readonly #connectTimeoutMs: number;
  readonly #receiptTimeoutMs: number;
  readonly #random: () => number;
  readonly #subscriptions = new Map<string, DurableSubscription>();
  readonly #statusListeners = new Set<(status: SessionStatus) => void>();
  #status: SessionStatus = { state: 'idle' };
  #attempt: LinkAttempt | undefined;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  /** The next look at a refusing broker's port while waiting to retry it (probeWhileWaiting). */
  #probeTimer: ReturnType<typeof setTimeout> | undefined;
  /** Bumped to call off the looking in progress (its answer may still be on its way). */
  #probeGeneration = 0;
  /** The link stop() is closing, so that every stop() caller can wait for it. */
  #closing: Promise<void> | undefined;
  #sequence = 0;

  constructor(options: StompSessionOptions) {
    this.#options = options;
    this.#heartbeat = options.heartbeat ?? {
      outgoingMs: DEFAULT_HEARTBEAT_MS,
      incomingMs: DEFAULT_HEARTBEAT_MS,
    };
    this.#backoff = {
      initialDelayMs: options.backoff?.initialDelayMs ?? DEFAULT_BACKOFF.initialDelayMs,
      maxDelayMs: options.backoff?.maxDelayMs ?? DEFAULT_BACKOFF.maxDelayMs,
    };
    this.#connectTimeoutMs = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
    this.#receiptTimeoutMs = options.receiptTimeoutMs ?? DEFAULT_RECEIPT_TIMEOUT_MS;
    this.#random = options.random ?? Math.random;

    const endpoints: BrokerEndpoint[] = [];
    let configError: SessionError | undefined;
    for (const url of options.brokerUrls) {
      const parsed = parseBrokerUrl(url);
      if (parsed.ok) endpoints.push(parsed.value);
      else configError ??= sessionErrors.invalidBrokerUrl(parsed.error.message, url);
    }
    if (options.brokerUrls.length === 0) {
      configError = sessionErrors.invalidBrokerUrl('No broker address is configured.');
    }
    this.#endpoints = endpoints;
    // A bad entry stops the session at start() with a clear message rather than being skipped:
    // a silently shorter failover list would only be noticed during the outage it was meant for.
    this.#configError = configError;
  }

  get status(): SessionStatus {
    return this.#status;
  }

  onStatus(listener: (status: SessionStatus) => void): () => void {
    this.#statusListeners.add(listener);
    return () => {
      this.#statusListeners.delete(listener);
    };
  }

  /** Begins connecting; retries until stop() or a fatal error. Does nothing while already running. */
  start(): void {
    if (this.#status.state !== 'idle' && this.#status.state !== 'stopped') return;
    if (this.#configError !== undefined) {
      this.#stopFatal(this.#configError);
      return;
    }
    this.#beginAttempt(firstAttempt(this.#urls()), 1);
  }

  /**
   * Stops for good: cancels any retry, says DISCONNECT (and waits for its RECEIPT, so frames
   * already sent are processed) when connected, and resolves once the socket is closed. Status
   * turns 'stopped' at once.
   */
  async stop(): Promise<void> {
    this.#clearRetryTimer();
    const attempt = this.#attempt;
    this.#attempt = undefined;
    if (this.#status.state !== 'stopped') {
      this.#log('info', 'broker.stopping');
      this.#setStatus({ state: 'stopped', reason: 'requested' });
    }
    if (attempt !== undefined && attempt.phase !== 'ended') this.#closing = this.#close(attempt);
    // A second stop() waits for the same close as the first.
    await this.#closing;
  }

  async #close(attempt: LinkAttempt): Promise<void> {
    const stompConnected = attempt.phase !== 'opening';
    attempt.phase = 'ended';
    this.#clearConnectTimer(attempt);
    if (stompConnected) {
      // STOMP 1.2 "Connection Lingering": a RECEIPT for DISCONNECT means every earlier frame was
      // processed, so pending sends get their own RECEIPTs first. Bounded, for a broker gone mute.
      const graceful = attempt.client.deactivate();
      if (!(await settlesWithin(graceful, this.#receiptTimeoutMs))) {
        await attempt.client.deactivate({ force: true });
      }
    } else {
      await attempt.client.deactivate({ force: true });
    }
    this.#failPendingSends(attempt, sessionErrors.cutByStop(attempt.endpoint.url));
  }

  /**
   * Drops the current link (if any) and connects again at once to the preferred broker, backoff
   * reset: for OS resume and network changes, when the old link is likely dead but not yet known
   * to be. Does nothing when idle or stopped.
   */
  reconnectNow(): void {
    if (this.#status.state === 'idle' || this.#status.state === 'stopped') return;
    this.#clearRetryTimer();
    const previous = this.#attempt;
    if (previous !== undefined && previous.phase !== 'ended') {
      this.#abandon(previous, sessionErrors.connectionLost(previous.endpoint.url, 'reconnecting on request'));
    }
    this.#log('info', 'broker.reconnect-now');
    this.#beginAttempt(firstAttempt(this.#urls()), 1);
  }

  /**
   * A subscription that lasts across reconnects: made on every (re)connection before 'connected'
   * is reported, each SUBSCRIBE confirmed by RECEIPT; made at once when already connected.
   */
  subscribe(destination: string, onMessage: (message: InboundMessage) => void): SessionSubscription {
    const subscription: DurableSubscription = { id: `sub-${++this.#sequence}`, destination, onMessage };
    this.#subscriptions.set(subscription.id, subscription);
    const attempt = this.#attempt;
    if (attempt !== undefined && (attempt.phase === 'subscribing' || attempt.phase === 'connected')) {
      this.#subscribeOnLink(attempt, subscription);
    }
    return {
      unsubscribe: () => {
        if (!this.#subscriptions.delete(subscription.id)) return;
        const current = this.#attempt;
        if (current === undefined || current.phase === 'opening' || current.phase === 'ended') return;
        try {
          current.client.unsubscribe(subscription.id);
        } catch {
          // The link closed meanwhile; the subscription is gone with it.
        }
      },
    };
  }

  /**
   * Publishes one frame and resolves on the broker's RECEIPT. Fails at once when not connected and
   * never queues or re-sends: a call-control command replayed after an outage would act on a call
   * that has moved on (ARCHITECTURE.md, "Failure model").
   */
  send(destination: string, frame: OutboundFrame): Promise<SendResult> {
    if (this.#status.state === 'stopped') return Promise.resolve(failure(sessionErrors.stopped()));
    if (frame.body.includes('\0')) {
      // Without content-length the first NUL ends the frame (STOMP 1.2, "Frames and Headers").
      return Promise.resolve(
        failure(
          sessionErrors.invalidFrame('the body contains a NUL character, which STOMP cannot carry here.'),
        ),
      );
    }
    const attempt = this.#attempt;
    if (attempt === undefined || attempt.phase !== 'connected') {
      return Promise.resolve(failure(sessionErrors.notConnected()));
    }

    const receipt = `send-${++this.#sequence}`;
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(frame.headers ?? {})) {
      if (!RESERVED_SEND_HEADERS.has(name.toLowerCase())) headers[name] = value;
    }
    // persistent: the GC command survives a broker restart between SEND and GC's consumption.
    headers['persistent'] = 'true';
    headers['receipt'] = receipt;

    return new Promise<SendResult>((resolve) => {
      const timer = setTimeout(() => {
        this.#log('warn', 'broker.receipt-timeout', { url: attempt.endpoint.url, destination, receipt });
        settle(failure(sessionErrors.receiptTimeout(attempt.endpoint.url, this.#receiptTimeoutMs)));
      }, this.#receiptTimeoutMs);
      const settle = (result: SendResult): void => {
        if (!attempt.pendingSends.delete(receipt)) return;
        clearTimeout(timer);
        resolve(result);
      };
      attempt.pendingSends.set(receipt, { settle });
      try {
        attempt.client.watchForReceipt(receipt, () => settle({ ok: true }));
        attempt.client.publish({
          destination,
          headers,
          body: frame.body,
          // ActiveMQ makes a JMS TextMessage only when a SEND has no content-length (without it a
          // BytesMessage arrives); GC reads TextMessages (ARCHITECTURE.md, "Wire rules").
          skipContentLengthHeader: true,
        });
      } catch {
        settle(failure(sessionErrors.notConnected()));
      }
    });
  }

  #urls(): string[] {
    return this.#endpoints.map((endpoint) => endpoint.url);
  }

  #beginAttempt(plan: PlannedAttempt, number: number): void {
    const endpoint = this.#endpoints[plan.urlIndex];
    if (endpoint === undefined) return;
    const { outgoingMs, incomingMs } = this.#heartbeat;
    const attempt: LinkAttempt = {
      plan,
      number,
      endpoint,
      link: undefined,
      phase: 'opening',
      failure: undefined,
      connectTimer: undefined,
      subscribeReceipts: new Map(),
      pendingSends: new Map(),
      silenceLimitMs: 0,
      client: new Client({
        webSocketFactory: () => {
          attempt.link = openBrokerLink(endpoint, { caPem: this.#options.caPem });
          return attempt.link.socket;
        },
        connectHeaders: {
          // STOMP 1.2 requires `host` in CONNECT: the virtual host, here the name we dialled.
          host: endpoint.host,
          ...(this.#options.login === undefined ? {} : { login: this.#options.login }),
          ...(this.#options.passcode === undefined ? {} : { passcode: this.#options.passcode }),
        },
        // 1.2 only: its header escaping (\c \n \r \\) is what lets any header value travel intact.
        stompVersions: new Versions([Versions.V1_2]),
        heartbeatOutgoing: outgoingMs,
        heartbeatIncoming: incomingMs,
        heartbeatToleranceMultiplier: HEARTBEAT_TOLERANCE,
        // When heart-beats stop, stompjs would otherwise close() the socket, i.e. TCP end(): on a
        // half-open link the FIN is never answered, 'close' never fires and the session would
        // wait forever. Discarding destroys the socket at once.
        discardWebsocketOnCommFailure: true,
        reconnectDelay: 0,
        // Our own timer instead, so a timeout is reported as one (stompjs's only closes the socket).
        connectionTimeout: 0,
        // No `debug`: stompjs logs whole frames there, CONNECT's passcode included.
        onConnect: (connected) => this.#onStompConnected(attempt, connected),
        onStompError: (error) => this.#onErrorFrame(attempt, error),
        onHeartbeatLost: () => this.#onHeartbeatLost(attempt),
        onWebSocketClose: () => this.#onLinkClosed(attempt),
      }),
    };
    this.#attempt = attempt;
    this.#setStatus({ state: 'connecting', url: endpoint.url, attempt: number });
    this.#log('info', 'broker.connecting', { url: endpoint.url, attempt: number, round: plan.round });
    attempt.connectTimer = setTimeout(() => {
      attempt.connectTimer = undefined;
      this.#fail(attempt, sessionErrors.connectTimeout(endpoint.url, this.#connectTimeoutMs));
    }, this.#connectTimeoutMs);
    attempt.client.activate();
  }

  #onStompConnected(attempt: LinkAttempt, frame: IFrame): void {
    if (attempt !== this.#attempt || attempt.phase !== 'opening' || attempt.failure !== undefined) return;
    attempt.phase = 'subscribing';
    attempt.silenceLimitMs = silenceLimit(this.#heartbeat.incomingMs, frame.headers['heart-beat']);
    this.#log('debug', 'broker.stomp-connected', {
      url: attempt.endpoint.url,
      server: frame.headers['server'],
      heartBeat: frame.headers['heart-beat'],
    });
    for (const subscription of this.#subscriptions.values()) this.#subscribeOnLink(attempt, subscription);
    this.#maybeConnected(attempt);
  }

  #subscribeOnLink(attempt: LinkAttempt, subscription: DurableSubscription): void {
    const receipt = `${subscription.id}-${++this.#sequence}`;
    const gatesConnected = attempt.phase === 'subscribing';
    attempt.subscribeReceipts.set(receipt, { destination: subscription.destination, gatesConnected });
    try {
      attempt.client.watchForReceipt(receipt, () => {
        attempt.subscribeReceipts.delete(receipt);
        this.#maybeConnected(attempt);
      });
      // The same id on every link: MESSAGE frames name it in their `subscription` header.
      attempt.client.subscribe(subscription.destination, (message) => this.#deliver(subscription, message), {
        id: subscription.id,
        receipt,
      });
    } catch {
      // The link closed between CONNECTED and here; the close handler takes it from there.
      attempt.subscribeReceipts.delete(receipt);
    }
  }

  #maybeConnected(attempt: LinkAttempt): void {
    if (attempt.phase !== 'subscribing' || attempt !== this.#attempt) return;
    for (const pending of attempt.subscribeReceipts.values()) if (pending.gatesConnected) return;
    attempt.phase = 'connected';
    this.#clearConnectTimer(attempt);
    this.#log('info', 'broker.connected', {
      url: attempt.endpoint.url,
      attempt: attempt.number,
      subscriptions: this.#subscriptions.size,
    });
    this.#setStatus({ state: 'connected', url: attempt.endpoint.url, attempt: attempt.number });
  }

  #deliver(subscription: DurableSubscription, message: IMessage): void {
    // Unsubscribed while this MESSAGE was in flight.
    if (!this.#subscriptions.has(subscription.id)) return;
    try {
      subscription.onMessage({ body: message.body, headers: { ...message.headers } });
    } catch (error) {
      // A throwing listener must not unwind into the socket's data handler and kill the link.
      this.#log('error', 'broker.listener-threw', {
        destination: subscription.destination,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }

  #onErrorFrame(attempt: LinkAttempt, frame: IFrame): void {
    if (attempt.phase === 'ended') return;
    const error = classifyStompError(frame, attempt.endpoint.url);
    const receiptId = frame.headers['receipt-id'];

    // ActiveMQ answers a failed SEND or SUBSCRIBE that asked for a receipt with an ERROR carrying
    // that receipt-id, and keeps the connection open ("Generally a command can fail.. but that does
    // not invalidate the connection", ProtocolConverter.createResponseHandler).
    const send = receiptId === undefined ? undefined : attempt.pendingSends.get(receiptId);
    if (send !== undefined) {
      this.#log('warn', 'broker.send-refused', {
        url: attempt.endpoint.url,
        code: error.code,
        detail: error.detail,
      });
      send.settle(failure(error));
      return;
    }
    const subscribe = receiptId === undefined ? undefined : attempt.subscribeReceipts.get(receiptId);
    if (subscribe !== undefined && receiptId !== undefined) {
      attempt.subscribeReceipts.delete(receiptId);
      this.#log('error', 'broker.subscribe-refused', {
        url: attempt.endpoint.url,
        destination: subscribe.destination,
        code: error.code,
        detail: error.detail,
      });
      // Reporting 'connected' without a subscription would hide that its events can never arrive;
      // fail the attempt and let the retry policy (with backoff) try again.
      if (subscribe.gatesConnected) this.#fail(attempt, error);
      return;
    }

    // Anything else ends the connection: a refused CONNECT (ActiveMQ closes the socket after it)
    // or a connection-level error, after which STOMP 1.2 says the server closes the connection.
    this.#log(error.code === 'auth-failed' ? 'error' : 'warn', 'broker.error-frame', {
      url: attempt.endpoint.url,
      code: error.code,
      detail: error.detail,
    });
    this.#fail(attempt, error);
  }

  #onHeartbeatLost(attempt: LinkAttempt): void {
    if (attempt.phase === 'ended') return;
    // stompjs discards the socket right after this callback (discardWebsocketOnCommFailure).
    attempt.failure ??= sessionErrors.heartbeatTimeout(attempt.endpoint.url, attempt.silenceLimitMs);
    this.#log('warn', 'broker.heartbeat-timeout', {
      url: attempt.endpoint.url,
      silenceLimitMs: attempt.silenceLimitMs,
    });
  }

  /** Records why the attempt failed and drops its socket; the close handler then decides what next. */
  #fail(attempt: LinkAttempt, error: SessionError): void {
    if (attempt.phase === 'ended') return;
    attempt.failure ??= error;
    void attempt.client.deactivate({ force: true });
  }

  /** Ends an attempt that is being replaced: nothing it reports later may change the session. */
  #abandon(attempt: LinkAttempt, pendingError: SessionError): void {
    attempt.phase = 'ended';
    this.#clearConnectTimer(attempt);
    this.#failPendingSends(attempt, pendingError);
    void attempt.client.deactivate({ force: true });
  }

  #onLinkClosed(attempt: LinkAttempt): void {
    if (attempt.phase === 'ended') return;
    const stompConnected = attempt.phase !== 'opening';
    const wasConnected = attempt.phase === 'connected';
    attempt.phase = 'ended';
    this.#clearConnectTimer(attempt);
    // Marks the client INACTIVE; with reconnectDelay 0 it has nothing scheduled, so this only tidies.
    void attempt.client.deactivate();

    const url = attempt.endpoint.url;
    const socketError = attempt.link?.error;
    const error =
      attempt.failure ??
      (socketError === undefined
        ? stompConnected
          ? sessionErrors.connectionLost(url, 'the broker closed the connection')
          : sessionErrors.closedBeforeConnected(url)
        : classifySocketError(socketError, { url, established: stompConnected }));
    this.#failPendingSends(attempt, sessionErrors.connectionLost(url, error.detail ?? error.message));

    if (attempt !== this.#attempt) return;
    this.#log(wasConnected ? 'warn' : 'info', wasConnected ? 'broker.link-lost' : 'broker.attempt-failed', {
      url,
      attempt: attempt.number,
      code: error.code,
      detail: error.detail,
    });
    if (isFatal(error)) {
      this.#stopFatal(error);
      return;
    }
    const plan = nextAttempt(
      { urlIndex: attempt.plan.urlIndex, round: attempt.plan.round, wasConnected },
      this.#urls(),
      this.#backoff,
      this.#random,
    );
    const number = wasConnected ? 1 : attempt.number + 1;
    this.#retryAfter(plan, number, plan.delayMs, error);
    if (probeWhileWaiting(error.code, plan.delayMs)) this.#lookUntilAccepting(plan, number, error);
  }

  #retryAfter(plan: PlannedAttempt, number: number, delayMs: number, lastError: SessionError): void {
    this.#setStatus({
      state: 'reconnecting',
      attempt: number,
      delayMs,
      nextUrl: this.#endpoints[plan.urlIndex]?.url ?? plan.url,
      lastError,
    });
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = undefined;
      this.#stopLooking();
      this.#beginAttempt(plan, number);
    }, delayMs);
  }

  /**
   * While waiting to retry a broker that refused the connection, looks at its port every
   * PORT_PROBE_INTERVAL_MS; once it accepts, the attempt moves up to within fullJitterDelay(0).
   * Stops at the first look that gets no answer (then the backoff alone decides), and whenever
   * the wait ends some other way (the retry, stop(), reconnectNow()).
   */
  #lookUntilAccepting(plan: PlannedAttempt, number: number, lastError: SessionError): void {
    const endpoint = this.#endpoints[plan.urlIndex];
    if (endpoint === undefined) return;
    const generation = ++this.#probeGeneration;
    const look = (): void => {
      this.#probeTimer = setTimeout(() => {
        this.#probeTimer = undefined;
        void probePort(endpoint, 5 * PORT_PROBE_INTERVAL_MS).then((found) => {
          if (generation !== this.#probeGeneration || this.#retryTimer === undefined) return;
          if (found === 'refused') return look();
          if (found === 'no-answer') return;
          this.#clearRetryTimer();
          const delayMs = fullJitterDelay(0, this.#backoff, this.#random);
          this.#log('info', 'broker.port-accepting', { url: endpoint.url, delayMs });
          this.#retryAfter(plan, number, delayMs, lastError);
        });
      }, PORT_PROBE_INTERVAL_MS);
    };
    look();
  }

  #stopLooking(): void {
    this.#probeGeneration++;
    if (this.#probeTimer !== undefined) clearTimeout(this.#probeTimer);
    this.#probeTimer = undefined;
  }

  #stopFatal(error: SessionError): void {
    this.#clearRetryTimer();
    this.#attempt = undefined;
    this.#log('error', 'broker.stopped-fatal', { code: error.code, url: error.url, detail: error.detail });
    this.#setStatus({ state: 'stopped', reason: 'fatal', error });
  }

  #failPendingSends(attempt: LinkAttempt, error: SessionError): void {
    for (const pending of [...attempt.pendingSends.values()]) pending.settle(failure(error));
  }

  #clearConnectTimer(attempt: LinkAttempt): void {
    if (attempt.connectTimer !== undefined) clearTimeout(attempt.connectTimer);
    attempt.connectTimer = undefined;
  }

  #clearRetryTimer(): void {
    if (this.#retryTimer !== undefined) clearTimeout(this.#retryTimer);
    this.#retryTimer = undefined;
    this.#stopLooking();
  }

  #setStatus(status: SessionStatus): void {
    this.#status = status;
    for (const listener of [...this.#statusListeners]) {
      try {
        listener(status);
      } catch (error) {
        this.#log('error', 'broker.status-listener-threw', {
          error: error instanceof Error ? error.message : String(error),
        });
      }
    }
  }

  #log(level: LogLevel, event: string, fields: Record<string, unknown> = {}): void {
    try {
      this.#options.log?.({ ...fields, level, event });
    } catch {
      // Logging must never break the session.
    }
  }
}

function failure(error: SessionError): SendResult {
  return { ok: false, error };
}

/**
 * How long the broker may stay silent before stompjs drops the link, from the CONNECTED
 * `heart-beat: sx,sy` header (STOMP 1.2, "Heart-beating": the interval is max(ours, the broker's)).
 */
function silenceLimit(incomingMs: number, serverHeartBeat: string | undefined): number {
  const serverOutgoing = Number.parseInt(serverHeartBeat?.split(',')[0] ?? '0', 10);
  if (incomingMs <= 0 || !(serverOutgoing > 0)) return 0;
  return Math.max(incomingMs, serverOutgoing) * HEARTBEAT_TOLERANCE;
}

/** Whether `promise` settles within `timeoutMs`; leaves no timer behind either way. */
async function settlesWithin(promise: Promise<unknown>, timeoutMs: number): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([promise.then(() => true as const), timedOut]);
  } finally {
    clearTimeout(timer);
  }
}
