// The GC session: a STOMP session to the broker plus the GC handshake and the codec. It is what
// the desk talks to: typed commands out (encoded, sent to the command queue, confirmed by the
// broker's RECEIPT), decoded events in (from this client's topic), and one status that says how
// far the line works: connecting, connected to the broker, GC in or out of service, reconnecting,
// stopped.

import {
  createCodec,
  type Command,
  type CommandError,
  type DecodedEvent,
  type GcCodec,
} from '../protocol/index.ts';
import type { WireNameOverrides } from '../protocol/index.ts';
import { findReservedCharacter } from '../protocol/wire.ts';
import type { SessionError } from './errors.ts';
import {
  initialHandshake,
  stepHandshake,
  type BoundAgent,
  type HandshakeInput,
  type HandshakeState,
  type HandshakeTimer,
} from './gc-handshake.ts';
import { StompSession, type SessionStatus, type StompSessionOptions } from './stomp-session.ts';

export interface GcSessionOptions extends StompSessionOptions {
  /** This workstation's name: the topic GC publishes to and the id of Hello and Beat. */
  readonly clientDestination: string;
  /** GC's command queue: a name (`Connector1`) or a full destination (`/queue/Connector1`). */
  readonly commandQueue?: string;
  readonly wireNames?: WireNameOverrides;
  /** Hello while waiting for IN_SERVICE (default 5 s). */
  readonly probeIntervalMs?: number;
  /** Hello as GC's heartbeat while in service and not logged in (default 30 s). */
  readonly helloIntervalMs?: number;
  /** Beat while logged in (default 30 s; GC documents no interval). */
  readonly beatIntervalMs?: number;
}

export type GcSessionStatus =
  | { readonly state: 'idle' }
  | { readonly state: 'connecting'; readonly url: string; readonly attempt: number }
  /** The broker link is up and subscribed; GC has not said IN_SERVICE yet. */
  | { readonly state: 'connected'; readonly url: string }
  | { readonly state: 'in-service'; readonly url: string }
  | { readonly state: 'out-of-service'; readonly url: string }
  | {
      readonly state: 'reconnecting';
      readonly attempt: number;
      readonly delayMs: number;
      readonly nextUrl: string;
      readonly lastError?: SessionError;
    }
  | { readonly state: 'stopped'; readonly reason: 'requested' | 'fatal'; readonly error?: SessionError };

export type GcSendError = CommandError | SessionError;
export type GcSendResult = { readonly ok: true } | { readonly ok: false; readonly error: GcSendError };

export const DEFAULT_COMMAND_QUEUE = 'Connector1';

export function commandQueueDestination(queue: string): string {
  return queue.startsWith('/') ? queue : `/queue/${queue}`;
}

export function clientTopicDestination(clientDestination: string): string {
  return `/topic/${clientDestination}`;
}

type EventListener = (event: DecodedEvent, raw: string) => void;
type StatusListener = (status: GcSessionStatus) => void;

export class GcSession {
  readonly #stomp: StompSession;
  readonly #codec: GcCodec;
  readonly #commandQueue: string;
  readonly #intervals: Readonly<Record<Exclude<HandshakeTimer, 'none'>, number>>;
  readonly #eventListeners = new Set<EventListener>();
  readonly #statusListeners = new Set<StatusListener>();
  #handshake: HandshakeState;
  #status: GcSessionStatus = { state: 'idle' };
  #timer: ReturnType<typeof setTimeout> | undefined;
  #timerKind: HandshakeTimer = 'none';
  #url = '';

