// A TCP proxy on 127.0.0.1 that sits between a desk and the broker and misbehaves on demand, for
// the fault tests (test/integration/faults). The mode applies at once to every connection, the
// ones already open included:
//
// - pass: bytes go through as they come.
// - delay: every chunk is held `ms` before it is forwarded (order kept), both directions.
// - throttle: at most `bytesPerSecond` forwarded per direction per connection.
// - blackhole: a half-open link. Connections stay open and are read, but nothing is forwarded in
//   either direction, not even a close. A connection that was blackholed stays dead when the mode
//   changes back (its lost bytes would otherwise corrupt the stream, as on a real network); new
//   connections made after that pass. New connections made during blackhole are accepted and
//   swallowed the same way.
// - reset: every connection is torn down with a TCP RST on both sides, and new ones are reset as
//   soon as they are accepted.
//
// Loopback only, no dependencies beyond node:net.

import { createConnection, createServer, type AddressInfo, type Server, type Socket } from 'node:net';

export type FaultMode =
  | { readonly kind: 'pass' }
  | { readonly kind: 'delay'; readonly ms: number }
  | { readonly kind: 'throttle'; readonly bytesPerSecond: number }
  | { readonly kind: 'blackhole' }
  | { readonly kind: 'reset' };

export interface FaultProxyStats {
  /** Connections accepted since start. */
  readonly accepted: number;
  /** Connections open now (a blackholed one counts until either side goes away). */
  readonly open: number;
  /** Bytes forwarded towards the target / back to the clients. */
  readonly bytesUp: number;
  readonly bytesDown: number;
  /** Bytes read and thrown away by blackholed connections. */
  readonly bytesSwallowed: number;
  /** Connections torn down with RST. */
  readonly resets: number;
}

const THROTTLE_TICK_MS = 50;

/** One direction of one connection: a queue that releases chunks as the mode allows. */
class Lane {
  readonly #queue: { chunk: Buffer; dueAt: number }[] = [];
  #timer: ReturnType<typeof setTimeout> | undefined;
  #ended = false;
  #dead = false;

  constructor(
    private readonly target: Socket,
    private readonly mode: () => FaultMode,
    private readonly onForwarded: (bytes: number) => void,
  ) {}

  push(chunk: Buffer): void {
    if (this.#dead) return;
    const mode = this.mode();
    this.#queue.push({ chunk, dueAt: Date.now() + (mode.kind === 'delay' ? mode.ms : 0) });
    this.#pump();
  }

  /** The source half-closed: end the target once everything queued has gone. */
  end(): void {
    this.#ended = true;
    this.#pump();
  }

  /** Forward nothing more, ever (blackhole, reset, close). */
  kill(): void {
    this.#dead = true;
    this.#queue.length = 0;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #pump(): void {
    if (this.#dead || this.#timer !== undefined) return;
    while (this.#queue.length > 0) {
      const head = this.#queue[0]!;
      const wait = head.dueAt - Date.now();
      if (wait > 0) {
        this.#schedule(wait);
        return;
      }
      const mode = this.mode();
      if (mode.kind === 'throttle') {
        const budget = Math.max(1, Math.floor((mode.bytesPerSecond * THROTTLE_TICK_MS) / 1000));
        const piece = head.chunk.subarray(0, budget);
        head.chunk = head.chunk.subarray(piece.length);
        if (head.chunk.length === 0) this.#queue.shift();
        this.#write(piece);
        this.#schedule(THROTTLE_TICK_MS);
        return;
      }
      this.#queue.shift();
      this.#write(head.chunk);
    }
    if (this.#ended && !this.target.destroyed && !this.target.writableEnded) this.target.end();
  }

  #schedule(ms: number): void {
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#pump();
    }, ms);
  }

  #write(chunk: Buffer): void {
    if (this.target.destroyed || this.target.writableEnded || chunk.length === 0) return;
    this.target.write(chunk);
    this.onForwarded(chunk.length);
  }
}

/** A client connection and, unless it was swallowed from the start, its link to the target. */
class ProxiedConnection {
  readonly #up: Lane | undefined;
  readonly #down: Lane | undefined;
  #swallowing = false;
  #closed = false;

