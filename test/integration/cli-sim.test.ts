// `switchboard sim` and `switchboard demo` as a user runs them: real processes, a real ActiveMQ
// for sim, and a real GC session on the other side answering Hello with IN_SERVICE.

import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, inject, it } from 'vitest';
import { GcSession } from '../../main/core/broker/gc-session.ts';

const bin = fileURLToPath(new URL('../../bin/switchboard.mjs', import.meta.url));

function run(args: string[], env: Record<string, string> = {}) {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, [bin, ...args], {
    env: { ...process.env, ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? -1)));
  const firstLine = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no output; stderr: ${stderr}`)), 30_000);
    child.stdout.on('data', () => {
      const newline = stdout.indexOf('\n');
      if (newline >= 0) {
        clearTimeout(timer);
        resolve(stdout.slice(0, newline));
      }
    });
  });
  return { child, exited, firstLine, output: () => ({ stdout, stderr }) };
}

async function helloAnswered(session: GcSession): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no IN_SERVICE; status ${JSON.stringify(session.status)}`)),
      20_000,
    );
    session.onStatus((status) => {
      if (status.state === 'in-service') {
        clearTimeout(timer);
        resolve();
      }
    });
    session.start();
  });
  await session.stop();
}

describe('switchboard sim and demo', () => {
  it('sim answers a desk through the broker and reports what it did', async () => {
    const broker = inject('broker');
    const queue = `Connector-cli-${process.pid}`;
    const sim = run(
      [
        'sim',
        '--broker',
        broker.stompUrl,
        '--user',
        broker.user,
        '--command-queue',
        queue,
        '--agents',
        '30',
        '--seed',
        '3',
        '--duration',
        '6',
        '--quiet',
      ],
      { SWITCHBOARD_BROKER_PASSCODE: broker.password },
    );
    expect(JSON.parse(await sim.firstLine)).toMatchObject({ event: 'sim.started', users: 32 });
    const desk = new GcSession({
      brokerUrls: [broker.stompUrl],
      login: broker.user,
      passcode: broker.password,
      clientDestination: `ws-cli-${process.pid}`,
      commandQueue: queue,
      probeIntervalMs: 200,
    });
    await helloAnswered(desk);
    expect(await sim.exited).toBe(0);
    const lines = sim.output().stdout.trim().split('\n');
    const counts = JSON.parse(lines.at(-1) as string) as { commands: number; events: number };
    expect(counts.commands).toBeGreaterThanOrEqual(1);
    expect(counts.events).toBeGreaterThanOrEqual(1);
  });

  it('sim refuses a wrong broker password with a clear message and exit 1', async () => {
    const broker = inject('broker');
    const sim = run(['sim', '--broker', broker.stompUrl, '--user', broker.user, '--quiet'], {
      SWITCHBOARD_BROKER_PASSCODE: 'wrong',
    });
    expect(await sim.exited).toBe(1);
    expect(sim.output().stderr).toMatch(/password/i);
  });

  it('demo serves a loopback gateway a desk can use with the same session code', async () => {
    const demo = run(['demo', '--duration', '6', '--quiet']);
    const started = JSON.parse(await demo.firstLine) as { url: string; password: string };
    expect(started.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/stomp$/);
    expect(started.password).toBe('demo');
    await helloAnswered(
      new GcSession({ brokerUrls: [started.url], clientDestination: 'ws-demo-cli', probeIntervalMs: 200 }),
    );
    expect(await demo.exited).toBe(0);
  });

  it('refuses bad options with usage and exit 2', async () => {
    const bad = run(['sim', '--agents', 'many']);
    expect(await bad.exited).toBe(2);
    expect(bad.output().stderr).toContain('Usage: switchboard sim');
  });
});

describe('switchboard probe', () => {
  it('walks url, dns, tcp, tls, stomp and gc against the broker with a simulator, with timings', async () => {
    const broker = inject('broker');
    const queue = `Connector-probe-${process.pid}`;
    const sim = run(
      [
        'sim',
        '--broker',
        broker.stompUrl,
        '--user',
        broker.user,
        '--command-queue',
        queue,
        '--duration',
        '20',
        '--quiet',
      ],
      {
        SWITCHBOARD_BROKER_PASSCODE: broker.password,
      },
    );
    await sim.firstLine;
    const probe = run(
      [
        'probe',
        '--broker',
        broker.stompTlsUrl,
        '--ca',
        broker.caCertPath,
        '--user',
        broker.user,
        '--command-queue',
        queue,
      ],
      { SWITCHBOARD_BROKER_PASSCODE: broker.password },
    );
    expect(await probe.exited).toBe(0);
    const steps = probe
      .output()
      .stdout.trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { step: string; ok: boolean; ms: number });
    expect(steps.map((step) => step.step)).toEqual(['url', 'dns', 'tcp', 'tls', 'stomp', 'gc']);
    expect(steps.every((step) => step.ok && step.ms >= 0)).toBe(true);
    sim.child.kill('SIGTERM');
    await sim.exited;
  });

  it('stops at the failing step with a clear error: an untrusted certificate', async () => {
    const broker = inject('broker');
    const probe = run(['probe', '--broker', broker.stompTlsUrl]);
    expect(await probe.exited).toBe(1);
    const last = JSON.parse(probe.output().stdout.trim().split('\n').at(-1) as string) as {
      step: string;
      error: { code: string };
    };
    expect(last).toMatchObject({ step: 'tls', error: { code: 'tls-untrusted' } });
  });
});