  constructor(options: GcSessionOptions) {
    const reserved = findReservedCharacter(options.clientDestination);
    if (
      options.clientDestination === '' ||
      reserved !== undefined ||
      options.clientDestination.includes('/')
    ) {
      throw new TypeError(
        'The client destination must be a non-empty name without "/", ",", "#", "|" or line breaks.',
      );
    }
    this.#codec = createCodec(options.wireNames);
    this.#commandQueue = commandQueueDestination(options.commandQueue ?? DEFAULT_COMMAND_QUEUE);
    this.#intervals = {
      probe: options.probeIntervalMs ?? 5_000,
      hello: options.helloIntervalMs ?? 30_000,
      beat: options.beatIntervalMs ?? 30_000,
    };
    this.#handshake = initialHandshake(options.clientDestination);
    this.#stomp = new StompSession(options);
    // Subscribed before anything is sent: the session re-makes it on every reconnect before
    // reporting 'connected', so GC's answer to Hello can never be missed.
    this.#stomp.subscribe(clientTopicDestination(options.clientDestination), (message) =>
      this.#onMessage(message.body),
    );
    this.#stomp.onStatus((status) => this.#onTransportStatus(status));
  }

  get status(): GcSessionStatus {
    return this.#status;
  }

  get clientDestination(): string {
    return this.#handshake.clientDestination;
  }

  get codec(): GcCodec {
    return this.#codec;
  }

  onStatus(listener: StatusListener): () => void {
    this.#statusListeners.add(listener);
    return () => this.#statusListeners.delete(listener);
  }

  /** Every message on the client topic, decoded (typed, unknown or malformed), with its raw text. */
  onEvent(listener: EventListener): () => void {
    this.#eventListeners.add(listener);
    return () => this.#eventListeners.delete(listener);
  }

  start(): void {
    this.#stomp.start();
  }

  async stop(): Promise<void> {
    this.#setTimer('none');
    await this.#stomp.stop();
  }

  /** Reconnect at once (OS resume, network change). */
  reconnectNow(): void {
    this.#stomp.reconnectNow();
  }

  /** The agent whose events this client receives: Connect goes out whenever GC is in service. */
  bindAgent(agent: BoundAgent): void {
    this.#apply({ type: 'bind-agent', agent });
  }

  unbindAgent(): void {
    this.#apply({ type: 'unbind-agent' });
  }

  /**
   * Encodes and sends one command; resolves when the broker confirms it with a RECEIPT. A
   * command that cannot travel is refused before anything is sent; while disconnected the
   * answer is 'not-connected' at once, and nothing is kept to be sent later.
   */
  async send(command: Command): Promise<GcSendResult> {
    const encoded = this.#codec.encodeCommand(command);
    if (!encoded.ok) return encoded;
    return this.#stomp.send(this.#commandQueue, {
      headers: { type: encoded.value.type },
      body: encoded.value.body,
    });
  }

  #onMessage(body: string): void {
    const event = this.#codec.decodeEvent(body);
    if (event.kind === 'InService') this.#apply({ type: 'in-service' });
    else if (event.kind === 'OutOfService') this.#apply({ type: 'out-of-service' });
    else if (event.kind === 'State')
      this.#apply({ type: 'agent-state', agentId: event.agentId, state: event.state });
    for (const listener of this.#eventListeners) listener(event, body);
  }

  #onTransportStatus(status: SessionStatus): void {
    switch (status.state) {
      case 'connected':
        this.#url = status.url;
        this.#publish({ state: 'connected', url: status.url });
        this.#apply({ type: 'transport-up' });
        return;
      case 'connecting':
        this.#apply({ type: 'transport-down' });
        this.#publish({ state: 'connecting', url: status.url, attempt: status.attempt });
        return;
      case 'reconnecting':
        this.#apply({ type: 'transport-down' });
        this.#publish({
          state: 'reconnecting',
          attempt: status.attempt,
          delayMs: status.delayMs,
          nextUrl: status.nextUrl,
          ...(status.lastError ? { lastError: status.lastError } : {}),
        });
        return;
      case 'stopped':
        this.#apply({ type: 'transport-down' });
        this.#publish({
          state: 'stopped',
          reason: status.reason,
          ...(status.error ? { error: status.error } : {}),
        });
        return;
      case 'idle':
        return;
    }
  }

  #apply(input: HandshakeInput): void {
    const before = this.#handshake.service;
    const step = stepHandshake(this.#handshake, input);
    this.#handshake = step.state;
    for (const command of step.send) void this.#sendHandshakeCommand(command);
    this.#setTimer(step.timer);
    const after = step.state.service;
    if (after !== before && (after === 'in-service' || after === 'out-of-service')) {
      this.#publish({ state: after, url: this.#url });
    }
  }

  async #sendHandshakeCommand(command: Command): Promise<void> {
    // A lost Hello or Beat is retried by the timer; a lost Connect by the next IN_SERVICE or
    // reconnect. Failures here need no handling beyond that.
    await this.send(command);
  }

  #setTimer(kind: HandshakeTimer): void {
    if (kind === this.#timerKind) return;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#timerKind = kind;
    if (kind === 'none') return;
    const interval = this.#intervals[kind];
    const tick = (): void => {
      this.#timer = setTimeout(tick, interval);
      this.#apply({ type: 'timer' });
    };
    this.#timer = setTimeout(tick, interval);
  }

  #publish(status: GcSessionStatus): void {
    this.#status = status;
    for (const listener of this.#statusListeners) listener(status);
  }
}
