// The embedded STOMP endpoint, driven by a real @stomp/stompjs Client (the library the app's
// StompSession runs on) and by raw `ws` sockets for what a well-behaved client never sends.
// No mocks: every test talks to a real server on a loopback port. Every wait is bounded.
import { createServer as createNetServer } from 'node:net';
import {
  Client,
  FrameImpl,
  Parser,
  type IMessage,
  type IStompSocket,
  type StompConfig,
  type StompSubscription,
} from '@stomp/stompjs';
import fc from 'fast-check';
import WebSocket from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import {
  EmbeddedStompEndpoint,
  SERVER_NAME,
  type EmbeddedStompEndpointOptions,
  type InboundSend,
} from '../../../main/demo/stomp-endpoint/index.ts';
import { escapeHeader, serializeFrame, unescapeHeader } from '../../../main/demo/stomp-endpoint/frames.ts';
import { negotiateHeartBeat, parseHeartBeat } from '../../../main/demo/stomp-endpoint/heartbeat.ts';
import { refuseUpgrade, selectSubprotocol } from '../../../main/demo/stomp-endpoint/upgrade-policy.ts';

// ---- helpers ----

const cleanups: Array<() => Promise<unknown> | unknown> = [];

afterEach(async () => {
  while (cleanups.length > 0) {
    const cleanup = cleanups.pop();
    await within(Promise.resolve(cleanup?.()), 3000, 'cleanup');
  }
});

