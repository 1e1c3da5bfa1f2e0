// The log file: JSON lines written in the background, rotated by size without tearing a line,
// private on disk, and a failing disk that costs lines but never the caller. Ends with a whole
// session's worth of entries carrying the password everywhere, and a grep of the log directory.

import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { consoleLogger } from '../../../main/core/log/console-logger.ts';
import { createFileLogger, type FileLogger } from '../../../main/core/log/file-logger.ts';
import type { LogEntry } from '../../../main/core/log/logger.ts';

const posix = process.platform !== 'win32';
const fixedTime = () => new Date('2026-03-04T05:06:07.089Z');

let dir: string;
let logDir: string;
const open: FileLogger[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'switchboard-log-'));
  logDir = join(dir, 'logs');
});

afterEach(async () => {
  await Promise.all(open.splice(0).map((logger) => logger.close()));
  await rm(dir, { recursive: true, force: true });
});

function logger(options: Partial<Parameters<typeof createFileLogger>[0]> = {}): FileLogger {
  const created = createFileLogger({ dir: logDir, secrets: () => [], now: fixedTime, ...options });
  open.push(created);
  return created;
}

async function lines(name = 'switchboard.log'): Promise<Record<string, unknown>[]> {
  const text = await readFile(join(logDir, name), 'utf8');
  expect(text.endsWith('\n')).toBe(true);
  return text
    .slice(0, -1)
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('lines', () => {
  it('are JSON objects with time, level and event first, then the fields', async () => {
    const file = logger();
    file.log({ level: 'info', event: 'broker.connected', url: 'stomp://mq:61613', attempt: 1 });
    file.log({ level: 'warn', event: 'gc.out-of-service', time: 'theirs' });
    await file.flush();
    const text = await readFile(join(logDir, 'switchboard.log'), 'utf8');
    expect(text.split('\n')[0]).toBe(
      '{"time":"2026-03-04T05:06:07.089Z","level":"info","event":"broker.connected","url":"stomp://mq:61613","attempt":1}',
    );
    expect((await lines())[1]).toEqual({
      time: '2026-03-04T05:06:07.089Z',
      level: 'warn',
      event: 'gc.out-of-service',
      'field.time': 'theirs',
    });
  });

  it('below the level are not written', async () => {
    const file = logger({ level: 'warn' });
    for (const level of ['debug', 'info', 'warn', 'error'] as const) file.log({ level, event: level });
    await file.flush();
    expect((await lines()).map((line) => line.event)).toEqual(['warn', 'error']);
  });

  it('are queued: log() returns before anything touches the disk, and flush() waits for the disk', async () => {
    const file = logger();
    file.log({ level: 'info', event: 'first' });
    // Opening the file waits for mkdir's callback, which cannot run before this synchronous check.
    expect(existsSync(join(logDir, 'switchboard.log'))).toBe(false);
    await file.flush();
    expect(await lines()).toHaveLength(1);
    expect(file.stats()).toEqual({ written: 1, dropped: 0 });
  });

  it('freeze the entry when logged: a later change to its objects is not written', async () => {
    const file = logger();
    const fields = { state: 'READY' };
    file.log({ level: 'info', event: 'agent.state', fields });
    fields.state = 'NOT_READY';
    await file.flush();
    expect((await lines())[0]?.fields).toEqual({ state: 'READY' });
  });

  it('the directory is created 0o700 and the file is 0o600, even if it existed with a wider mode', async () => {
    const file = logger();
    file.log({ level: 'info', event: 'a' });
    await file.close();
    if (!posix) return;
    expect((await stat(logDir)).mode & 0o777).toBe(0o700);
    expect((await stat(join(logDir, 'switchboard.log'))).mode & 0o777).toBe(0o600);

    await writeFile(join(logDir, 'other.log'), '', { mode: 0o644 });
    const other = logger({ fileName: 'other.log' });
    other.log({ level: 'info', event: 'b' });
    await other.flush();
    expect((await stat(join(logDir, 'other.log'))).mode & 0o777).toBe(0o600);
  });

  it('after close() are ignored, and close() can be called twice', async () => {
    const file = logger();
    file.log({ level: 'info', event: 'before' });
    await file.close();
    file.log({ level: 'info', event: 'after' });
    await file.close();
    expect((await lines()).map((line) => line.event)).toEqual(['before']);
  });

  it('longer than a whole file are replaced by a short notice', async () => {
    const file = logger({ maxBytes: 500 });
    file.log({ level: 'info', event: 'huge', data: 'x'.repeat(2_000) });
    await file.flush();
    expect(await lines()).toEqual([
      {
        time: expect.any(String),
        level: 'warn',
        event: 'log.line-too-long',
        droppedEvent: 'huge',
        bytes: expect.any(Number),
      },
    ]);
  });
});

describe('rotation', () => {
  const maxBytes = 1_000;
  const maxFiles = 4;

  async function checkFiles(total: number) {
    const names = (await readdir(logDir)).sort();
    expect(names).toEqual(['switchboard.log', 'switchboard.log.1', 'switchboard.log.2', 'switchboard.log.3']);
    // Oldest first: .3, .2, .1, then the current file; every line whole, numbers consecutive.
    const sequence: number[] = [];
    for (const name of ['switchboard.log.3', 'switchboard.log.2', 'switchboard.log.1', 'switchboard.log']) {
      const size = (await stat(join(logDir, name))).size;
      expect(size).toBeLessThanOrEqual(maxBytes);
      expect(size).toBeGreaterThan(0);
      for (const line of await lines(name)) sequence.push(line.n as number);
    }
    const last = sequence.at(-1) ?? -1;
    expect(last).toBe(total - 1);
    expect(sequence).toEqual(
      Array.from({ length: sequence.length }, (_, index) => last - sequence.length + 1 + index),
    );
    // The files hold as many of the newest lines as fit: at least all but one file's worth.
    expect(sequence.length).toBeGreaterThan(((maxFiles - 1) * maxBytes) / 120);
  }

  it('keeps maxFiles files of at most maxBytes, newest lines in order, none torn (one burst)', async () => {
    const file = logger({ maxBytes, maxFiles });
    const total = 300;
    for (let n = 0; n < total; n++) file.log({ level: 'info', event: 'tick', n, pad: 'p'.repeat(n % 37) });
    await file.flush();
    await checkFiles(total);
    expect(file.stats()).toEqual({ written: total, dropped: 0 });
  });

  it('the same when lines trickle in across many writes', async () => {
    const file = logger({ maxBytes, maxFiles });
    const total = 150;
    for (let n = 0; n < total; n++) {
      file.log({ level: 'info', event: 'tick', n, pad: 'p'.repeat((n * 7) % 41) });
      if (n % 3 === 0) await file.flush();
    }
    await file.flush();
    await checkFiles(total);
  });

  it('continues an existing file across restarts, and removes files left by a larger maxFiles', async () => {
    const first = logger({ maxBytes, maxFiles: 8 });
    for (let n = 0; n < 200; n++) first.log({ level: 'info', event: 'tick', n });
    await first.close();
    expect((await readdir(logDir)).length).toBe(8);

    const second = logger({ maxBytes, maxFiles });
    for (let n = 200; n < 210; n++) second.log({ level: 'info', event: 'tick', n });
    await second.flush();
    await checkFiles(210);
  });

  it('maxFiles 1 keeps only the current file', async () => {
    const file = logger({ maxBytes: 300, maxFiles: 1 });
    for (let n = 0; n < 50; n++) file.log({ level: 'info', event: 'tick', n });
    await file.flush();
    expect(await readdir(logDir)).toEqual(['switchboard.log']);
    expect((await lines()).at(-1)?.n).toBe(49);
  });
});

describe('a failing disk', () => {
  it('never throws into the caller; drops and counts lines, reports once, and says what was lost when it recovers', async () => {
    // The log directory's path is taken by a file: mkdir fails until it is removed.
    await writeFile(logDir, 'not a directory');
    const reports: unknown[] = [];
    const file = logger({ onWriteError: (error) => reports.push(error) });
    for (let n = 0; n < 5; n++) {
      expect(() => file.log({ level: 'info', event: 'lost', n })).not.toThrow();
      await file.flush();
    }
    expect(file.stats()).toEqual({ written: 0, dropped: 5 });
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ code: expect.stringMatching(/^(EEXIST|ENOTDIR)$/) });

    await rm(logDir);
    file.log({ level: 'info', event: 'back' });
    await file.flush();
    expect(await lines()).toEqual([
      { time: expect.any(String), level: 'warn', event: 'log.lines-dropped', count: 5 },
      { time: expect.any(String), level: 'info', event: 'back' },
    ]);
    expect(file.stats()).toEqual({ written: 1, dropped: 5 });
  });

  it('a queue over its limit drops lines instead of growing without bound', async () => {
    const reports: unknown[] = [];
    const file = logger({ maxQueuedBytes: 2_000, onWriteError: (error) => reports.push(error) });
    for (let n = 0; n < 100; n++) file.log({ level: 'info', event: 'burst', n, pad: 'x'.repeat(50) });
    await file.flush();
    const { written, dropped } = file.stats();
    expect(written + dropped).toBe(100);
    expect(dropped).toBeGreaterThan(0);
    expect(reports).toHaveLength(1);
  });

  it('a secrets() that throws drops the line rather than write it unredacted', async () => {
    const file = logger({
      secrets: () => {
        throw new Error('vault locked');
      },
      onWriteError: () => {},
    });
    file.log({ level: 'info', event: 'x', detail: 'hunter2' });
    await file.flush();
    expect(file.stats()).toEqual({ written: 0, dropped: 1 });
  });
});

