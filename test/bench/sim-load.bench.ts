// Load: `switchboard sim --agents N` on one private ActiveMQ, with N desks (real GcSessions,
// one STOMP connection each) signed in as those agents, going ready and answering and releasing
// the calls the simulator routes to them. Reports the event rate the desks receive, the rate the
// simulator publishes, and CPU of the simulator process and of the broker JVM, all measured in
// the same run.
//
//   npx tsx test/bench/sim-load.bench.ts [agents] [seconds]

import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { GcSession } from '../../main/core/broker/gc-session.ts';
import { startActiveMq, type ActiveMqBroker } from '../fixtures/activemq.ts';

export interface SimLoadResult {
  readonly agents: number;
  readonly seconds: number;
  readonly desksSignedIn: number;
  readonly eventsToDesks: number;
  readonly eventsPerSecond: number;
  readonly callsAnswered: number;
  readonly errorEvents: number;
  readonly simulatorCpuPercent: number;
  readonly brokerCpuPercent: number;
  readonly benchCpuPercent: number;
  readonly simulatorSummary: Record<string, number>;
}

const bin = fileURLToPath(new URL('../../bin/switchboard.mjs', import.meta.url));
const CLOCK_TICKS = 100;

/** CPU seconds (user + system) a process has used so far, from /proc. */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

function brokerPid(broker: ActiveMqBroker): number {
  const out = execFileSync('pgrep', ['-f', broker.dir], { encoding: 'utf8' }).trim().split('\n');
  return Number(out.find((line) => line !== String(process.pid)) ?? out[0]);
}

function waitFor(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = () => {
      if (check()) return resolve();
      if (Date.now() - started > timeoutMs) return reject(new Error(`timed out: ${what}`));
      setTimeout(poll, 100);
    };
    poll();
  });
}

export async function runSimLoadBench(
  options: { agents?: number; seconds?: number } = {},
): Promise<SimLoadResult> {
  const agents = options.agents ?? 500;
  const seconds = options.seconds ?? 60;
  const broker = await startActiveMq({ persistent: false });
  const queue = `Connector-load-${process.pid}`;
  const sim = spawn(
    process.execPath,
    [
      bin,
      'sim',
      '--broker',
      broker.stompUrl,
      '--user',
      broker.user,
      '--command-queue',
      queue,
      '--agents',
      String(agents),
      '--seed',
      '11',
      '--calls-per-hour',
      '1800',
      '--duration',
      String(seconds + 120),
      '--quiet',
    ],
    {
      env: { ...process.env, SWITCHBOARD_BROKER_PASSCODE: broker.password },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let simOut = '';
  sim.stdout.on('data', (chunk: Buffer) => (simOut += chunk.toString()));
  await waitFor(() => simOut.includes('sim.started'), 60_000, 'simulator start');

  const desks: GcSession[] = [];
  let eventsToDesks = 0;
  let errorEvents = 0;
  let callsAnswered = 0;
  const signedIn = new Set<string>();
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const later = (ms: number, action: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      action();
    }, ms);
    timers.add(timer);
  };
  for (let index = 0; index < agents; index++) {
    const agentId = String(1001 + index);
    const extension = String(5001 + index);
    const desk = new GcSession({
      brokerUrls: [broker.stompUrl],
      login: broker.user,
      passcode: broker.password,
      clientDestination: `load-${process.pid}-${agentId}`,
      commandQueue: queue,
      probeIntervalMs: 2_000,
    });
    let inService = false;
    desk.onStatus((status) => {
      if (status.state === 'in-service' && !inService) {
        inService = true;
        desk.bindAgent({ agentId, password: 'demo' });
        later(200, () => void desk.send({ name: 'Login', id: agentId, password: 'demo', extension }));
      }
    });
    desk.onEvent((event) => {
      eventsToDesks++;
      if (event.kind === 'Error') errorEvents++;
      else if (event.kind === 'State' && event.agentId === agentId) {
        if (event.state === 'NOT_READY' && !signedIn.has(agentId)) {
          signedIn.add(agentId);
          void desk.send({ name: 'MakeReady', id: agentId });
        }
      } else if (event.kind === 'InboundCall' && event.state === 'ALERTING') {
        const dialogId = event.dialogId;
        later(500 + Math.random() * 1_500, () => {
          callsAnswered++;
          void desk.send({ name: 'AnswerCall', id: agentId, dialogId });
          later(
            3_000 + Math.random() * 7_000,
            () => void desk.send({ name: 'ReleaseCall', id: agentId, dialogId }),
          );
        });
      }
    });
    desks.push(desk);
    desk.start();
    // Stagger connections a little, as desks of a real shift would.
    if (index % 50 === 49) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await waitFor(() => signedIn.size === agents, 120_000, `${agents} desks signed in (have ${signedIn.size})`);

  const simPid = sim.pid as number;
  const jvmPid = brokerPid(broker);
  const startEvents = eventsToDesks;
  const startSim = cpuSeconds(simPid);
  const startJvm = cpuSeconds(jvmPid);
  const startBench = process.cpuUsage();
  const started = Date.now();
  await new Promise((resolve) => setTimeout(resolve, seconds * 1_000));
  const elapsed = (Date.now() - started) / 1_000;
  const benchCpu = process.cpuUsage(startBench);
  const result = {
    agents,
    seconds: elapsed,
    desksSignedIn: signedIn.size,
    eventsToDesks: eventsToDesks - startEvents,
    eventsPerSecond: (eventsToDesks - startEvents) / elapsed,
    callsAnswered,
    errorEvents,
    simulatorCpuPercent: ((cpuSeconds(simPid) - startSim) / elapsed) * 100,
    brokerCpuPercent: ((cpuSeconds(jvmPid) - startJvm) / elapsed) * 100,
    benchCpuPercent: ((benchCpu.user + benchCpu.system) / 1e6 / elapsed) * 100,
  };

  for (const timer of timers) clearTimeout(timer);
  await Promise.all(desks.map((desk) => desk.stop()));
  sim.kill('SIGTERM');
  await new Promise((resolve) => sim.on('exit', resolve));
  const summaryLine = simOut.trim().split('\n').at(-1) ?? '{}';
  await broker.dispose();
  return { ...result, simulatorSummary: JSON.parse(summaryLine) as Record<string, number> };
}

export function formatSimLoad(result: SimLoadResult): string {
  return [
    `simulator load: ${result.agents} agents, ${result.desksSignedIn} desks signed in, measured ${result.seconds.toFixed(1)} s`,
    `  events delivered to desks   ${result.eventsPerSecond.toFixed(1)} /s (${result.eventsToDesks} in all, ${result.errorEvents} GC errors)`,
    `  calls answered by desks     ${result.callsAnswered}`,
    `  CPU: simulator ${result.simulatorCpuPercent.toFixed(1)} %, ActiveMQ ${result.brokerCpuPercent.toFixed(1)} %, ` +
      `${result.agents} desks in the bench process ${result.benchCpuPercent.toFixed(1)} % (100 % = one core)`,
    `  simulator totals: ${JSON.stringify(result.simulatorSummary)}`,
  ].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const agents = Number(process.argv[2] ?? 500);
  const seconds = Number(process.argv[3] ?? 60);
  console.log(formatSimLoad(await runSimLoadBench({ agents, seconds })));
}
