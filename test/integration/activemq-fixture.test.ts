// Proves the ActiveMQ fixture itself, with a bare STOMP 1.2 client over node:net / node:tls, so
// that a failure here points at the broker set-up rather than at our STOMP stack.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { connect as connectTcp, type Socket } from 'node:net';
import { connect as connectTls, type ConnectionOptions } from 'node:tls';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startActiveMq, type ActiveMqBroker } from '../fixtures/activemq.ts';
import type { SharedBrokerInfo } from '../fixtures/shared-broker.ts';

const FRAME_TIMEOUT_MS = 10_000;

interface StompFrame {
  command: string;
  headers: Map<string, string>;
  body: string;
}

/** Just enough STOMP 1.2 to connect, subscribe, send and read frames. */
class RawStompConnection {
  private received = '';
  private readonly frames: StompFrame[] = [];
  private failure: Error | undefined;
  private wakeReader: (() => void) | undefined;

  constructor(private readonly socket: Socket) {
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      this.received += chunk;
      this.collectFrames();
      this.wakeReader?.();
    });
    socket.on('error', (error) => {
      this.failure = error;
      this.wakeReader?.();
    });
    socket.on('close', () => {
      this.failure ??= new Error('the broker closed the connection');
      this.wakeReader?.();
    });
  }

  send(command: string, headers: Record<string, string>, body = ''): void {
    const headerLines = Object.entries(headers).map(([name, value]) => `${name}:${value}\n`);
    this.socket.write(`${command}\n${headerLines.join('')}\n${body}\0`);
  }

  async nextFrame(): Promise<StompFrame> {
    const deadline = Date.now() + FRAME_TIMEOUT_MS;
    for (;;) {
      const frame = this.frames.shift();
      if (frame !== undefined) return frame;
      if (this.failure !== undefined) throw this.failure;
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new Error(`no STOMP frame within ${FRAME_TIMEOUT_MS} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, remaining);
        this.wakeReader = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wakeReader = undefined;
    }
  }

  async connect(login: string, passcode: string): Promise<StompFrame> {
    this.send('CONNECT', { 'accept-version': '1.2', host: 'localhost', login, passcode });
    return this.nextFrame();
  }

  /** Sends with a receipt and waits for it, so the broker has the frame when this resolves. */
  async sendWithReceipt(command: string, headers: Record<string, string>, body = ''): Promise<void> {
    const receiptId = `receipt-${randomBytes(4).toString('hex')}`;
    this.send(command, { ...headers, receipt: receiptId }, body);
    const reply = await this.nextFrame();
    expect(reply.command, describeFrame(reply)).toBe('RECEIPT');
    expect(reply.headers.get('receipt-id')).toBe(receiptId);
  }

  close(): void {
    this.socket.destroy();
  }

  private collectFrames(): void {
    for (;;) {
      // Between frames a STOMP peer may send end-of-lines as heart-beats.
      this.received = this.received.replace(/^(\r?\n)+/, '');
      const end = this.received.indexOf('\0');
      if (end < 0) return;
      this.frames.push(parseFrame(this.received.slice(0, end)));
      this.received = this.received.slice(end + 1);
    }
  }
}

function parseFrame(text: string): StompFrame {
  const headerEnd = text.indexOf('\n\n');
  const head = headerEnd < 0 ? text : text.slice(0, headerEnd);
  const [command = '', ...headerLines] = head.split('\n').map((line) => line.replace(/\r$/, ''));
  const headers = new Map<string, string>();
  for (const line of headerLines) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon);
    // STOMP 1.2: the first occurrence of a repeated header wins; CONNECTED is not escaped.
    if (!headers.has(name)) headers.set(name, unescapeHeader(command, line.slice(colon + 1)));
  }
  return { command, headers, body: headerEnd < 0 ? '' : text.slice(headerEnd + 2) };
}

function unescapeHeader(command: string, value: string): string {
  if (command === 'CONNECTED') return value;
  const escapes: Record<string, string> = { '\\\\': '\\', '\\c': ':', '\\n': '\n', '\\r': '\r' };
  return value.replace(/\\[\\cnr]/g, (escape) => escapes[escape] ?? escape);
}

function describeFrame(frame: StompFrame): string {
  return `${frame.command} ${JSON.stringify(Object.fromEntries(frame.headers))} ${frame.body}`;
}

function hostAndPort(url: string): { host: string; port: number } {
  const parsed = new URL(url);
  return { host: parsed.hostname, port: Number(parsed.port) };
}

function openTcp(url: string): Promise<RawStompConnection> {
  const { host, port } = hostAndPort(url);
  return new Promise((resolve, reject) => {
    const socket = connectTcp({ host, port });
    socket.once('connect', () => {
      socket.off('error', reject);
      resolve(new RawStompConnection(socket));
    });
    socket.once('error', reject);
  });
}

function openTls(host: string, port: number, options: ConnectionOptions): Promise<RawStompConnection> {
  return new Promise((resolve, reject) => {
    const socket = connectTls({ host, port, ...options });
    socket.once('secureConnect', () => {
      socket.off('error', reject);
      resolve(new RawStompConnection(socket));
    });
    socket.once('error', reject);
  });
}

/** The error code of a TCP connect to 127.0.0.1:port, or 'connected'. */
function tcpConnectOutcome(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connectTcp({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

async function expectStompLogin(url: string, user: string, password: string): Promise<void> {
  const connection = await openTcp(url);
  try {
    const reply = await connection.connect(user, password);
    expect(reply.command, describeFrame(reply)).toBe('CONNECTED');
    expect(reply.headers.get('version')).toBe('1.2');
  } finally {
    connection.close();
  }
}

function uniqueQueue(purpose: string): string {
  return `/queue/fixture-test.${purpose}.${randomBytes(4).toString('hex')}`;
}

describe('the shared broker from global setup', () => {
  const broker: SharedBrokerInfo = inject('broker');

  it('answers CONNECTED to the right credentials', async () => {
    await expectStompLogin(broker.stompUrl, broker.user, broker.password);
  });

  it('answers ERROR to a wrong password', async () => {
    const connection = await openTcp(broker.stompUrl);
    try {
      const reply = await connection.connect(broker.user, `${broker.password}-wrong`);
      expect(reply.command).toBe('ERROR');
      expect(reply.headers.get('message')).toMatch(/password is invalid/);
    } finally {
      connection.close();
    }
  });

  it('speaks STOMP over TLS to localhost when the run’s CA is trusted', async () => {
    const { host, port } = hostAndPort(broker.stompTlsUrl);
    expect(host).toBe('localhost');
    const connection = await openTls(host, port, { ca: broker.caCertPem });
    try {
      const reply = await connection.connect(broker.user, broker.password);
      expect(reply.command, describeFrame(reply)).toBe('CONNECTED');
    } finally {
      connection.close();
    }
  });

  it('fails hostname verification for 127.0.0.1: the certificate names DNS:localhost only', async () => {
    const { port } = hostAndPort(broker.stompTlsUrl);
    await expect(openTls('127.0.0.1', port, { ca: broker.caCertPem })).rejects.toMatchObject({
      code: 'ERR_TLS_CERT_ALTNAME_INVALID',
    });
  });

  it('fails certificate verification without the run’s CA', async () => {
    const { host, port } = hostAndPort(broker.stompTlsUrl);
    // The broker sends its chain up to the self-signed CA, which Node's default store lacks.
    await expect(openTls(host, port, {})).rejects.toMatchObject({ code: 'SELF_SIGNED_CERT_IN_CHAIN' });
  });
});

describe('a private broker from startActiveMq()', () => {
  let broker: ActiveMqBroker | undefined;

  const privateBroker = (): ActiveMqBroker => {
    if (broker === undefined) throw new Error('beforeAll did not start the broker');
    return broker;
  };

  beforeAll(async () => {
    broker = await startActiveMq();
  });

  afterAll(async () => {
    await broker?.dispose();
  });

  it('delivers a message sent to a queue to a connected subscriber', async () => {
    const { stompUrl, user, password } = privateBroker();
    const destination = uniqueQueue('live-delivery');
    const subscriber = await openTcp(stompUrl);
    const producer = await openTcp(stompUrl);
    try {
      expect((await subscriber.connect(user, password)).command).toBe('CONNECTED');
      await subscriber.sendWithReceipt('SUBSCRIBE', { id: 'sub-0', destination, ack: 'auto' });
      expect((await producer.connect(user, password)).command).toBe('CONNECTED');
      await producer.sendWithReceipt('SEND', { destination, 'content-type': 'text/plain' }, 'hello, queue');

      const message = await subscriber.nextFrame();
      expect(message.command, describeFrame(message)).toBe('MESSAGE');
      expect(message.headers.get('destination')).toBe(destination);
      expect(message.body).toBe('hello, queue');
    } finally {
      subscriber.close();
      producer.close();
    }
  });

  it('stop() closes the port, start() reopens the same one, and persistent messages survive', async () => {
    const fixture = privateBroker();
    const destination = uniqueQueue('survives-stop');
    await sendPersistent(fixture, destination, 'kept across stop/start');

    await fixture.stop();
    expect(fixture.running).toBe(false);
    expect(await tcpConnectOutcome(fixture.stompPort)).toBe('ECONNREFUSED');
    expect(await tcpConnectOutcome(fixture.stompTlsPort)).toBe('ECONNREFUSED');

    const { stompUrl, stompPort } = fixture;
    await fixture.start();
    expect(fixture.running).toBe(true);
    expect(fixture.stompUrl).toBe(stompUrl);
    expect(fixture.stompPort).toBe(stompPort);
    await expectStompLogin(fixture.stompUrl, fixture.user, fixture.password);
    expect(await receiveOne(fixture, destination)).toBe('kept across stop/start');
  });

  it('kill() then start() also works, and persistent messages survive the crash', async () => {
    const fixture = privateBroker();
    const destination = uniqueQueue('survives-kill');
    await sendPersistent(fixture, destination, 'kept across kill/start');

    await fixture.kill();
    expect(fixture.running).toBe(false);
    expect(await tcpConnectOutcome(fixture.stompPort)).toBe('ECONNREFUSED');

    await fixture.start();
    expect(fixture.running).toBe(true);
    await expectStompLogin(fixture.stompUrl, fixture.user, fixture.password);
    expect(await receiveOne(fixture, destination)).toBe('kept across kill/start');
  });

  it('restart() brings it back on the same port', async () => {
    const fixture = privateBroker();
    await fixture.restart();
    await expectStompLogin(fixture.stompUrl, fixture.user, fixture.password);
  });

  it('dispose() stops the broker and removes its temp dir', async () => {
    const fixture = privateBroker();
    expect(existsSync(fixture.dir)).toBe(true);
    await fixture.dispose();
    expect(fixture.running).toBe(false);
    expect(existsSync(fixture.dir)).toBe(false);
    expect(await tcpConnectOutcome(fixture.stompPort)).toBe('ECONNREFUSED');
  });
});

describe('startActiveMq({ webSocket: true })', () => {
  it('opens a ws:// connector, or says which jars this ActiveMQ lacks', async () => {
    const outcome = await startActiveMq({ webSocket: true }).then(
      (broker) => broker,
      (error: unknown) => error,
    );
    if (outcome instanceof Error) {
      // Debian's package: built without activemq-http and Jetty.
      expect(outcome.message).toMatch(/ws:\/\/ transport.*activemq-http/s);
      return;
    }
    const broker = outcome as ActiveMqBroker;
    try {
      expect(broker.wsUrl).toMatch(/^ws:\/\/127\.0\.0\.1:\d+$/);
      expect(await tcpConnectOutcome(hostAndPort(broker.wsUrl ?? '').port)).toBe('connected');
    } finally {
      await broker.dispose();
    }
  });
});

async function sendPersistent(broker: ActiveMqBroker, destination: string, body: string): Promise<void> {
  const producer = await openTcp(broker.stompUrl);
  try {
    expect((await producer.connect(broker.user, broker.password)).command).toBe('CONNECTED');
    // ActiveMQ stores STOMP messages only when asked to; the receipt means KahaDB has it.
    await producer.sendWithReceipt('SEND', { destination, persistent: 'true' }, body);
  } finally {
    producer.close();
  }
}

async function receiveOne(broker: ActiveMqBroker, destination: string): Promise<string> {
  const consumer = await openTcp(broker.stompUrl);
  try {
    expect((await consumer.connect(broker.user, broker.password)).command).toBe('CONNECTED');
    consumer.send('SUBSCRIBE', { id: 'sub-0', destination, ack: 'auto' });
    const message = await consumer.nextFrame();
    expect(message.command, describeFrame(message)).toBe('MESSAGE');
    return message.body;
  } finally {
    consumer.close();
  }
}
