// The broker half of demo mode's embedded endpoint: an in-memory STOMP 1.2 server over WebSocket
// on loopback, which the app's own StompSession connects to exactly as it would to ActiveMQ. The
// GC simulation plugs in through handleSends (GC's command queue) and publish (its events).
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  StompConnection,
  type ConnectionHost,
  type ConnectionSettings,
  type LogLevel,
} from './connection.ts';
import { DestinationRouter, type StoredMessage, type Subscriber } from './destinations.ts';
import { decodeUtf8, utf8, type ClientFrame, type ServerCommand } from './frames.ts';
import { refuseUpgrade, selectSubprotocol } from './upgrade-policy.ts';

export interface EmbeddedStompEndpointOptions {
  /** Loopback only; anything else is refused at construction. */
  host?: '127.0.0.1';
  /** Default 0: a free port chosen by the OS. */
  port?: number;
  /**
   * Browser Origins allowed to connect. Requests with no Origin header (Node clients, Electron
   * main) are allowed; any other Origin must be in this list, else the upgrade is refused with 403.
   */
  allowedOrigins?: readonly string[];
  /** When set, CONNECT must carry them (else ERROR "Login refused" + close); compared in constant time. */
  login?: string;
  passcode?: string;
  /** What the server offers (default 10 000 ms both ways); negotiated per STOMP 1.2 §Heart-beating. */
  heartbeat?: { outgoingMs: number; incomingMs: number };
  /** Default 1 MiB; a larger frame gets ERROR + close. */
  maxFrameBytes?: number;
  /** Messages a subscriber-less queue keeps (default 10 000); the oldest go first, with a warn log. */
  queueBufferLimit?: number;
  /** A connection that has not sent CONNECT within this many ms gets ERROR + close (default 10 000). */
  connectTimeoutMs?: number;
  log?: (entry: { level: LogLevel; event: string; [key: string]: unknown }) => void;
}

export interface InboundSend {
  destination: string;
  headers: Readonly<Record<string, string>>;
  body: string;
  connectionId: string;
}

export interface EndpointStats {
  /** Frames received, by command ('UNKNOWN' for anything that is not a STOMP client command). */
  framesIn: Record<string, number>;
  /** Frames sent, by command. */
  framesOut: Record<string, number>;
  heartbeatsIn: number;
  heartbeatsOut: number;
}

type SendHandler = (send: InboundSend) => void;

const DEFAULT_HEARTBEAT_MS = 10_000;
const DEFAULT_MAX_FRAME_BYTES = 1024 * 1024;
const DEFAULT_QUEUE_BUFFER_LIMIT = 10_000;
const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
/** Body bytes kept across all subscriber-less queues. */
const QUEUE_BUFFER_TOTAL_BYTES = 64 * 1024 * 1024;
const PATH = '/stomp';

/** Never copied from a SEND (or publish) onto a MESSAGE: the server sets them, or they are per-frame. */
const RESERVED_HEADERS: ReadonlySet<string> = new Set([
  'destination',
  'message-id',
  'subscription',
  'ack',
  'content-length',
  'receipt',
  'transaction',
]);

function nonNegativeInteger(name: string, value: number, max = Number.MAX_SAFE_INTEGER): number {
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new RangeError(`EmbeddedStompEndpoint: ${name} must be an integer from 0 to ${max}, got ${value}.`);
  }
  return value;
}

