// One client connection of the embedded endpoint: bytes in through @stomp/stompjs's Parser, the
// STOMP 1.2 session state machine, frames out. Nothing a peer sends may throw out of here: every
// callback is guarded, and anything unexpected becomes an ERROR frame and a close.
import { isUtf8 } from 'node:buffer';
import { Parser, type IRawFrameType } from '@stomp/stompjs';
import WebSocket from 'ws';
import type { AckMode, StoredMessage, Subscriber } from './destinations.ts';
import {
  decodeClientFrame,
  excerpt,
  isClientCommand,
  rawFrameSize,
  serializeFrame,
  utf8,
  type ClientFrame,
  type FrameProblem,
  type HeaderList,
  type ServerCommand,
} from './frames.ts';
import {
  negotiateHeartBeat,
  parseHeartBeat,
  type HeartBeatOffer,
  type NegotiatedHeartBeat,
} from './heartbeat.ts';

export const SERVER_NAME = 'switchboard-demo/1.0';

/** Bytes handed to the parser at a time; also the slack of the streaming frame-size check. */
const SLICE_BYTES = 8192;
/** After a close frame, how long the peer gets to answer before the socket is destroyed. */
const CLOSE_GRACE_MS = 1000;
const MAX_SUBSCRIPTIONS_PER_CONNECTION = 1000;

// WebSocket close codes (RFC 6455 §7.4.1).
const NORMAL = 1000;
const GOING_AWAY = 1001;
const PROTOCOL_ERROR = 1002;
const POLICY_VIOLATION = 1008;
const TOO_BIG = 1009;
const INTERNAL_ERROR = 1011;

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface ConnectionSettings {
  readonly heartbeat: HeartBeatOffer;
  readonly maxFrameBytes: number;
  readonly connectTimeoutMs: number;
  /** Unsent bytes a connection may pile up before it is dropped as a slow consumer. */
  readonly maxBufferedBytes: number;
}

/** What a connection needs from the endpoint. */
export interface ConnectionHost {
  readonly settings: ConnectionSettings;
  authenticate(login: string | undefined, passcode: string | undefined): boolean;
  subscribe(subscriber: Subscriber): void;
  unsubscribe(subscriber: Subscriber): void;
  /** Routes a SEND (to its handler, else to subscribers). */
  send(connection: StompConnection, destination: string, frame: ClientFrame): void;
  countIn(command: string): void;
  countOut(command: ServerCommand): void;
  countHeartbeat(direction: 'in' | 'out'): void;
  log(level: LogLevel, event: string, fields: Record<string, unknown>): void;
  closed(connection: StompConnection): void;
}

type State = 'awaiting-connect' | 'connected' | 'closing' | 'closed';

const ACK_MODES: ReadonlySet<string> = new Set<AckMode>(['auto', 'client', 'client-individual']);

function toBytes(data: WebSocket.RawData): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return data;
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

export class StompConnection {
  readonly id: string;
  /** Settles once the socket is closed and the connection has left the endpoint. */
  readonly closed: Promise<void>;
  #resolveClosed!: () => void;
  #state: State = 'awaiting-connect';
  readonly #ws: WebSocket;
  readonly #host: ConnectionHost;
  readonly #parser: Parser;
  readonly #subscriptions = new Map<string, Subscriber>();
  #heartbeat: NegotiatedHeartBeat = { outgoingMs: 0, incomingMs: 0 };
  #lastReceivedAt = Date.now();
  #connectTimer: NodeJS.Timeout | undefined;
  #pingTimer: NodeJS.Timeout | undefined;
  #watchdogTimer: NodeJS.Timeout | undefined;
  #terminateTimer: NodeJS.Timeout | undefined;

  // Frame-size accounting across WebSocket messages (the Parser itself has no limit).
  /** Upper bound of the bytes of the frame being received so far. */
  #partialBytes = 0;
  #partialAtSliceStart = 0;
  #boundaryInSlice = false;
  #consumedInSlice = 0;