function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function eventually(condition: () => boolean, what: string, ms = 2000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Items in arrival order, with a bounded wait for the next one. */
class Inbox<T> {
  readonly received: T[] = [];
  #read = 0;
  #waiter: (() => void) | undefined;

  push(item: T): void {
    this.received.push(item);
    this.#waiter?.();
  }

  async next(what = 'a message', ms = 2000): Promise<T> {
    const deadline = Date.now() + ms;
    while (this.#read >= this.received.length) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}`);
      await within(
        new Promise<void>((resolve) => {
          this.#waiter = resolve;
        }),
        left,
        what,
      ).finally(() => {
        this.#waiter = undefined;
      });
    }
    return this.received[this.#read++] as T;
  }
}

interface LogEntry {
  level: string;
  event: string;
  [key: string]: unknown;
}

async function startEndpoint(options: EmbeddedStompEndpointOptions = {}) {
  const logs: LogEntry[] = [];
  const endpoint = new EmbeddedStompEndpoint({ log: (entry) => logs.push(entry), ...options });
  const { url, port } = await endpoint.start();
  cleanups.push(() => endpoint.stop());
  return { endpoint, url, port, logs };
}

interface ConnectedClient {
  client: Client;
  unhandled: IMessage[];
  closed: Promise<void>;
}

async function connectClient(url: string, config: Partial<StompConfig> = {}): Promise<ConnectedClient> {
  const unhandled: IMessage[] = [];
  let onClosed: () => void = () => {};
  const closed = new Promise<void>((resolve) => {
    onClosed = resolve;
  });
  const client = new Client({
    webSocketFactory: () => new WebSocket(url, ['v12.stomp']) as unknown as IStompSocket,
    reconnectDelay: 0,
    heartbeatIncoming: 0,
    heartbeatOutgoing: 0,
    debug: () => {},
    onUnhandledMessage: (message) => unhandled.push(message),
    ...config,
  });
  const connected = new Promise<void>((resolve, reject) => {
    client.onConnect = () => resolve();
    client.onStompError = (frame) => reject(new Error(`ERROR ${frame.headers['message']}`));
    client.onWebSocketClose = () => {
      reject(new Error('socket closed before CONNECTED'));
      onClosed();
    };
  });
  client.activate();
  cleanups.push(() => client.deactivate());
  await within(connected, 2000, 'CONNECTED');
  return { client, unhandled, closed };
}

let receiptSeq = 0;

function receiptFor(client: Client): { id: string; received: Promise<void> } {
  const id = `receipt-${++receiptSeq}`;
  const received = new Promise<void>((resolve) => client.watchForReceipt(id, () => resolve()));
  return { id, received };
}

async function subscribe(
  client: Client,
  destination: string,
): Promise<{ inbox: Inbox<IMessage>; subscription: StompSubscription }> {
  const inbox = new Inbox<IMessage>();
  const receipt = receiptFor(client);
  const subscription = client.subscribe(destination, (message) => inbox.push(message), {
    receipt: receipt.id,
  });
  await within(receipt.received, 2000, `SUBSCRIBE receipt for ${destination}`);
  return { inbox, subscription };
}

interface RawFrame {
  command: string;
  headers: Record<string, string>;
  body: string;
}

/** A bare WebSocket that speaks STOMP by hand; incoming bytes are split by stompjs's Parser. */
class RawClient {
  readonly frames = new Inbox<RawFrame>();
  heartbeats = 0;
  readonly closed: Promise<{ code: number; reason: string }>;

  private constructor(readonly ws: WebSocket) {
    const parser = new Parser(
      (raw) => {
        const frame = FrameImpl.fromRawFrame(raw, true);
        this.frames.push({ command: frame.command, headers: frame.headers, body: frame.body });
      },
      () => this.heartbeats++,
    );
    ws.on('message', (data: Buffer) => parser.parseChunk(new Uint8Array(data).buffer));
    this.closed = new Promise((resolve) =>
      ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    );
  }

  static open(
    url: string,
    options: WebSocket.ClientOptions & { protocols?: string[] } = {},
  ): Promise<RawClient> {
    const { protocols = ['v12.stomp'], ...rest } = options;
    const ws = new WebSocket(url, protocols, rest);
    cleanups.push(() => ws.terminate());
    return within(
      new Promise<RawClient>((resolve, reject) => {
        ws.once('open', () => resolve(new RawClient(ws)));
        ws.once('unexpected-response', (_request, response) =>
          reject(Object.assign(new Error(`HTTP ${response.statusCode}`), { status: response.statusCode })),
        );
        ws.once('error', reject);
      }),
      2000,
      'WebSocket open',
    );
  }

  send(data: string | Uint8Array): void {
    this.ws.send(data);
  }

  async connect(headers: Record<string, string> = {}): Promise<RawFrame> {
    const lines = Object.entries({ 'accept-version': '1.2', host: '127.0.0.1', ...headers }).map(
      ([name, value]) => `${name}:${value}`,
    );
    this.send(`CONNECT\n${lines.join('\n')}\n\n\0`);
    return this.frames.next('CONNECTED');
  }

  /** The next frame must be an ERROR, after which the server closes the socket. */
  async expectErrorAndClose(): Promise<RawFrame> {
    const frame = await this.frames.next('ERROR');
    expect(frame.command).toBe('ERROR');
    await within(this.closed, 2000, 'close after ERROR');
    return frame;
  }
}

async function refusedStatus(url: string, options: WebSocket.ClientOptions): Promise<number> {
  try {
    await RawClient.open(url, options);
  } catch (error) {
    return (error as { status?: number }).status ?? -1;
  }
  return 101;
}

// ---- tests ----

describe('EmbeddedStompEndpoint over a real stompjs Client', () => {
  it('connects with STOMP 1.2 and fans a published topic message out to every subscriber', async () => {
    const { endpoint, url } = await startEndpoint();
    expect(url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/stomp$/);
    const a = await connectClient(url);
    const b = await connectClient(url);
    expect(a.client.connectedVersion).toBe('1.2');
    const inA = await subscribe(a.client, '/topic/ws-7');
    const inB = await subscribe(b.client, '/topic/ws-7');

    const note = 'colon: newline\nback\\slash';
    endpoint.publish('/topic/ws-7', {
      body: 'AgentState,1001,READY ✓',
      headers: { type: 'AgentState', note },
    });
    const [ma, mb] = await Promise.all([inA.inbox.next(), inB.inbox.next()]);
    for (const [message, subscription] of [
      [ma, inA.subscription],
      [mb, inB.subscription],
    ] as const) {
      expect(message.body).toBe('AgentState,1001,READY ✓');
      expect(message.headers['type']).toBe('AgentState');
      expect(message.headers['note']).toBe(note);
      expect(message.headers['destination']).toBe('/topic/ws-7');
      expect(message.headers['subscription']).toBe(subscription.id);
      expect(message.headers['message-id']).toMatch(/\S/);
    }
    expect(endpoint.connectionCount).toBe(2);
    const stats = endpoint.stats;
    expect(stats.framesIn['CONNECT']).toBe(2);
    expect(stats.framesIn['SUBSCRIBE']).toBe(2);
    expect(stats.framesOut['CONNECTED']).toBe(2);
    expect(stats.framesOut['MESSAGE']).toBe(2);
  });

  it('hands a SEND on a handled destination to its handler, type and body intact, then sends the RECEIPT', async () => {
    const { endpoint, url } = await startEndpoint();
    const sends: InboundSend[] = [];
    endpoint.handleSends('/queue/Connector1', (send) => sends.push(send));
    const { client, unhandled } = await connectClient(url);
    // The sender also listens on the queue: had the SEND been delivered, the MESSAGE would
    // arrive before the RECEIPT on this same connection.
    const listener = await subscribe(client, '/queue/Connector1');

    const receipt = receiptFor(client);
    const body = 'MakeCall,1001,5551234,ünïcödé,#|';
    client.publish({
      destination: '/queue/Connector1',
      body,
      headers: { type: 'MakeCall', receipt: receipt.id },
    });
    await within(receipt.received, 2000, 'SEND receipt');

    expect(sends).toHaveLength(1);
    expect(sends[0]?.destination).toBe('/queue/Connector1');
    expect(sends[0]?.headers['type']).toBe('MakeCall');
    expect(sends[0]?.body).toBe(body);
    expect(sends[0]?.connectionId).toMatch(/\S/);
    expect(listener.inbox.received).toEqual([]);
    expect(unhandled).toEqual([]);
  });

  it('logs a handler that throws or rejects and still confirms the SEND, like a broker whose consumer failed', async () => {
    const { endpoint, url, logs } = await startEndpoint();
    endpoint.handleSends('/queue/sync', () => {
      throw new Error('sim bug');
    });
    endpoint.handleSends('/queue/async', () => Promise.reject(new Error('async sim bug')) as unknown as void);
    expect(() => endpoint.handleSends('/queue/sync', () => {})).toThrow(/already has a handler/);
    const { client } = await connectClient(url);
    for (const destination of ['/queue/sync', '/queue/async']) {
      const receipt = receiptFor(client);
      client.publish({ destination, body: 'x', headers: { receipt: receipt.id } });
      await within(receipt.received, 2000, `receipt from ${destination}`);
    }
    await eventually(
      () =>
        logs.filter((entry) => entry.event === 'send-handler-failed' && entry.level === 'error').length === 2,
      'both handler failures to be logged',
    );
    expect(client.connected).toBe(true);
  });

  it('accepts a SEND without content-length (skipContentLengthHeader) and keeps NULs of a content-length body', async () => {
    const { endpoint, url } = await startEndpoint();
    const sends: InboundSend[] = [];
    endpoint.handleSends('/queue/Connector1', (send) => sends.push(send));
    const { client } = await connectClient(url);

    const first = receiptFor(client);
    client.publish({
      destination: '/queue/Connector1',
      body: 'Hello,ws-7',
      headers: { type: 'Hello', receipt: first.id },
      skipContentLengthHeader: true,
    });
    await within(first.received, 2000, 'receipt of the SEND without content-length');
    expect(sends.map((send) => [send.headers['type'], send.body, send.headers['content-length']])).toEqual([
      ['Hello', 'Hello,ws-7', undefined],
    ]);

    const topic = await subscribe(client, '/topic/binaryish');
    client.publish({ destination: '/topic/binaryish', body: 'a\0b\0', headers: { type: 'Odd' } });
    const message = await topic.inbox.next();
    expect(message.body).toBe('a\0b\0');
    expect(message.headers['type']).toBe('Odd');
  });

  it('round-robins a queue between its subscribers and buffers it until the first one arrives', async () => {
    const { endpoint, url } = await startEndpoint();
    for (const n of [1, 2, 3]) endpoint.publish('/queue/work', { body: `early-${n}` });

    const a = await connectClient(url);
    const inA = await subscribe(a.client, '/queue/work');
    const early = await Promise.all([inA.inbox.next(), inA.inbox.next(), inA.inbox.next()]);
    expect(early.map((message) => message.body)).toEqual(['early-1', 'early-2', 'early-3']);

    const b = await connectClient(url);
    const inB = await subscribe(b.client, '/queue/work');
    for (const n of [1, 2, 3, 4]) endpoint.publish('/queue/work', { body: `rr-${n}` });
    const toA = [await inA.inbox.next(), await inA.inbox.next()].map((message) => message.body);
    const toB = [await inB.inbox.next(), await inB.inbox.next()].map((message) => message.body);
    expect([toA, toB]).toEqual([
      ['rr-1', 'rr-3'],
      ['rr-2', 'rr-4'],
    ]);

    // A client's SEND to an unhandled queue is delivered like a publish.
    a.client.publish({ destination: '/queue/work', body: 'from-a' });
    const next = await Promise.race([inA.inbox.next('from-a'), inB.inbox.next('from-a')]);
    expect(next.body).toBe('from-a');
    expect(endpoint.stats.framesOut['MESSAGE']).toBe(3 + 4 + 1);
  });

  it('drops the oldest buffered queue messages beyond the bound, with a warn log', async () => {
    const { endpoint, url, logs } = await startEndpoint({ queueBufferLimit: 3 });
    for (const n of [1, 2, 3, 4, 5]) endpoint.publish('/queue/backlog', { body: `m${n}` });
    expect(
      logs.filter((entry) => entry.event === 'queue-buffer-overflow' && entry.level === 'warn'),
    ).toHaveLength(2);
    const { client } = await connectClient(url);
    const { inbox } = await subscribe(client, '/queue/backlog');
    const bodies = [await inbox.next(), await inbox.next(), await inbox.next()].map(
      (message) => message.body,
    );
    expect(bodies).toEqual(['m3', 'm4', 'm5']);
  });

  it('stops delivering to a subscription once it is unsubscribed', async () => {
    const { endpoint, url } = await startEndpoint();
    const { client, unhandled } = await connectClient(url);
    const first = await subscribe(client, '/topic/t');
    endpoint.publish('/topic/t', { body: 'one' });
    expect((await first.inbox.next()).body).toBe('one');

    const receipt = receiptFor(client);
    first.subscription.unsubscribe({ receipt: receipt.id });
    await within(receipt.received, 2000, 'UNSUBSCRIBE receipt');
    // A second subscription on the same connection: its MESSAGE for 'two' would come after one
    // for the first subscription, had the server still delivered to it.
    const second = await subscribe(client, '/topic/t');
    endpoint.publish('/topic/t', { body: 'two' });
    expect((await second.inbox.next()).body).toBe('two');
    expect(first.inbox.received.map((message) => message.body)).toEqual(['one']);
    expect(unhandled).toEqual([]);
    expect(endpoint.stats.framesOut['MESSAGE']).toBe(2);
  });

  it('negotiates heart-beats: sends them on the agreed interval and drops a peer silent for twice its own', async () => {
    const { endpoint, url, logs } = await startEndpoint({ heartbeat: { outgoingMs: 500, incomingMs: 500 } });
    let pongs = 0;
    const live = await connectClient(url, {
      heartbeatIncoming: 1000,
      heartbeatOutgoing: 1000,
      debug: (line) => {
        if (line.includes('<<< PONG')) pongs++;
      },
    });

    const silent = await RawClient.open(url);
    const connected = await silent.connect({ 'heart-beat': '1000,1000' });
    expect(connected.command).toBe('CONNECTED');
    expect(connected.headers['version']).toBe('1.2');
    expect(connected.headers['heart-beat']).toBe('500,500');
    expect(connected.headers['server']).toBe(SERVER_NAME);
    expect(connected.headers['session']).toMatch(/\S/);
    const since = Date.now();
    await within(silent.closed, 4000, 'the silent client to be dropped');
    const after = Date.now() - since;
    expect(after).toBeGreaterThanOrEqual(1900); // not before 2 × 1000 ms of silence…
    expect(after).toBeLessThan(3500); // …and soon after it
    expect(silent.heartbeats).toBeGreaterThanOrEqual(1);
    expect(logs.some((entry) => entry.event === 'heartbeat-timeout')).toBe(true);

    // Meanwhile the stompjs client, which pings every 1000 ms, stays connected and got PONGs.
    expect(live.client.connected).toBe(true);
    expect(pongs).toBeGreaterThanOrEqual(1);
    expect(endpoint.stats.heartbeatsIn).toBeGreaterThanOrEqual(1);
    await eventually(() => endpoint.connectionCount === 1, 'the dropped connection to leave the endpoint');
  });

  it('refuses a wrong or missing passcode with ERROR "Login refused" and accepts the right one', async () => {
    const { url } = await startEndpoint({ login: 'agent', passcode: 's3cret' });
    for (const credentials of [{ login: 'agent', passcode: 'wrong' }, { login: 'agent' }, {}]) {
      const raw = await RawClient.open(url);
      raw.send(
        `CONNECT\naccept-version:1.2\n${Object.entries(credentials)
          .map(([name, value]) => `${name}:${value}\n`)
          .join('')}\n\0`,
      );
      const error = await raw.expectErrorAndClose();
      expect(error.headers['message']).toBe('Login refused');
    }
    const { client } = await connectClient(url, { connectHeaders: { login: 'agent', passcode: 's3cret' } });
    expect(client.connected).toBe(true);
  });
});

describe('EmbeddedStompEndpoint protocol edge cases (raw WebSocket)', () => {
  it('answers a frame before CONNECT with ERROR and closes', async () => {
    const { url } = await startEndpoint();
    const raw = await RawClient.open(url);
    raw.send('SUBSCRIBE\nid:1\ndestination:/topic/x\nreceipt:r-1\n\n\0');
    const error = await raw.expectErrorAndClose();
    expect(error.headers['message']).toBe('Not connected');
    expect(error.headers['receipt-id']).toBe('r-1');
  });

  it('refuses clients that do not offer STOMP 1.2', async () => {
    const { url } = await startEndpoint();
    for (const connect of ['CONNECT\naccept-version:1.0,1.1\n\n\0', 'CONNECT\nhost:x\n\n\0']) {
      const raw = await RawClient.open(url);
      raw.send(connect);
      const error = await raw.expectErrorAndClose();
      expect(error.headers['message']).toBe('Unsupported protocol version');
      expect(error.headers['version']).toBe('1.2');
    }
  });

  it('accepts STOMP as CONNECT, picks v12.stomp among the offered subprotocols, and honours DISCONNECT receipts', async () => {
    const { url } = await startEndpoint();
    const raw = await RawClient.open(url, { protocols: ['v10.stomp', 'v11.stomp', 'v12.stomp'] });
    expect(raw.ws.protocol).toBe('v12.stomp');
    raw.send('STOMP\naccept-version:1.1,1.2\nheart-beat:0,0\n\n\0');
    expect((await raw.frames.next()).command).toBe('CONNECTED');
    raw.send('ACK\nid:whatever\n\n\0NACK\nid:other\nreceipt:n-1\n\n\0');
    expect((await raw.frames.next()).headers['receipt-id']).toBe('n-1');
    raw.send('DISCONNECT\nreceipt:bye\n\n\0');
    const receipt = await raw.frames.next();
    expect([receipt.command, receipt.headers['receipt-id']]).toEqual(['RECEIPT', 'bye']);
    expect((await within(raw.closed, 2000, 'close after DISCONNECT')).code).toBe(1000);
  });

  it.each([
    ['garbage bytes', Buffer.from([0xff, 0xfe, 0x01, 0x02, 0x0a, 0x0a, 0x00]), 'Unknown command'],
    ['an undefined header escape', 'SEND\ndestination:/topic/x\nbad:tab\\there\n\nhi\0', 'Malformed frame'],
    // stompjs's Parser reads a header name up to the next ':', so a line without one is caught
    // when the next colon arrives (here in the next frame), or by the frame-size limit.
    [
      'a header line without a colon',
      'SEND\ndestination:/topic/x\nnocolon\n\nhi\0SEND\ndestination:/topic/x\n\n\0',
      'Malformed frame',
    ],
    ['a bad content-length', 'SEND\ndestination:/topic/x\ncontent-length:2x\n\nhi\0', 'Malformed frame'],
    ['a body on SUBSCRIBE', 'SUBSCRIBE\nid:1\ndestination:/topic/x\n\nbody\0', 'Malformed frame'],
    ['SUBSCRIBE without id', 'SUBSCRIBE\ndestination:/topic/x\n\n\0', 'Missing id header'],
    ['SUBSCRIBE without destination', 'SUBSCRIBE\nid:1\n\n\0', 'Missing destination header'],
    ['SEND without destination', 'SEND\n\nhi\0', 'Missing destination header'],
    ['UNSUBSCRIBE of an unknown id', 'UNSUBSCRIBE\nid:nope\n\n\0', 'No such subscription'],
    [
      'a duplicate subscription id',
      'SUBSCRIBE\nid:1\ndestination:/a\n\n\0SUBSCRIBE\nid:1\ndestination:/b\n\n\0',
      'Duplicate subscription id',
    ],
    ['BEGIN', 'BEGIN\ntransaction:tx1\n\n\0', 'Transactions not supported'],
    ['a second CONNECT', 'CONNECT\naccept-version:1.2\n\n\0', 'Already connected'],
    ['a bad heart-beat (on its own connection)', null, 'Malformed frame'],
  ] as const)('answers %s with ERROR + close and keeps serving others', async (_name, bytes, message) => {
    const { endpoint, url, logs } = await startEndpoint();
    const survivor = await connectClient(url);
    const inbox = await subscribe(survivor.client, '/topic/alive');

    const raw = await RawClient.open(url);
    if (bytes === null) {
      raw.send('CONNECT\naccept-version:1.2\nheart-beat:soon,never\n\n\0');
    } else {
      await raw.connect();
      raw.send(bytes);
    }
    const error = await raw.expectErrorAndClose();
    expect(error.headers['message']).toBe(message);
    expect(error.body.length).toBeGreaterThan(0);

    endpoint.publish('/topic/alive', { body: 'still here' });
    expect((await inbox.inbox.next()).body).toBe('still here');
    expect(logs.filter((entry) => entry.level === 'error')).toEqual([]);
  });

  it('refuses an oversize frame, whole or streamed in pieces, with ERROR + close; a frame under the limit passes', async () => {
    const maxFrameBytes = 4096;
    const { endpoint, url } = await startEndpoint({ maxFrameBytes });
    const survivor = await connectClient(url);
    const inbox = await subscribe(survivor.client, '/topic/alive');

    const whole = await RawClient.open(url);
    await whole.connect();
    whole.send(`SEND\ndestination:/topic/x\n\n${'x'.repeat(maxFrameBytes)}\0`);
    expect((await whole.expectErrorAndClose()).headers['message']).toBe('Frame too large');

    const streamed = await RawClient.open(url);
    await streamed.connect();
    streamed.send('SEND\ndestination:/topic/x\n\n');
    for (let i = 0; i < 10 && streamed.ws.readyState === WebSocket.OPEN; i++) streamed.send('y'.repeat(1000));
    expect((await streamed.expectErrorAndClose()).headers['message']).toBe('Frame too large');

    const fits = await RawClient.open(url);
    await fits.connect();
    const head = 'SEND\ndestination:/topic/alive\nreceipt:fits\n\n';
    fits.send(`${head}${'z'.repeat(maxFrameBytes - head.length - 100)}\0`);
    expect((await fits.frames.next()).headers['receipt-id']).toBe('fits');
    expect((await inbox.inbox.next()).body).toHaveLength(maxFrameBytes - head.length - 100);

    endpoint.publish('/topic/alive', { body: 'still here' });
    expect((await inbox.inbox.next()).body).toBe('still here');
  });

  it('gives up on a connection that never sends CONNECT', async () => {
    const { url } = await startEndpoint({ connectTimeoutMs: 150 });
    const raw = await RawClient.open(url);
    expect((await raw.expectErrorAndClose()).headers['message']).toBe('CONNECT timeout');
  });

  it('never throws on arbitrary bytes after CONNECT, and keeps serving', async () => {
    const { endpoint, url, logs } = await startEndpoint({ maxFrameBytes: 2048 });
    const survivor = await connectClient(url);
    const inbox = await subscribe(survivor.client, '/topic/alive');
    const piece = fc.constantFrom(
      'SEND\n',
      'SUBSCRIBE\n',
      'UNSUBSCRIBE\n',
      'ACK\n',
      'DISCONNECT\n',
      'destination:/queue/a\n',
      'destination:/topic/alive\n',
      'id:1\n',
      'receipt:r\n',
      'content-length:3\n',
      'content-length:-1\n',
      'ack:client\n',
      'a\\cb:c\\nd\n',
      '\\',
      ':',
      '\n',
      '\r\n',
      '\0',
      'x',
    );
    const input = fc.oneof(
      fc.uint8Array({ maxLength: 300 }),
      fc.array(piece, { maxLength: 40 }).map((pieces) => Buffer.from(pieces.join(''))),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(input, { minLength: 1, maxLength: 3 }), async (chunks) => {
        const raw = await RawClient.open(url);
        await raw.connect();
        for (const chunk of chunks) if (raw.ws.readyState === WebSocket.OPEN) raw.send(chunk);
        raw.ws.close();
        await within(raw.closed, 3000, 'raw close');
      }),
      { numRuns: 40 },
    );
    endpoint.publish('/topic/alive', { body: 'still here' });
    const bodies: string[] = [];
    // Fuzzed SENDs to /topic/alive may have landed first; 'still here' must come.
    for (let i = 0; i < 50 && bodies.at(-1) !== 'still here'; i++)
      bodies.push((await inbox.inbox.next()).body);
    expect(bodies.at(-1)).toBe('still here');
    expect(logs.filter((entry) => entry.level === 'error')).toEqual([]);
  });
});

describe('EmbeddedStompEndpoint WebSocket upgrade policy', () => {
  it('refuses a foreign Origin with 403 and allows no Origin or an allowed one', async () => {
    const { url, port } = await startEndpoint({ allowedOrigins: ['app://switchboard'] });
    expect(await refusedStatus(url, { origin: 'https://evil.example' })).toBe(403);
    expect(await refusedStatus(url, { origin: 'null' })).toBe(403);
    expect(await refusedStatus(url, {})).toBe(101);
    expect(await refusedStatus(url, { origin: 'app://switchboard' })).toBe(101);
    expect(await refusedStatus(url, { headers: { host: `localhost:${port}` } })).toBe(101);
  });

  it('refuses a Host header other than 127.0.0.1:<port> or localhost:<port> with 403 (DNS rebinding)', async () => {
    const { url, port } = await startEndpoint();
    expect(await refusedStatus(url, { headers: { host: `evil.example:${port}` } })).toBe(403);
    expect(await refusedStatus(url, { headers: { host: `127.0.0.1:${port + 1}` } })).toBe(403);
    expect(await refusedStatus(url, { headers: { host: '127.0.0.1' } })).toBe(403);
  });

  it('refuses a non-loopback host at construction', () => {
    expect(() => new EmbeddedStompEndpoint({ host: '0.0.0.0' as '127.0.0.1' })).toThrow(/127\.0\.0\.1/);
  });
});

describe('EmbeddedStompEndpoint.stop', () => {
  it('wins over a start() still in progress', async () => {
    const endpoint = new EmbeddedStompEndpoint();
    const starting = endpoint.start();
    await within(endpoint.stop(), 1000, 'stop');
    await expect(starting).rejects.toThrow(/stopped while starting/);
  });

  it('closes every client and frees the port', async () => {
    const { endpoint, url, port } = await startEndpoint();
    const stomp = await connectClient(url);
    const raw = await RawClient.open(url);
    await raw.connect();
    expect(endpoint.connectionCount).toBe(2);

    await within(endpoint.stop(), 3000, 'stop');
    expect((await within(raw.closed, 1000, 'raw close')).code).toBe(1001);
    await within(stomp.closed, 1000, 'stompjs close');
    expect(endpoint.connectionCount).toBe(0);
    await within(endpoint.stop(), 1000, 'second stop');

    const probe = createNetServer();
    await within(
      new Promise<void>((resolve, reject) => {
        probe.once('error', reject);
        probe.listen(port, '127.0.0.1', () => resolve());
      }),
      1000,
      'listening on the freed port',
    );
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    await expect(endpoint.start()).rejects.toThrow(/stopped/);
  });
});

describe('stomp-endpoint building blocks', () => {
  it('negotiates heart-beats per STOMP 1.2', () => {
    const offer = (canSendMs: number, wantsReceiveMs: number) => ({ canSendMs, wantsReceiveMs });
    expect(negotiateHeartBeat(offer(1000, 1000), offer(500, 500))).toEqual({
      outgoingMs: 1000,
      incomingMs: 1000,
    });
    expect(negotiateHeartBeat(offer(1000, 0), offer(10_000, 10_000))).toEqual({
      outgoingMs: 0,
      incomingMs: 10_000,
    });
    expect(negotiateHeartBeat(offer(0, 200), offer(100, 0))).toEqual({ outgoingMs: 200, incomingMs: 0 });
    expect(parseHeartBeat(undefined)).toEqual(offer(0, 0));
    expect(parseHeartBeat('10000, 0')).toEqual(offer(10_000, 0));
    expect(parseHeartBeat('1,2,3')).toBeUndefined();
    expect(parseHeartBeat('-1,5')).toBeUndefined();
    expect(parseHeartBeat('99999999999999,1')).toEqual(offer(86_400_000, 1));
  });

  it('escapes and unescapes header text as inverses, and refuses undefined escapes', () => {
    // The characters escaping is about, the letters of its sequences, and any other text.
    const special = fc.constantFrom('\\', '\r', '\n', ':', 'c', 'n', 'r', 't', 'x');
    const headerText = fc.oneof(fc.string({ unit: special }), fc.string({ unit: 'grapheme' }));
    fc.assert(
      fc.property(headerText, (text) => {
        const escaped = escapeHeader(text);
        return !/[\r\n:]/.test(escaped) && unescapeHeader(escaped) === text;
      }),
    );
    expect(unescapeHeader('a\\tb')).toBeUndefined();
    expect(unescapeHeader('trailing\\')).toBeUndefined();
  });

  it('serializes MESSAGE with content-length and escaped headers, CONNECTED unescaped', () => {
    const message = serializeFrame('MESSAGE', [['a:b', 'c\nd']], Buffer.from('x\0y'));
    expect(message.toString('latin1')).toBe('MESSAGE\na\\cb:c\\nd\ncontent-length:3\n\nx\0y\0');
    expect(serializeFrame('MESSAGE', [], new Uint8Array(0)).toString()).toBe(
      'MESSAGE\ncontent-length:0\n\n\0',
    );
    expect(serializeFrame('CONNECTED', [['server', 'a:b']]).toString()).toBe('CONNECTED\nserver:a:b\n\n\0');
  });

  it('chooses the subprotocol and judges upgrade requests', () => {
    expect(selectSubprotocol(new Set(['v10.stomp', 'v12.stomp']))).toBe('v12.stomp');
    expect(selectSubprotocol(new Set(['v11.stomp']))).toBe('v11.stomp');
    expect(selectSubprotocol(new Set(['mqtt']))).toBe(false);
    const allowed = new Set(['app://switchboard']);
    expect(refuseUpgrade({ host: 'LOCALHOST:80', origin: undefined }, 80, allowed)).toBeUndefined();
    expect(refuseUpgrade({ host: undefined, origin: undefined }, 80, allowed)).toBe('host-not-allowed');
    expect(refuseUpgrade({ host: '127.0.0.1:80', origin: 'http://x' }, 80, allowed)).toBe(
      'origin-not-allowed',
    );
  });
});
