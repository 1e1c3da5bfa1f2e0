// The demo-or-broker choice end to end: a desk runtime on its first run (demo mode, the embedded
// demo gateway) is switched through the DeskApi to the shared ActiveMQ, where the simulator plays
// GC (SimulatorOnBroker, in this process), and back. Checked from outside the runtime: settings.json
// as written, the broker passcode in a real gnome-keyring (secret-tool reads it) and in no file,
// and that the agent signs in on each connection (on the broker with the simulator's password,
// which the demo refuses). The runtime runs in a child process under the private keyring's
// environment (test/fixtures/connection-switch.ts says why).

import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Desk } from '../../main/core/desk/desk.ts';
import { SimulatorOnBroker } from '../../main/demo/broker-face.ts';
import { startPrivateKeyring, type PrivateKeyring } from '../fixtures/keyring.ts';
import type { SwitchJob, SwitchReport } from '../fixtures/connection-switch.ts';

const script = fileURLToPath(new URL('../fixtures/connection-switch.ts', import.meta.url));
const root = fileURLToPath(new URL('../..', import.meta.url));
const broker = inject('broker');
const queue = `Connector-setup-${process.pid}`;
const agentPassword = `Agent-${randomBytes(4).toString('hex')}`;
const clientDestination = `switchboard-setup-${process.pid}`;

let keyring: PrivateKeyring;
let simulator: SimulatorOnBroker;
let userDataDir: string;

beforeAll(async () => {
  keyring = await startPrivateKeyring();
  userDataDir = await mkdtemp(join(tmpdir(), 'switchboard-setup-'));
  simulator = new SimulatorOnBroker({
    broker: { brokerUrls: [broker.stompUrl], login: broker.user, passcode: broker.password },
    commandQueue: queue,
    roster: { password: agentPassword },
    seed: 9,
    autopilot: false,
    traffic: {
      meanInterArrivalMs: Number.POSITIVE_INFINITY,
      meanTalkMs: Number.POSITIVE_INFINITY,
      meanPreviewGapMs: Number.POSITIVE_INFINITY,
    },
  });
  await simulator.start();
});

afterAll(async () => {
  await simulator?.stop();
  await keyring?.stop();
  if (userDataDir) await rm(userDataDir, { recursive: true, force: true });
});

/** One step as the child reported it: a Result, a connection, sign-in results or a plain value. */
interface Step {
  readonly ok?: boolean;
  readonly value?: Record<string, unknown>;
  readonly error?: { readonly code: string; readonly message: string; readonly field?: string };
  readonly url?: string;
  readonly signIn?: { readonly ok: boolean };
}

function run(phase: SwitchJob['phase']): Promise<Record<string, Step>> {
  const job: SwitchJob = {
    phase,
    userDataDir,
    brokerUrl: broker.stompUrl,
    brokerUser: broker.user,
    brokerPasscode: broker.password,
    queue,
    clientDestination,
    agentPassword,
  };
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      ['--import', 'tsx', script],
      { cwd: root, env: keyring.env, timeout: 110_000 },
      (error, stdout, stderr) => {
        if (error) return reject(new Error(`${error.message}\n${stderr}`));
        resolve(
          (JSON.parse(stdout.trim().split('\n').at(-1) as string) as SwitchReport).steps as Record<
            string,
            Step
          >,
        );
      },
    );
    child.stdin?.end(JSON.stringify(job));
  });
}

async function settingsJson(): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(join(userDataDir, 'settings.json'), 'utf8')) as Record<string, unknown>;
}

async function storedPasscode(): Promise<string> {
  const host = new URL(broker.stompUrl).hostname;
  const found = await keyring.secretTool([
    'lookup',
    'service',
    'Switchboard:broker-passcode',
    'username',
    `${broker.user}@${host}`,
  ]);
  return found.stdout;
}

async function filesHolding(secret: string): Promise<string[]> {
  const entries = await readdir(userDataDir, { withFileTypes: true, recursive: true });
  const hits: string[] = [];
  for (const entry of entries.filter((candidate) => candidate.isFile())) {
    const path = join(entry.parentPath, entry.name);
    if ((await readFile(path)).includes(Buffer.from(secret))) hits.push(path);
  }
  return hits;
}