describe('consoleLogger', () => {
  it('writes the same redacted JSON lines, filtered by level', () => {
    const written: string[] = [];
    const log = consoleLogger('info', {
      stream: { write: (text: string) => written.push(text) },
      secrets: () => ['hunter2'],
      now: fixedTime,
    });
    log({ level: 'debug', event: 'noise' });
    log({ level: 'warn', event: 'login.failed', detail: 'bad password hunter2', passcode: 'x' });
    expect(written).toEqual([
      '{"time":"2026-03-04T05:06:07.089Z","level":"warn","event":"login.failed","detail":"bad password [redacted]","passcode":"[redacted]"}\n',
    ]);
  });

  it('never throws, even when the stream does', () => {
    const log = consoleLogger('debug', {
      stream: {
        write: () => {
          throw new Error('EPIPE');
        },
      },
    });
    expect(() => log({ level: 'error', event: 'x' })).not.toThrow();
  });
});

describe('a session with the password everywhere', () => {
  it('leaves no trace of it in any file of the log directory', async () => {
    const password = 'Pa55 "wörd" & 4711!';
    const passcode = 'mq-Passcode-8412';
    const secrets = [password, passcode];
    const file = logger({ maxBytes: 4_000, maxFiles: 3, level: 'debug', secrets: () => secrets });
    const stderrLines: string[] = [];
    const cli = consoleLogger('debug', {
      stream: { write: (text: string) => stderrLines.push(text) },
      secrets: () => secrets,
    });

    const cause = new Error(`TLS handshake with passcode ${passcode}`);
    const failure = Object.assign(new Error(`Login#1001 refused for ${password}`, { cause }), {
      code: 'EAUTH',
      frame: `ERROR\nmessage:bad credentials ${passcode}\n\n`,
    });
    const circular: Record<string, unknown> = { password };
    circular.self = circular;
    const entries: LogEntry[] = [
      { level: 'info', event: 'settings.loaded', source: 'file' },
      {
        level: 'debug',
        event: 'broker.connecting',
        url: `stomp+ssl://mq:${encodeURIComponent(passcode)}@mq:61612`,
      },
      {
        level: 'debug',
        event: 'stomp.frame-out',
        frame: `CONNECT\nlogin:switchboard\npasscode:${passcode}\n\n`,
      },
      { level: 'debug', event: 'stomp.frame-raw', bytes: Buffer.from(`CONNECT\npasscode:${passcode}`) },
      {
        level: 'info',
        event: 'broker.connected',
        options: { login: 'switchboard', passcode, heartbeat: 10_000 },
      },
      { level: 'debug', event: 'gc.send', type: 'Login#1001', body: `${password},5001` },
      {
        level: 'debug',
        event: 'gc.send',
        command: { name: 'MobileAgentLogin', params: [password, '5001', '+441632960961', true] },
      },
      { level: 'warn', event: 'gc.login-failed', error: failure },
      { level: 'warn', event: `desk.sign-in-failed:${password}` },
      {
        level: 'debug',
        event: 'desk.state',
        agent: { credentials: { password, remember: true } },
        nested: [[[{ secret: password }]]],
      },
      { level: 'debug', event: 'desk.key', [`typed ${password}`]: 'into the wrong field' },
      { level: 'debug', event: 'desk.map', values: new Map([['pw', password]]), set: new Set([passcode]) },
      { level: 'debug', event: 'ipc.request', payload: JSON.stringify({ method: 'signIn', password }) },
      { level: 'debug', event: 'web.request', url: `/api?token=${encodeURIComponent(password)}` },
      { level: 'debug', event: 'cycle', circular },
      {
        level: 'error',
        event: 'deep',
        deep: { a: { b: { c: { d: { e: { f: { g: { h: { i: password } } } } } } } } },
      },
    ];
    // A session's worth: the same shapes over and over, through several rotations.
    for (let round = 0; round < 20; round++) {
      for (const logEntry of entries) {
        file.log({ ...logEntry, round });
        cli({ ...logEntry, round });
      }
    }
    await file.close();
    expect(file.stats().dropped).toBe(0);
    const names = await readdir(logDir);
    expect(names.length).toBe(3);

    const forms = (secret: string) => [
      secret,
      JSON.stringify(secret).slice(1, -1),
      encodeURIComponent(secret),
      Buffer.from(secret, 'utf8').toString('base64'),
    ];
    const needles = [...forms(password), ...forms(passcode), 'Pa55', '8412'];
    for (const name of names) {
      const bytes = await readFile(join(logDir, name));
      const text = bytes.toString('utf8');
      expect(text.length).toBeGreaterThan(0);
      for (const needle of needles) {
        expect(bytes.includes(Buffer.from(needle, 'utf8')), `${needle} in ${name}`).toBe(false);
      }
      for (const line of text.trimEnd().split('\n')) expect(() => JSON.parse(line)).not.toThrow();
    }
    const stderr = stderrLines.join('');
    for (const needle of needles) expect(stderr.includes(needle), `${needle} on stderr`).toBe(false);
  });
});