function positiveInteger(name: string, value: number): number {
  if (nonNegativeInteger(name, value) === 0) {
    throw new RangeError(`EmbeddedStompEndpoint: ${name} must be positive.`);
  }
  return value;
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/** Constant-time for equal-length digests, whatever the inputs; an absent credential never matches. */
function credentialMatches(expected: string | undefined, actual: string | undefined): boolean {
  if (expected === undefined) return true;
  const same = timingSafeEqual(sha256(expected), sha256(actual ?? ''));
  return same && actual !== undefined;
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return (
    typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function'
  );
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

type Phase = 'idle' | 'starting' | 'running' | 'stopping' | 'stopped';

export class EmbeddedStompEndpoint {
  readonly #requestedPort: number;
  readonly #allowedOrigins: ReadonlySet<string>;
  readonly #login: string | undefined;
  readonly #passcode: string | undefined;
  readonly #settings: ConnectionSettings;
  readonly #logSink: EmbeddedStompEndpointOptions['log'];
  readonly #router: DestinationRouter;
  readonly #handlers = new Map<string, SendHandler>();
  readonly #connections = new Set<StompConnection>();
  readonly #instance = randomBytes(4).toString('hex');
  #connectionSeq = 0;
  #messageSeq = 0;
  #phase: Phase = 'idle';
  #port = 0;
  #server: Server | undefined;
  #wss: WebSocketServer | undefined;
  #stopping: Promise<void> | undefined;
  readonly #framesIn: Record<string, number> = {};
  readonly #framesOut: Record<string, number> = {};
  #heartbeatsIn = 0;
  #heartbeatsOut = 0;
  readonly #host: ConnectionHost;

  constructor(options: EmbeddedStompEndpointOptions = {}) {
    const host: string = options.host ?? '127.0.0.1';
    if (host !== '127.0.0.1') {
      throw new RangeError(`EmbeddedStompEndpoint listens on 127.0.0.1 only, not "${host}".`);
    }
    this.#requestedPort = nonNegativeInteger('port', options.port ?? 0, 65_535);
    for (const origin of options.allowedOrigins ?? []) {
      if (typeof origin !== 'string' || origin === '') {
        throw new TypeError('EmbeddedStompEndpoint: allowedOrigins must be non-empty strings.');
      }
    }
    this.#allowedOrigins = new Set(options.allowedOrigins ?? []);
    this.#login = options.login;
    this.#passcode = options.passcode;
    const heartbeat = options.heartbeat ?? {
      outgoingMs: DEFAULT_HEARTBEAT_MS,
      incomingMs: DEFAULT_HEARTBEAT_MS,
    };
    const maxFrameBytes = positiveInteger('maxFrameBytes', options.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES);
    this.#settings = {
      heartbeat: {
        canSendMs: nonNegativeInteger('heartbeat.outgoingMs', heartbeat.outgoingMs, 86_400_000),
        wantsReceiveMs: nonNegativeInteger('heartbeat.incomingMs', heartbeat.incomingMs, 86_400_000),
      },
      maxFrameBytes,
      connectTimeoutMs: positiveInteger(
        'connectTimeoutMs',
        options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
      ),
      maxBufferedBytes: Math.max(16 * 1024 * 1024, 4 * maxFrameBytes),
    };
    this.#logSink = options.log;
    this.#router = new DestinationRouter(
      {
        messagesPerQueue: positiveInteger(
          'queueBufferLimit',
          options.queueBufferLimit ?? DEFAULT_QUEUE_BUFFER_LIMIT,
        ),
        totalBytes: QUEUE_BUFFER_TOTAL_BYTES,
      },
      (level, event, fields) => this.#log(level, event, fields),
    );
    this.#host = this.#makeHost();
  }

  get connectionCount(): number {
    return this.#connections.size;
  }

  /** Test hook: a snapshot of the frames (and heart-beats) received and sent so far. */
  get stats(): EndpointStats {
    return {
      framesIn: { ...this.#framesIn },
      framesOut: { ...this.#framesOut },
      heartbeatsIn: this.#heartbeatsIn,
      heartbeatsOut: this.#heartbeatsOut,
    };
  }

  async start(): Promise<{ url: string; port: number }> {
    if (this.#phase !== 'idle') throw new Error(`EmbeddedStompEndpoint cannot start: it is ${this.#phase}.`);
    this.#phase = 'starting';
    const server = createServer((_request, response) => {
      response.writeHead(426, { 'content-type': 'text/plain', connection: 'close' });
      response.end(`This endpoint speaks STOMP over WebSocket at ${PATH}.\n`);
    });
    const wss = new WebSocketServer({
      server,
      path: PATH,
      clientTracking: false,
      perMessageDeflate: false,
      // Room for one maximal frame plus others in the same WebSocket message; anything beyond is
      // cut off by ws itself (close 1009) before it is buffered.
      maxPayload: this.#settings.maxFrameBytes * 2 + 64 * 1024,
      handleProtocols: (offered) => selectSubprotocol(offered),
      verifyClient: (info, callback) => {
        if (this.#phase !== 'running') {
          callback(false, 503, 'Service Unavailable');
          return;
        }
        const refusal = refuseUpgrade(
          { host: info.req.headers.host, origin: info.origin },
          this.#port,
          this.#allowedOrigins,
        );
        if (refusal === undefined) {
          callback(true);
          return;
        }
        this.#log('warn', 'upgrade-refused', {
          reason: refusal,
          host: info.req.headers.host,
          origin: info.origin,
        });
        callback(false, 403, 'Forbidden');
      },
    });
    // ws re-emits the HTTP server's errors; without a listener they would throw.
    wss.on('error', (error) => this.#log('error', 'server-error', { error: describe(error) }));
    wss.on('connection', (ws) => this.#accept(ws));
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen({ host: '127.0.0.1', port: this.#requestedPort }, () => {
          server.off('error', reject);
          resolve();
        });
      });
    } catch (error) {
      wss.close();
      server.close();
      this.#phase = 'stopped';
      throw error;
    }
    if (this.#currentPhase() !== 'starting') {
      // stop() was called while listening: it found nothing to close, so close it here.
      wss.close();
      server.close();
      throw new Error('EmbeddedStompEndpoint was stopped while starting.');
    }
    this.#server = server;
    this.#wss = wss;
    this.#port = (server.address() as AddressInfo).port;
    this.#phase = 'running';
    const url = `ws://127.0.0.1:${this.#port}${PATH}`;
    this.#log('info', 'listening', { url });
    return { url, port: this.#port };
  }

  /** A method, so TypeScript does not narrow the phase across the awaits in start(). */
  #currentPhase(): Phase {
    return this.#phase;
  }

  /** Closes every connection politely (WebSocket close 1001, no ERROR frame), then the server. */
  stop(): Promise<void> {
    this.#stopping ??= this.#stop();
    return this.#stopping;
  }

  async #stop(): Promise<void> {
    const server = this.#server;
    const wss = this.#wss;
    this.#phase = 'stopping';
    if (server !== undefined && wss !== undefined) {
      const serverClosed = new Promise<void>((resolve) => server.close(() => resolve()));
      const connections = [...this.#connections];
      for (const connection of connections) connection.shutdown();
      // Each connection is destroyed after a short grace period if its peer does not answer the close.
      await Promise.all(connections.map((connection) => connection.closed));
      wss.close();
      server.closeAllConnections();
      await serverClosed;
      this.#log('info', 'stopped', { port: this.#port });
    }
    this.#router.clear();
    this.#phase = 'stopped';
  }

  /** Routes SENDs to `destination` (exact match) to `handler` instead of to subscribers. */
  handleSends(destination: string, handler: (send: InboundSend) => void): () => void {
    if (typeof destination !== 'string' || destination === '') {
      throw new TypeError('EmbeddedStompEndpoint.handleSends: destination must be a non-empty string.');
    }
    if (this.#handlers.has(destination)) {
      throw new Error(`EmbeddedStompEndpoint.handleSends: ${destination} already has a handler.`);
    }
    this.#handlers.set(destination, handler);
    return () => {
      if (this.#handlers.get(destination) === handler) this.#handlers.delete(destination);
    };
  }

  /**
   * Delivers a MESSAGE to every subscriber of a `/topic/…` destination, or to one subscriber of any
   * other (a queue; round-robin, buffered while it has no subscriber).
   */
  publish(destination: string, message: { body: string; headers?: Record<string, string> }): void {
    if (typeof destination !== 'string' || destination === '') {
      throw new TypeError('EmbeddedStompEndpoint.publish: destination must be a non-empty string.');
    }
    if (typeof message.body !== 'string') {
      throw new TypeError('EmbeddedStompEndpoint.publish: body must be a string.');
    }
    const headers: Array<readonly [string, string]> = [];
    for (const [name, value] of Object.entries(message.headers ?? {})) {
      if (RESERVED_HEADERS.has(name)) {
        this.#log('warn', 'publish-header-ignored', { destination, header: name });
        continue;
      }
      headers.push([name, String(value)]);
    }
    this.#router.route(this.#message(destination, headers, utf8(message.body)));
  }

  #message(destination: string, headers: StoredMessage['headers'], body: Uint8Array): StoredMessage {
    this.#messageSeq++;
    return { messageId: `ID:${this.#instance}-${this.#messageSeq}`, destination, headers, body };
  }

  #accept(ws: WebSocket): void {
    if (this.#phase !== 'running') {
      ws.terminate();
      return;
    }
    this.#connectionSeq++;
    const connection = new StompConnection(ws, `${this.#instance}-${this.#connectionSeq}`, this.#host);
    this.#connections.add(connection);
    this.#log('info', 'connection-opened', { connectionId: connection.id, protocol: ws.protocol });
  }

  #route(connection: StompConnection, destination: string, frame: ClientFrame): void {
    const handler = this.#handlers.get(destination);
    if (handler === undefined) {
      const headers: Array<readonly [string, string]> = [];
      for (const [name, value] of frame.headers) if (!RESERVED_HEADERS.has(name)) headers.push([name, value]);
      this.#router.route(this.#message(destination, headers, frame.body));
      return;
    }
    const send: InboundSend = {
      destination,
      headers: Object.freeze(Object.fromEntries(frame.headers)),
      body: decodeUtf8(frame.body),
      connectionId: connection.id,
    };
    // Like a broker, the endpoint has taken the message once it reaches the consumer: a handler
    // that fails is logged, and the sender still gets its RECEIPT.
    try {
      const result: unknown = handler(send);
      if (isPromiseLike(result)) {
        result.then(undefined, (error: unknown) =>
          this.#log('error', 'send-handler-failed', { destination, error: describe(error) }),
        );
      }
    } catch (error) {
      this.#log('error', 'send-handler-failed', { destination, error: describe(error) });
    }
  }

  #authenticate(login: string | undefined, passcode: string | undefined): boolean {
    // Both compared, always: no early exit that would tell which one was wrong.
    const loginOk = credentialMatches(this.#login, login);
    const passcodeOk = credentialMatches(this.#passcode, passcode);
    return loginOk && passcodeOk;
  }

  #makeHost(): ConnectionHost {
    return {
      settings: this.#settings,
      authenticate: (login, passcode) => this.#authenticate(login, passcode),
      subscribe: (subscriber: Subscriber) => this.#router.subscribe(subscriber),
      unsubscribe: (subscriber: Subscriber) => this.#router.unsubscribe(subscriber),
      send: (connection, destination, frame) => this.#route(connection, destination, frame),
      countIn: (command: string) => {
        this.#framesIn[command] = (this.#framesIn[command] ?? 0) + 1;
      },
      countOut: (command: ServerCommand) => {
        this.#framesOut[command] = (this.#framesOut[command] ?? 0) + 1;
      },
      countHeartbeat: (direction) => {
        if (direction === 'in') this.#heartbeatsIn++;
        else this.#heartbeatsOut++;
      },
      log: (level, event, fields) => this.#log(level, event, fields),
      closed: (connection) => {
        this.#connections.delete(connection);
      },
    };
  }

  #log(level: LogLevel, event: string, fields: Record<string, unknown>): void {
    if (this.#logSink === undefined) return;
    try {
      this.#logSink({ ...fields, level, event });
    } catch {
      // A failing log sink must not take the endpoint down.
    }
  }
}
