// StompSession against a real ActiveMQ (test/fixtures/activemq.ts): wire rules, failover, broker
// restarts, refused logins, TLS verification and half-open links. Timings are asserted only as
// generous bounds: these machines are shared and noisy.
import { execFile, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, inject, it } from 'vitest';
import {
  StompSession,
  type InboundMessage,
  type SessionStatus,
  type StompSessionOptions,
} from '../../main/core/broker/stomp-session.ts';
import { startActiveMq, type ActiveMqBroker } from '../fixtures/activemq.ts';
import { freeLoopbackPort } from '../fixtures/ports.ts';

const broker = inject('broker');
const WAIT_MS = 20_000;

// Short enough that the tests move quickly, long enough for a loaded 2-core machine.
const FAST: Partial<StompSessionOptions> = {
  heartbeat: { outgoingMs: 1_000, incomingMs: 1_000 },
  backoff: { initialDelayMs: 100, maxDelayMs: 1_000 },
  connectTimeoutMs: 5_000,
  receiptTimeoutMs: 5_000,
};

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface Recorded {
  readonly session: StompSession;
  readonly statuses: SessionStatus[];
  /** The first status at index ≥ `from` that matches, waiting for it if need be. */
  waitFor(predicate: (status: SessionStatus) => boolean, from?: number, timeoutMs?: number): Promise<number>;
}

function open(options: Partial<StompSessionOptions> & Pick<StompSessionOptions, 'brokerUrls'>): Recorded {
  const session = new StompSession({ login: broker.user, passcode: broker.password, ...FAST, ...options });
  cleanups.push(() => session.stop());
  const statuses: SessionStatus[] = [];
  const waiters = new Set<() => void>();
  session.onStatus((status) => {
    statuses.push(status);
    for (const wake of [...waiters]) wake();
  });
  const waitFor: Recorded['waitFor'] = (predicate, from = 0, timeoutMs = WAIT_MS) =>
    new Promise((resolveIndex, reject) => {
      const check = (): boolean => {
        const index = statuses.findIndex((status, i) => i >= from && predicate(status));
        if (index < 0) return false;
        cleanup();
        resolveIndex(index);
        return true;
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`no matching status within ${timeoutMs} ms; saw ${JSON.stringify(statuses)}`));
      }, timeoutMs);
      const cleanup = (): void => {
        clearTimeout(timer);
        waiters.delete(wake);
      };
      const wake = (): void => void check();
      waiters.add(wake);
      check();
    });
  return { session, statuses, waitFor };
}

const is =
  <S extends SessionStatus['state']>(state: S) =>
  (status: SessionStatus): boolean =>
    status.state === state;

/** Collects messages and lets a test wait for the n-th. */
function inbox(): {
  messages: InboundMessage[];
  push: (m: InboundMessage) => void;
  nth: (n: number) => Promise<InboundMessage>;
} {
  const messages: InboundMessage[] = [];
  let wake: (() => void) | undefined;
  return {
    messages,
    push: (message) => {
      messages.push(message);
      wake?.();
    },
    nth: async (n) => {
      const deadline = Date.now() + WAIT_MS;
      while (messages.length < n) {
        if (Date.now() > deadline) throw new Error(`only ${messages.length} of ${n} messages arrived`);
        await new Promise<void>((resolveWake) => {
          wake = resolveWake;
          setTimeout(resolveWake, 100);
        });
      }
      return messages[n - 1]!;
    },
  };
}

async function privateBroker(): Promise<ActiveMqBroker> {
  const started = await startActiveMq({ persistent: false });
  cleanups.push(() => started.dispose());
  return started;
}