  constructor(
    readonly client: Socket,
    readonly upstream: Socket | undefined,
    private readonly proxy: {
      mode(): FaultMode;
      counted(direction: 'up' | 'down' | 'swallowed', bytes: number): void;
      closed(connection: ProxiedConnection): void;
    },
  ) {
    client.on('error', () => this.#close());
    client.on('close', () => this.#close());
    if (upstream === undefined) {
      this.#swallowing = true;
      client.on('data', (chunk: Buffer) => proxy.counted('swallowed', chunk.length));
      return;
    }
    upstream.on('error', () => this.#close());
    upstream.on('close', () => this.#close());
    this.#up = new Lane(
      upstream,
      () => proxy.mode(),
      (bytes) => proxy.counted('up', bytes),
    );
    this.#down = new Lane(
      client,
      () => proxy.mode(),
      (bytes) => proxy.counted('down', bytes),
    );
    client.on('data', (chunk: Buffer) => this.#receive(this.#up!, chunk));
    upstream.on('data', (chunk: Buffer) => this.#receive(this.#down!, chunk));
    client.on('end', () => !this.#swallowing && this.#up!.end());
    upstream.on('end', () => !this.#swallowing && this.#down!.end());
  }

  #receive(lane: Lane, chunk: Buffer): void {
    if (this.#swallowing || this.proxy.mode().kind === 'blackhole') {
      this.swallow();
      this.proxy.counted('swallowed', chunk.length);
      return;
    }
    lane.push(chunk);
  }

  /** From now on a half-open link: read everything, forward nothing, tell neither side. */
  swallow(): void {
    this.#swallowing = true;
    this.#up?.kill();
    this.#down?.kill();
  }

  reset(): void {
    this.#up?.kill();
    this.#down?.kill();
    if (!this.client.destroyed) this.client.resetAndDestroy();
    if (this.upstream && !this.upstream.destroyed) this.upstream.resetAndDestroy();
  }

  destroy(): void {
    this.#up?.kill();
    this.#down?.kill();
    this.client.destroy();
    this.upstream?.destroy();
  }

  #close(): void {
    const clientGone = this.client.destroyed;
    const upstreamGone = this.upstream === undefined || this.upstream.destroyed;
    // A real close (or error) passes on, after what is still queued; a half-open link tells nobody,
    // so only the side that went away is gone.
    if (!this.#swallowing) {
      if (clientGone) this.#up?.end();
      if (upstreamGone) this.#down?.end();
    }
    if (clientGone && upstreamGone) this.#forget();
  }

  #forget(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#up?.kill();
    this.#down?.kill();
    this.proxy.closed(this);
  }
}

export class FaultProxy {
  readonly #server: Server;
  readonly #targetPort: number;
  readonly #targetHost: string;
  readonly #connections = new Set<ProxiedConnection>();
  #mode: FaultMode = { kind: 'pass' };
  #port = 0;
  #stats = { accepted: 0, bytesUp: 0, bytesDown: 0, bytesSwallowed: 0, resets: 0 };

  private constructor(target: { host: string; port: number }) {
    this.#targetHost = target.host;
    this.#targetPort = target.port;
    this.#server = createServer((client) => this.#accept(client));
  }

  /** Listens on a free 127.0.0.1 port and forwards to `target` (also on loopback). */
  static async start(target: { host?: string; port: number }): Promise<FaultProxy> {
    const proxy = new FaultProxy({ host: target.host ?? '127.0.0.1', port: target.port });
    await new Promise<void>((resolve, reject) => {
      proxy.#server.once('error', reject);
      proxy.#server.listen({ host: '127.0.0.1', port: 0 }, () => resolve());
    });
    proxy.#port = (proxy.#server.address() as AddressInfo).port;
    return proxy;
  }

  get port(): number {
    return this.#port;
  }

  /** `stomp://127.0.0.1:<port>`: the broker URL a desk uses to go through the proxy. */
  get stompUrl(): string {
    return `stomp://127.0.0.1:${this.#port}`;
  }

  get mode(): FaultMode {
    return this.#mode;
  }

  get stats(): FaultProxyStats {
    return { ...this.#stats, open: this.#connections.size };
  }

  setMode(mode: FaultMode): void {
    this.#mode = mode;
    if (mode.kind === 'blackhole') for (const connection of this.#connections) connection.swallow();
    if (mode.kind === 'reset') for (const connection of [...this.#connections]) this.#reset(connection);
  }

  /** Stops listening and drops every connection. */
  async close(): Promise<void> {
    for (const connection of [...this.#connections]) connection.destroy();
    this.#connections.clear();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #accept(client: Socket): void {
    this.#stats.accepted++;
    client.setNoDelay(true);
    const hooks = {
      mode: () => this.#mode,
      counted: (direction: 'up' | 'down' | 'swallowed', bytes: number) => {
        if (direction === 'up') this.#stats.bytesUp += bytes;
        else if (direction === 'down') this.#stats.bytesDown += bytes;
        else this.#stats.bytesSwallowed += bytes;
      },
      closed: (connection: ProxiedConnection) => this.#connections.delete(connection),
    };
    if (this.#mode.kind === 'reset') {
      this.#stats.resets++;
      client.on('error', () => {});
      client.resetAndDestroy();
      return;
    }
    if (this.#mode.kind === 'blackhole') {
      this.#connections.add(new ProxiedConnection(client, undefined, hooks));
      return;
    }
    // Paused until the target answers, so nothing the client sends first is lost.
    client.pause();
    const upstream = createConnection({ host: this.#targetHost, port: this.#targetPort });
    upstream.setNoDelay(true);
    const connection = new ProxiedConnection(client, upstream, hooks);
    this.#connections.add(connection);
    upstream.once('connect', () => client.resume());
  }

  #reset(connection: ProxiedConnection): void {
    this.#stats.resets++;
    connection.reset();
    this.#connections.delete(connection);
  }
}
