// The day in the life of an agent, run by `switchboard session` against `switchboard sim` on a
// real ActiveMQ, as a support engineer would run it. Two halves, because inbound traffic and
// preview reservations compete for a READY agent: calls first (with colleagues on autopilot to
// take consults), then previews, callbacks, phonebooks and signing out.

import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, inject, it } from 'vitest';

const bin = fileURLToPath(new URL('../../bin/switchboard.mjs', import.meta.url));
const broker = inject('broker');

interface Line {
  type: string;
  action?: string;
  ok?: boolean;
  event?: { kind: string };
  state?: string;
}

function start(args: string[], input?: string) {
  const child = spawn(process.execPath, [bin, ...args], {
    env: { ...process.env, SWITCHBOARD_BROKER_PASSCODE: broker.password },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  if (input !== undefined) child.stdin.end(input);
  const exited = new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? -1)));
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`did not start: ${stderr}`)), 30_000);
    child.stdout.on('data', () => {
      if (stdout.includes('\n')) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  const lines = () =>
    stdout
      .trim()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Line);
  return { child, exited, ready, lines, stderr: () => stderr };
}

async function dayHalf(simArgs: string[], actions: string[], name: string) {
  const queue = `Connector-day-${name}-${process.pid}`;
  const common = ['--broker', broker.stompUrl, '--user', broker.user, '--command-queue', queue];
  const sim = start(['sim', ...common, '--seed', '17', '--wrap-up', '1', '--quiet', ...simArgs]);
  await sim.ready;
  const session = start(
    ['session', ...common, '--agent', '1001', '--extension', '5001', '--password-stdin', '--', ...actions],
    'demo\n',
  );
  const code = await session.exited;
  sim.child.kill('SIGTERM');
  await sim.exited;
  const lines = session.lines();
  const failed = lines.filter((line) => line.type === 'action' && !line.ok);
  return { code, lines, failed, stderr: session.stderr() };
}

describe('switchboard session: a day in the life against switchboard sim', { timeout: 150_000 }, () => {
  it('takes calls: hold, retrieve, consult and transfer, consult and conference', async () => {
    const { code, lines, failed, stderr } = await dayHalf(
      ['--calls-per-hour', '3600', '--preview-every', '0', '--mean-talk', '0'],
      // Colleagues on autopilot sign in during the first seconds; give them time to be there.
      [
        'ready',
        'answer',
        'hold',
        'retrieve',
        'release',
        'wait:8000',
        'answer',
        'consult:5004',
        'wait-consult',
        'transfer:5004',
        'answer',
        'consult:5007',
        'wait-consult',
        'conference:5007',
        'release',
        'not-ready:1',
      ],
      'calls',
    );
    expect(failed, `${JSON.stringify(failed)}\n${stderr}`).toEqual([]);
    expect(code).toBe(0);
    const kinds = new Set(lines.filter((line) => line.type === 'event').map((line) => line.event?.kind));
    for (const kind of [
      'AgentInfo',
      'State',
      'NewInboundCall',
      'InboundCall',
      'ConsultCall',
      'ReasonCodes',
    ]) {
      expect(kinds).toContain(kind);
    }
    expect(lines.filter((line) => line.type === 'state').map((line) => line.state)).toEqual(
      expect.arrayContaining(['READY', 'RESERVED', 'TALKING', 'HOLD', 'WORK_READY', 'NOT_READY']),
    );
  });

  it('handles previews, callbacks, phonebooks and signs out with a reason', async () => {
    const { code, lines, failed, stderr } = await dayHalf(
      ['--calls-per-hour', '0', '--preview-every', '1'],
      [
        'ready',
        'wait-preview',
        'reject-preview',
        'wait-preview',
        'close-preview',
        'wait-preview',
        'accept-preview',
        'wait-state:TALKING',
        'reclassify:VOICE',
        'release',
        'not-ready:1',
        'wrap-up:31',
        'schedule-callback:2026-12-01T10:00@+441632960555',
        'update-callback:2026-12-01T11:00@+441632960555',
        'cancel-callback',
        'phonebooks',
        'contacts:1',
        'search:acme',
        'logout:21',
      ],
      'previews',
    );
    expect(failed, `${JSON.stringify(failed)}\n${stderr}`).toEqual([]);
    expect(code).toBe(0);
    const kinds = lines.filter((line) => line.type === 'event').map((line) => line.event?.kind);
    expect(kinds.filter((kind) => kind === 'Callback')).toHaveLength(3);
    expect(kinds).toEqual(expect.arrayContaining(['Phonebooks', 'PhonebookContacts', 'Control']));
    expect(lines.filter((line) => line.type === 'state').at(-1)?.state).toBe('LOGOUT');
  });
});