describe('switching a desk between the demo and a real broker', { timeout: 120_000 }, () => {
  it('starts a first run in the demo, refuses bad input, and moves to the broker', async () => {
    const steps = await run('to-broker');

    expect(steps['setupAtStart']).toEqual({
      ok: true,
      value: expect.objectContaining({ mode: 'demo', firstRun: true, brokerUrls: [], hasPasscode: false }),
    });
    // Refused while signed in, and for an OpenWire address, in words; nothing written, still demo.
    expect(steps['whileSignedIn']).toMatchObject({ ok: false, error: { code: 'signed-in' } });
    expect(steps['openWire']).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', field: 'brokerUrls' },
    });
    expect(steps['openWire']?.error?.message).toMatch(/OpenWire/);
    expect(steps['settingsAfterRefusals']).toBe(false);
    expect(steps['connectionAfterRefusals']).toMatchObject({ mode: 'demo', status: 'in-service' });

    expect(steps['toBroker']).toEqual({ ok: true });
    expect(steps['demoGatewayAfter']).toBe('stopped');
    expect(steps['connectionAfter']).toMatchObject({ mode: 'broker', status: 'in-service' });
    expect(steps['connectionAfter']?.url).toContain(String(new URL(broker.stompUrl).port));
    expect(steps['onBroker']).toEqual({ signIn: { ok: true }, signOut: { ok: true } });
    expect(steps['setupAfter']).toEqual({
      ok: true,
      value: {
        mode: 'broker',
        firstRun: false,
        brokerUrls: [broker.stompUrl],
        brokerUser: broker.user,
        commandQueue: queue,
        clientDestination,
        caFile: '',
        hasPasscode: true,
      },
    });

    const settings = await settingsJson();
    expect(settings['mode']).toBe('broker');
    expect(settings['broker']).toMatchObject({
      urls: [broker.stompUrl],
      user: broker.user,
      commandQueue: queue,
      clientDestination,
    });
    expect(await storedPasscode()).toBe(broker.password);
    // The passcode is in the keychain only: not in settings, the log or anything else written.
    expect(await filesHolding(broker.password)).toEqual([]);
    expect(JSON.stringify(steps)).not.toContain(broker.password);
  });

  it('comes back on the broker after a restart, shows a wrong passcode plainly, and returns to the demo', async () => {
    const steps = await run('restart');

    expect(steps['modeAtStart']).toBe('broker');
    expect(steps['onBroker']).toEqual({ signIn: { ok: true }, signOut: { ok: true } });

    expect(steps['wrongPasscode']).toEqual({ ok: true });
    expect(steps['connectionRefused']).toMatchObject({
      mode: 'broker',
      status: 'stopped',
      lastError: { code: 'auth-failed' },
    });
    expect(steps['rightPasscode']).toEqual({ ok: true });
    expect(await storedPasscode()).toBe(broker.password);

    expect(steps['toDemo']).toEqual({ ok: true });
    expect(steps['connectionDemo']).toMatchObject({ mode: 'demo', status: 'in-service' });
    expect(steps['connectionDemo']?.url).toMatch(/^ws:\/\/127\.0\.0\.1:/);
    expect(steps['demoGatewayAfter']).toBe('running');
    // The demo's agents have the demo's password, not the broker simulator's.
    expect(steps['brokerPasswordOnDemo']?.signIn).toMatchObject({ ok: false });
    expect(steps['onDemo']).toEqual({ signIn: { ok: true }, signOut: { ok: true } });
    // Back in the demo, the broker settings and the passcode stay for next time.
    expect(steps['setupAfter']?.value).toMatchObject({
      mode: 'demo',
      firstRun: false,
      brokerUrls: [broker.stompUrl],
      hasPasscode: true,
    });
    const settings = await settingsJson();
    expect(settings['mode']).toBe('demo');
    expect(settings['broker']).toMatchObject({
      urls: [broker.stompUrl],
      user: broker.user,
      commandQueue: queue,
    });
    expect(await filesHolding(broker.password)).toEqual([]);
    expect(await filesHolding('not-the-passcode')).toEqual([]);
  });

  it('is refused in plain words where no runtime hosts the desk (the CLI)', async () => {
    const desk = await Desk.create({
      mode: 'broker',
      session: { brokerUrls: [broker.stompUrl], clientDestination: `${clientDestination}-cli` },
      outboxFile: join(userDataDir, 'cli-outbox.jsonl'),
    });
    try {
      for (const result of [await desk.getConnectionSetup(), await desk.setUpConnection({ mode: 'demo' })]) {
        expect(result).toMatchObject({ ok: false, error: { code: 'not-available' } });
        expect(result.ok ? '' : result.error.message).toMatch(/cannot be changed here/);
      }
    } finally {
      await desk.stop();
    }
  });

  it('opens in the demo after that, as saved, and keeps a waiting callback change on its own center', async () => {
    const waiting = {
      op: 'add',
      id: 'left-by-the-test',
      at: Date.now(),
      command: { name: 'CancelCallback', id: '1001', extension: '5001', dialogId: '77' },
    };
    await writeFile(join(userDataDir, 'callback-outbox.jsonl'), `${JSON.stringify(waiting)}\n`);
    const steps = await run('reopen');
    expect(steps['modeAtStart']).toBe('demo');
    expect(steps['connection']).toMatchObject({ mode: 'demo', status: 'in-service' });
    expect(steps['setup']?.value).toMatchObject({ mode: 'demo', firstRun: false });
    expect(steps['withOutbox']).toMatchObject({ ok: false, error: { code: 'outbox-pending' } });
    expect(steps['withOutbox']?.error?.message).toMatch(/1 callback change is still waiting/);
    expect(steps['modeAfterOutbox']).toBe('demo');
    expect((await settingsJson())['mode']).toBe('demo');
  });
});