  constructor(ws: WebSocket, id: string, host: ConnectionHost) {
    this.id = id;
    this.#ws = ws;
    this.#host = host;
    this.closed = new Promise((resolve) => {
      this.#resolveClosed = resolve;
    });
    this.#parser = new Parser(
      (raw) => this.#guard(() => this.#onRawFrame(raw)),
      () => this.#guard(() => this.#onPing()),
    );
    ws.on('message', (data) => this.#guard(() => this.#onData(data)));
    ws.on('close', (code) => this.#guard(() => this.#onClose(code)));
    ws.on('error', (error) =>
      this.#host.log('warn', 'socket-error', { connectionId: id, error: describe(error) }),
    );
    this.#connectTimer = setTimeout(
      () =>
        this.#guard(() => {
          if (this.#state !== 'awaiting-connect') return;
          this.#fail(
            {
              message: 'CONNECT timeout',
              detail: `No CONNECT frame within ${host.settings.connectTimeoutMs} ms.`,
            },
            POLICY_VIOLATION,
          );
        }),
      host.settings.connectTimeoutMs,
    );
    this.#connectTimer.unref();
  }

  get state(): State {
    return this.#state;
  }

  /** Politely closes the connection (no ERROR frame): the endpoint is stopping. */
  shutdown(): void {
    this.#guard(() => this.#close(GOING_AWAY, 'Server stopping'));
  }

  get #open(): boolean {
    return this.#state === 'awaiting-connect' || this.#state === 'connected';
  }

  #guard(action: () => void): void {
    try {
      action();
    } catch (error) {
      this.#host.log('error', 'connection-internal-error', { connectionId: this.id, error: describe(error) });
      try {
        this.#fail(
          { message: 'Internal error', detail: 'The server failed to process a frame.' },
          INTERNAL_ERROR,
        );
      } catch {
        this.#ws.terminate();
      }
    }
  }

  // ---- bytes in ----

  #onData(data: WebSocket.RawData): void {
    if (!this.#open) return;
    this.#lastReceivedAt = Date.now();
    const bytes = toBytes(data);
    const max = this.#host.settings.maxFrameBytes;
    for (let offset = 0; offset < bytes.length; offset += SLICE_BYTES) {
      // A copy, so the parser gets an ArrayBuffer of exactly this slice (ws buffers may be pooled).
      const slice = new Uint8Array(bytes.subarray(offset, offset + SLICE_BYTES));
      this.#partialAtSliceStart = this.#partialBytes;
      this.#boundaryInSlice = false;
      this.#consumedInSlice = 0;
      this.#parser.parseChunk(slice.buffer);
      if (!this.#open) return;
      // After a frame or heart-beat ended inside the slice, what follows it starts the next frame.
      this.#partialBytes = this.#boundaryInSlice
        ? Math.max(0, slice.length - this.#consumedInSlice)
        : this.#partialBytes + slice.length;
      if (this.#partialBytes > max) {
        this.#fail({ message: 'Frame too large', detail: `Frames are limited to ${max} bytes.` }, TOO_BIG);
        return;
      }
    }
  }

  #markBoundary(bytes: number): void {
    this.#consumedInSlice += this.#boundaryInSlice ? bytes : Math.max(0, bytes - this.#partialAtSliceStart);
    this.#boundaryInSlice = true;
  }

  #onPing(): void {
    this.#markBoundary(1);
    if (!this.#open) return;
    this.#host.countHeartbeat('in');
  }

  #onRawFrame(raw: IRawFrameType): void {
    const size = rawFrameSize(raw);
    this.#markBoundary(size);
    if (!this.#open) return;
    const command = raw.command ?? '';
    this.#host.countIn(isClientCommand(command) ? command : 'UNKNOWN');
    const max = this.#host.settings.maxFrameBytes;
    if (size > max) {
      this.#fail({ message: 'Frame too large', detail: `Frames are limited to ${max} bytes.` }, TOO_BIG);
      return;
    }
    const decoded = decodeClientFrame(raw);
    if (!decoded.ok) {
      this.#fail(decoded.problem, PROTOCOL_ERROR);
      return;
    }
    this.#host.log('debug', 'frame-in', { connectionId: this.id, command: decoded.frame.command });
    this.#onFrame(decoded.frame);
  }

  // ---- the session ----

  #onFrame(frame: ClientFrame): void {
    const { command, headers } = frame;
    const receipt = headers.get('receipt');
    const problem = (message: string, detail: string): FrameProblem =>
      receipt === undefined ? { message, detail } : { message, detail, receiptId: receipt };

    if (this.#state === 'awaiting-connect') {
      if (command === 'CONNECT' || command === 'STOMP') this.#connect(frame);
      else this.#fail(problem('Not connected', `${command} received before CONNECT.`), PROTOCOL_ERROR);
      return;
    }

    switch (command) {
      case 'CONNECT':
      case 'STOMP':
        this.#fail(
          problem('Already connected', `${command} received on a connected session.`),
          PROTOCOL_ERROR,
        );
        return;

      case 'BEGIN':
      case 'COMMIT':
      case 'ABORT':
        this.#fail(problem('Transactions not supported', `${command} is not supported.`), PROTOCOL_ERROR);
        return;

      case 'SEND': {
        const destination = headers.get('destination');
        if (destination === undefined || destination === '') {
          this.#fail(problem('Missing destination header', 'SEND requires a destination.'), PROTOCOL_ERROR);
          return;
        }
        if (headers.has('transaction')) {
          this.#fail(
            problem('Transactions not supported', 'SEND carried a transaction header.'),
            PROTOCOL_ERROR,
          );
          return;
        }
        this.#host.send(this, destination, frame);
        break;
      }

      case 'SUBSCRIBE': {
        const destination = headers.get('destination');
        const id = headers.get('id');
        const ack = headers.get('ack') ?? 'auto';
        if (destination === undefined || destination === '') {
          this.#fail(
            problem('Missing destination header', 'SUBSCRIBE requires a destination.'),
            PROTOCOL_ERROR,
          );
          return;
        }
        if (id === undefined || id === '') {
          this.#fail(problem('Missing id header', 'SUBSCRIBE requires an id.'), PROTOCOL_ERROR);
          return;
        }
        if (!ACK_MODES.has(ack)) {
          this.#fail(
            problem(
              'Invalid ack header',
              `ack must be auto, client or client-individual, not "${excerpt(ack)}".`,
            ),
            PROTOCOL_ERROR,
          );
          return;
        }
        if (this.#subscriptions.has(id)) {
          this.#fail(
            problem('Duplicate subscription id', `Subscription "${excerpt(id)}" already exists.`),
            PROTOCOL_ERROR,
          );
          return;
        }
        if (this.#subscriptions.size >= MAX_SUBSCRIPTIONS_PER_CONNECTION) {
          this.#fail(
            problem('Too many subscriptions', `At most ${MAX_SUBSCRIPTIONS_PER_CONNECTION} per connection.`),
            POLICY_VIOLATION,
          );
          return;
        }
        const subscriber: Subscriber = {
          id,
          destination,
          ack: ack as AckMode,
          deliver: (message) => this.#deliver(subscriber, message),
        };
        this.#subscriptions.set(id, subscriber);
        // The receipt goes first: buffered queue messages follow it once the subscription is live.
        this.#receipt(receipt);
        this.#host.subscribe(subscriber);
        return;
      }

      case 'UNSUBSCRIBE': {
        const id = headers.get('id');
        if (id === undefined || id === '') {
          this.#fail(problem('Missing id header', 'UNSUBSCRIBE requires an id.'), PROTOCOL_ERROR);
          return;
        }
        const subscriber = this.#subscriptions.get(id);
        if (subscriber === undefined) {
          this.#fail(problem('No such subscription', `No subscription "${excerpt(id)}".`), PROTOCOL_ERROR);
          return;
        }
        this.#subscriptions.delete(id);
        this.#host.unsubscribe(subscriber);
        break;
      }

      case 'ACK':
      case 'NACK': {
        // Every subscription is auto-acknowledged; ACK/NACK are accepted and have no effect.
        const id = headers.get('id');
        if (id === undefined || id === '') {
          this.#fail(problem('Missing id header', `${command} requires an id.`), PROTOCOL_ERROR);
          return;
        }
        if (headers.has('transaction')) {
          this.#fail(
            problem('Transactions not supported', `${command} carried a transaction header.`),
            PROTOCOL_ERROR,
          );
          return;
        }
        break;
      }

      case 'DISCONNECT':
        this.#receipt(receipt);
        this.#close(NORMAL, 'DISCONNECT');
        return;
    }
    this.#receipt(receipt);
  }

  #connect(frame: ClientFrame): void {
    const { headers } = frame;
    const versions = (headers.get('accept-version') ?? '1.0').split(',').map((version) => version.trim());
    if (!versions.includes('1.2')) {
      this.#fail(
        { message: 'Unsupported protocol version', detail: 'Supported protocol versions are 1.2' },
        PROTOCOL_ERROR,
        [['version', '1.2']],
      );
      return;
    }
    const offer = parseHeartBeat(headers.get('heart-beat'));
    if (offer === undefined) {
      this.#fail(
        {
          message: 'Malformed frame',
          detail: `Invalid heart-beat header "${excerpt(headers.get('heart-beat') ?? '')}".`,
        },
        PROTOCOL_ERROR,
      );
      return;
    }
    if (!this.#host.authenticate(headers.get('login'), headers.get('passcode'))) {
      this.#host.log('warn', 'login-refused', { connectionId: this.id });
      this.#fail({ message: 'Login refused', detail: 'Invalid login or passcode.' }, POLICY_VIOLATION);
      return;
    }
    clearTimeout(this.#connectTimer);
    this.#state = 'connected';
    const server = this.#host.settings.heartbeat;
    this.#heartbeat = negotiateHeartBeat(offer, server);
    this.#sendFrame('CONNECTED', [
      ['version', '1.2'],
      ['heart-beat', `${server.canSendMs},${server.wantsReceiveMs}`],
      ['server', SERVER_NAME],
      ['session', this.id],
    ]);
    this.#host.log('info', 'session-connected', { connectionId: this.id, heartbeat: this.#heartbeat });
    this.#startHeartbeats();
  }

  #startHeartbeats(): void {
    const { outgoingMs, incomingMs } = this.#heartbeat;
    if (outgoingMs > 0) {
      this.#pingTimer = setInterval(
        () =>
          this.#guard(() => {
            if (this.#state !== 'connected' || this.#ws.readyState !== WebSocket.OPEN) return;
            this.#ws.send('\n');
            this.#host.countHeartbeat('out');
          }),
        outgoingMs,
      );
      this.#pingTimer.unref();
    }
    if (incomingMs > 0) {
      this.#lastReceivedAt = Date.now();
      this.#watchdogTimer = setInterval(
        () =>
          this.#guard(() => {
            const silentMs = Date.now() - this.#lastReceivedAt;
            if (this.#state !== 'connected' || silentMs <= 2 * incomingMs) return;
            this.#host.log('warn', 'heartbeat-timeout', { connectionId: this.id, silentMs, incomingMs });
            this.#close(GOING_AWAY, 'Heart-beat timeout');
          }),
        Math.max(10, Math.floor(incomingMs / 2)),
      );
      this.#watchdogTimer.unref();
    }
  }

  // ---- frames out ----

  #deliver(subscriber: Subscriber, message: StoredMessage): boolean {
    if (this.#state !== 'connected' || this.#subscriptions.get(subscriber.id) !== subscriber) return false;
    if (this.#ws.bufferedAmount > this.#host.settings.maxBufferedBytes) {
      this.#host.log('warn', 'slow-consumer', {
        connectionId: this.id,
        bufferedBytes: this.#ws.bufferedAmount,
      });
      this.#close(POLICY_VIOLATION, 'Slow consumer');
      return false;
    }
    const headers: Array<readonly [string, string]> = [
      ['destination', message.destination],
      ['message-id', message.messageId],
      ['subscription', subscriber.id],
    ];
    // STOMP 1.2 §MESSAGE: a subscription that needs acknowledgement gets an `ack` header for ACK's id.
    if (subscriber.ack !== 'auto') headers.push(['ack', message.messageId]);
    headers.push(...message.headers);
    return this.#sendFrame('MESSAGE', headers, message.body);
  }

  #receipt(receiptId: string | undefined): void {
    if (receiptId !== undefined) this.#sendFrame('RECEIPT', [['receipt-id', receiptId]]);
  }

  #sendFrame(command: ServerCommand, headers: HeaderList, body?: Uint8Array): boolean {
    if (this.#ws.readyState !== WebSocket.OPEN) return false;
    const bytes = serializeFrame(command, headers, body);
    // Text frames must be UTF-8 (RFC 6455 §5.6); a body that is not goes as a binary frame.
    this.#ws.send(bytes, { binary: !isUtf8(bytes) });
    this.#host.countOut(command);
    return true;
  }

  #fail(problem: FrameProblem, closeCode: number, extraHeaders: HeaderList = []): void {
    if (!this.#open) return;
    this.#host.log('warn', 'protocol-error', {
      connectionId: this.id,
      message: problem.message,
      detail: problem.detail,
    });
    const headers: Array<readonly [string, string]> = [
      ['message', problem.message],
      ['content-type', 'text/plain;charset=utf-8'],
    ];
    if (problem.receiptId !== undefined) headers.push(['receipt-id', problem.receiptId]);
    headers.push(...extraHeaders);
    this.#sendFrame('ERROR', headers, utf8(problem.detail));
    this.#close(closeCode, problem.message);
  }

  // ---- closing ----

  #close(code: number, reason: string): void {
    if (!this.#open) return;
    this.#state = 'closing';
    this.#stopTimers();
    this.#dropSubscriptions();
    try {
      this.#ws.close(code, reason.slice(0, 100));
    } catch {
      this.#ws.terminate();
    }
    this.#terminateTimer = setTimeout(() => this.#ws.terminate(), CLOSE_GRACE_MS);
    this.#terminateTimer.unref();
  }

  #onClose(code: number): void {
    if (this.#state === 'closed') return;
    const wasConnected = this.#state === 'connected';
    this.#state = 'closed';
    this.#stopTimers();
    clearTimeout(this.#terminateTimer);
    this.#dropSubscriptions();
    this.#host.log('info', 'connection-closed', { connectionId: this.id, code, wasConnected });
    try {
      this.#host.closed(this);
    } finally {
      this.#resolveClosed();
    }
  }

  #stopTimers(): void {
    clearTimeout(this.#connectTimer);
    clearInterval(this.#pingTimer);
    clearInterval(this.#watchdogTimer);
  }

  #dropSubscriptions(): void {
    for (const subscriber of this.#subscriptions.values()) this.#host.unsubscribe(subscriber);
    this.#subscriptions.clear();
  }
}