describe('StompSession on the shared broker', () => {
  it('(a) sends a GC command as a TextMessage: type header intact, no content-length, confirmed by RECEIPT', async () => {
    const destination = `/queue/switchboard-test-${randomUUID()}`;
    const received = inbox();
    const consumer = open({ brokerUrls: [broker.stompUrl] });
    consumer.session.subscribe(destination, received.push);
    consumer.session.start();
    await consumer.waitFor(is('connected'));

    const producer = open({ brokerUrls: [broker.stompUrl] });
    producer.session.start();
    await producer.waitFor(is('connected'));
    const result = await producer.session.send(destination, { headers: { type: 'Hello#ws-1' }, body: 'a,b' });
    expect(result).toEqual({ ok: true });

    const message = await received.nth(1);
    expect(message.body).toBe('a,b');
    expect(message.headers['type']).toBe('Hello#ws-1');
    // ActiveMQ adds content-length when it delivers a BytesMessage; its absence shows a TextMessage.
    expect(message.headers).not.toHaveProperty('content-length');
    expect(message.headers['persistent']).toBe('true');
  });

  it('fails one send the broker refuses, with its reason, and keeps the link', async () => {
    const session = open({ brokerUrls: [broker.stompUrl] });
    session.session.start();
    const connected = await session.waitFor(is('connected'));
    // ActiveMQ answers a SEND in an unknown transaction with an ERROR that carries the SEND's
    // receipt-id ("Invalid transaction id"), and leaves the connection open.
    const refused = await session.session.send(`/queue/switchboard-test-${randomUUID()}`, {
      headers: { transaction: 'no-such-transaction' },
      body: 'a',
    });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'broker-error', detail: 'Invalid transaction id: no-such-transaction' },
    });
    await expect(
      session.session.send(`/queue/switchboard-test-${randomUUID()}`, { body: 'still fine' }),
    ).resolves.toEqual({ ok: true });
    expect(session.statuses.slice(connected)).toEqual([session.statuses[connected]]);
  });

  it('(c) stops for good on a wrong password, with a clear message, and does not retry', async () => {
    const session = open({ brokerUrls: [broker.stompUrl], passcode: `wrong-${randomUUID()}` });
    session.session.start();
    await session.waitFor(is('stopped'));
    expect(session.session.status).toMatchObject({
      state: 'stopped',
      reason: 'fatal',
      error: {
        code: 'auth-failed',
        message: `The broker at ${broker.stompUrl} refused the user name or password.`,
        detail: `User name [${broker.user}] or password is invalid.`,
      },
    });
    await new Promise((wait) => setTimeout(wait, 3_000));
    expect(session.statuses.filter(is('connecting'))).toHaveLength(1);
    expect(session.statuses.at(-1)).toMatchObject({ state: 'stopped', reason: 'fatal' });
  });

  describe('(d) TLS', () => {
    it('connects to stomp+ssl://localhost when the broker CA is configured', async () => {
      const session = open({ brokerUrls: [broker.stompTlsUrl], caPem: broker.caCertPem });
      session.session.start();
      await session.waitFor(is('connected'));
      expect(session.session.status).toMatchObject({ state: 'connected', url: broker.stompTlsUrl });
    });

    it('stops with tls-untrusted without the CA', async () => {
      const session = open({ brokerUrls: [broker.stompTlsUrl] });
      session.session.start();
      await session.waitFor(is('stopped'));
      expect(session.session.status).toMatchObject({
        state: 'stopped',
        reason: 'fatal',
        error: { code: 'tls-untrusted', url: broker.stompTlsUrl },
      });
    });

    it('stops with tls-hostname for 127.0.0.1, which the certificate does not name', async () => {
      const byIp = broker.stompTlsUrl.replace('//localhost:', '//127.0.0.1:');
      const session = open({ brokerUrls: [byIp], caPem: broker.caCertPem });
      session.session.start();
      await session.waitFor(is('stopped'));
      expect(session.session.status).toMatchObject({
        state: 'stopped',
        reason: 'fatal',
        error: {
          code: 'tls-hostname',
          message: expect.stringContaining('presented a certificate for another host name'),
        },
      });
    });
  });

  it('(e) fails over from a dead broker to the next one in the list', async () => {
    const dead = `stomp://127.0.0.1:${await freeLoopbackPort()}`;
    const session = open({ brokerUrls: [dead, broker.stompUrl] });
    session.session.start();
    await session.waitFor(is('connected'));
    expect(session.statuses).toEqual([
      { state: 'connecting', url: dead, attempt: 1 },
      expect.objectContaining({
        state: 'reconnecting',
        attempt: 2,
        delayMs: 0,
        nextUrl: broker.stompUrl,
        lastError: expect.objectContaining({ code: 'refused', url: dead }),
      }),
      { state: 'connecting', url: broker.stompUrl, attempt: 2 },
      { state: 'connected', url: broker.stompUrl, attempt: 2 },
    ]);
  });

  it('(g) reconnectNow() makes a new connection and the subscription still delivers', async () => {
    const destination = `/topic/switchboard-test-${randomUUID()}`;
    const received = inbox();
    const consumer = open({ brokerUrls: [broker.stompUrl] });
    consumer.session.subscribe(destination, received.push);
    consumer.session.start();
    await consumer.waitFor(is('connected'));

    const mark = consumer.statuses.length;
    consumer.session.reconnectNow();
    const connectingAt = await consumer.waitFor(is('connecting'), mark);
    await consumer.waitFor(is('connected'), connectingAt);
    expect(consumer.statuses.slice(mark)).toEqual([
      { state: 'connecting', url: broker.stompUrl, attempt: 1 },
      { state: 'connected', url: broker.stompUrl, attempt: 1 },
    ]);

    const producer = open({ brokerUrls: [broker.stompUrl] });
    producer.session.start();
    await producer.waitFor(is('connected'));
    await expect(producer.session.send(destination, { body: 'after reconnectNow' })).resolves.toEqual({
      ok: true,
    });
    expect((await received.nth(1)).body).toBe('after reconnectNow');
    await new Promise((wait) => setTimeout(wait, 300));
    expect(received.messages).toHaveLength(1); // the old link is gone, not delivering twice
  });

  it('lets the process exit after stop(), and after a fatal stop', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'switchboard-exit-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const script = join(dir, 'exit-check.mts');
    const sessionModule = resolve('main/core/broker/stomp-session.ts');
    await writeFile(
      script,
      `import { StompSession } from ${JSON.stringify(sessionModule)};
const [url, login, passcode] = [process.env.URL, process.env.LOGIN, process.env.PASSCODE];
const until = (s, state) => new Promise((r) => { if (s.status.state === state) r(); s.onStatus((x) => x.state === state && r()); });
const good = new StompSession({ brokerUrls: [url], login, passcode, heartbeat: { outgoingMs: 200, incomingMs: 200 } });
good.start();
await until(good, 'connected');
const sent = await good.send('/queue/switchboard-exit-check', { body: 'x' });
await good.stop();
const bad = new StompSession({ brokerUrls: [url], login, passcode: 'wrong' });
bad.start();
await until(bad, 'stopped');
console.log(JSON.stringify({ sent, good: good.status, bad: bad.status.error?.code }));
`,
    );
    const child = spawn(resolve('node_modules/.bin/tsx'), [script], {
      env: { ...process.env, URL: broker.stompUrl, LOGIN: broker.user, PASSCODE: broker.password },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exit = await new Promise<number | null | 'hung'>((resolveExit) => {
      const timer = setTimeout(() => resolveExit('hung'), WAIT_MS);
      child.once('exit', (code) => {
        clearTimeout(timer);
        resolveExit(code);
      });
    });
    if (exit === 'hung') child.kill('SIGKILL');
    expect(exit, output).toBe(0);
    expect(JSON.parse(output.trim().split('\n').at(-1) ?? '{}')).toEqual({
      sent: { ok: true },
      good: { state: 'stopped', reason: 'requested' },
      bad: 'auth-failed',
    });
  });
});

describe('StompSession on a private broker', () => {
  it('(b) rides out a broker restart: reconnects, re-subscribes, and fails sends at once meanwhile', async () => {
    const own = await privateBroker();
    const destination = `/queue/switchboard-test-${randomUUID()}`;
    const received = inbox();
    const consumer = open({ brokerUrls: [own.stompUrl], login: own.user, passcode: own.password });
    consumer.session.subscribe(destination, received.push);
    consumer.session.start();
    const firstConnected = await consumer.waitFor(is('connected'));

    await own.stop();
    const down = await consumer.waitFor(is('reconnecting'), firstConnected);
    expect(consumer.statuses[down]).toMatchObject({
      state: 'reconnecting',
      attempt: 1,
      nextUrl: own.stompUrl,
    });
    const before = Date.now();
    await expect(consumer.session.send(destination, { body: 'while down' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'not-connected' },
    });
    expect(Date.now() - before).toBeLessThan(500);

    await own.start();
    const back = await consumer.waitFor(is('connected'), down);
    expect(consumer.statuses.slice(firstConnected, back + 1).map((status) => status.state)).toEqual(
      expect.arrayContaining(['connected', 'reconnecting', 'connected']),
    );

    const producer = open({ brokerUrls: [own.stompUrl], login: own.user, passcode: own.password });
    producer.session.start();
    await producer.waitFor(is('connected'));
    await expect(producer.session.send(destination, { body: 'after restart' })).resolves.toEqual({
      ok: true,
    });
    expect((await received.nth(1)).body).toBe('after restart');
  });

  it('(f) detects a frozen broker by its missing heart-beats, then reconnects when it thaws', async () => {
    const own = await privateBroker();
    const pid = await jvmPid(own);
    let frozen = false;
    cleanups.push(async () => {
      if (frozen) process.kill(pid, 'SIGCONT');
    });
    const interval = 500;
    const session = open({
      brokerUrls: [own.stompUrl],
      login: own.user,
      passcode: own.password,
      heartbeat: { outgoingMs: interval, incomingMs: interval },
      connectTimeoutMs: 2_000,
    });
    session.session.start();
    const connected = await session.waitFor(is('connected'));

    process.kill(pid, 'SIGSTOP');
    frozen = true;
    const frozenAt = Date.now();
    const lost = await session.waitFor(is('reconnecting'), connected);
    const detectedAfter = Date.now() - frozenAt;
    expect(session.statuses[lost]).toMatchObject({
      state: 'reconnecting',
      lastError: { code: 'heartbeat-timeout', url: own.stompUrl },
    });
    // stompjs checks once per interval and gives up after HEARTBEAT_TOLERANCE (3) silent intervals:
    // 3-4 intervals after the broker's last byte. Bound it loosely; the order is what matters.
    expect(detectedAfter).toBeLessThan(interval * 4 + 5_000);

    process.kill(pid, 'SIGCONT');
    frozen = false;
    await session.waitFor(is('connected'), lost, 30_000);
  });
});

/** The broker JVM's pid: the fixture keeps it private, but its command line names the broker's dir. */
async function jvmPid(own: ActiveMqBroker): Promise<number> {
  const { stdout } = await promisify(execFile)('pgrep', ['-f', '--', `-Dactivemq.base=${own.dir}`]);
  const pids = stdout.trim().split('\n').map(Number).filter(Number.isInteger);
  if (pids.length !== 1) throw new Error(`expected one JVM for ${own.dir}, found ${JSON.stringify(pids)}`);
  return pids[0]!;
}
