// Scale: 500 headless desks signed in against one private ActiveMQ and the simulator for 5
// minutes, taking calls. Figures: event delivery latency (the simulator publishing an event ->
// the desk it was for having decoded it), p99; events lost; CPU and memory per desk. Beside the
// latency, in the same run, bare STOMP subscribers on a sample of the same topics: the reference.
//
// How: the simulator (SimulatorOnBroker) runs in this process where GC would be, with 500 agents
// in 20 teams, a caller every 2 s on each team's queue (10 calls/s in all) and 5 s of wrap-up;
// its publish calls are wrapped to note, per topic, when each event was handed to the broker.
// The desks are real Desks (main/core/desk), 250 per child process (scale-desks.ts), each with
// its own connection and topic; they sign in, go ready, answer after 0.5-2 s and hang up after
// 3-10 s. Each notes when every event reached it (Desk.observeEvents: decoded and applied). A
// topic has one publisher, so the k-th event published on it is the k-th a subscriber receives:
// latency = arrival − publish, by position; lost = published − received, counted after the
// traffic stops and the last events had time to land. Only events published inside the measured
// window count for latency. CPU: each desk process's CPU time over the window / desks; memory:
// (RSS at the end − RSS before any desk existed) / desks.
//
//   npx tsx test/bench/scale.bench.ts   BENCH_SCALE_SECONDS (default 300), BENCH_SCALE_DESKS (default 500)

import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { SimulatorOnBroker } from '../../main/demo/broker-face.ts';
import { startActiveMq } from '../fixtures/activemq.ts';
import { connectBareStomp } from './bare-stomp.ts';
import {
  describe,
  distribution,
  envNumber,
  epochNow,
  isEntryPoint,
  kb,
  runAlone,
  sleep,
  waitFor,
  type Distribution,
  type Figure,
} from './bench-kit.ts';
import { AGENT_PASSWORD, cpuSeconds } from './desk-stack.ts';

export const SCALE_BUDGET_P99_MS = 100;
const DESKS_PER_PROCESS = 250;
const REFERENCE_EVERY = 25;
const deskProcessScript = fileURLToPath(new URL('./scale-desks.ts', import.meta.url));

interface Memory {
  readonly rssBytes: number;
  /** V8 heap in use + external, after a full collection. */
  readonly heapBytes: number;
}

interface DeskProcess {
  readonly child: ChildProcess;
  readonly desks: number;
  baseline: Memory | undefined;
  signedIn: number;
  failure: string | undefined;
  report: { arrivals: Record<string, number[]>; memory: Memory } | undefined;
}

function startDeskProcess(desks: number): DeskProcess {
  const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', deskProcessScript], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const process_: DeskProcess = {
    child,
    desks,
    baseline: undefined,
    signedIn: 0,
    failure: undefined,
    report: undefined,
  };
  child.on('message', (message: { type: string; [key: string]: unknown }) => {
    if (message.type === 'baseline') process_.baseline = message as unknown as Memory;
    else if (message.type === 'signed-in') process_.signedIn = message['count'] as number;
    else if (message.type === 'failed') process_.failure = message['error'] as string;
    else if (message.type === 'report')
      process_.report = message as unknown as { arrivals: Record<string, number[]>; memory: Memory };
  });
  return process_;
}

export interface ScaleResult {
  readonly desks: number;
  readonly seconds: number;
  readonly latency: Distribution;
  readonly reference: Distribution;
  readonly published: number;
  readonly lost: number;
  /** The topics where events went missing, and when (for finding out why). */
  readonly lostDetail: readonly string[];
  readonly eventsPerSecond: number;
  readonly cpuPercentPerDesk: number;
  /** The desk processes' whole RSS (Node itself included) at the end, per desk: an upper bound. */
  readonly rssBytesPerDesk: number;
  /** Growth of their V8 heap + external memory after a full collection, per desk. */
  readonly heapBytesPerDesk: number;
  /** The simulator and the reference subscribers, in this process. */
  readonly simulatorCpuPercent: number;
}

export async function measureScale(options: { desks?: number; seconds?: number } = {}): Promise<ScaleResult> {
  const deskCount = options.desks ?? envNumber('BENCH_SCALE_DESKS', 500);
  const seconds = options.seconds ?? envNumber('BENCH_SCALE_SECONDS', 300);
  const broker = await startActiveMq({ persistent: false, password: randomBytes(12).toString('hex') });
  const commandQueue = `Connector-scale-${process.pid}`;
  const destinationPrefix = `bench-scale-${process.pid}`;
  const processes: DeskProcess[] = [];
  const simulator = new SimulatorOnBroker({
    broker: { brokerUrls: [broker.stompUrl], login: broker.user, passcode: broker.password },
    commandQueue,
    roster: { agents: deskCount, password: AGENT_PASSWORD },
    seed: 11,
    autopilot: false,
    traffic: { meanInterArrivalMs: 2_000, wrapUpMs: 5_000 },
  });
  // When each event was handed to the broker, per topic.
  const published = new Map<string, number[]>();
  const send = simulator.session.send.bind(simulator.session);
  simulator.session.send = (destination, frame) => {
    let list = published.get(destination);
    if (!list) published.set(destination, (list = []));
    list.push(epochNow());
    return send(destination, frame);
  };
  try {
    await simulator.start();
    const agents = simulator.peer.center.roster.users
      .filter((user) => !user.isSupervisor)
      .map((user) => ({ agentId: user.loginId, extension: user.extension }));

    // The reference: bare subscribers on every 25th desk's topic, subscribed before the desks start.
    const referenceArrivals = new Map<string, number[]>();
    const referenceClient = await connectBareStomp(broker);
    for (let index = 0; index < agents.length; index += REFERENCE_EVERY) {
      const topic = `/topic/${destinationPrefix}-${(agents[index] as { agentId: string }).agentId}`;
      const list: number[] = [];
      referenceArrivals.set(topic, list);
      referenceClient.subscribe(topic, () => list.push(epochNow()));
    }

    for (let first = 0; first < agents.length; first += DESKS_PER_PROCESS) {
      const share = agents.slice(first, first + DESKS_PER_PROCESS);
      const deskProcess = startDeskProcess(share.length);
      processes.push(deskProcess);
      await waitFor(() => deskProcess.baseline !== undefined, 60_000, 'a desk process to start');
      deskProcess.child.send({
        type: 'start',
        agents: share,
        broker: { url: broker.stompUrl, user: broker.user, passcode: broker.password },
        commandQueue,
        password: AGENT_PASSWORD,
        destinationPrefix,
      });
    }
    await waitFor(
      () => {
        const failed = processes.find((deskProcess) => deskProcess.failure !== undefined);
        if (failed) throw new Error(failed.failure);
        return processes.every((deskProcess) => deskProcess.signedIn === deskProcess.desks);
      },
      600_000,
      () => `${deskCount} desks signed in (have ${processes.reduce((sum, p) => sum + p.signedIn, 0)})`,
      250,
    );
    await sleep(5_000);

    const windowStart = epochNow();
    const cpuAtStart = processes.map((deskProcess) => cpuSeconds(deskProcess.child.pid as number));
    const simCpuAtStart = process.cpuUsage();
    await sleep(seconds * 1_000);
    const windowEnd = epochNow();
    const elapsed = (windowEnd - windowStart) / 1_000;
    const cpuUsed = processes.reduce(
      (sum, deskProcess, index) =>
        sum + cpuSeconds(deskProcess.child.pid as number) - (cpuAtStart[index] as number),
      0,
    );
    const simCpu = process.cpuUsage(simCpuAtStart);

    // No new traffic; let what is in flight land, then collect.
    simulator.peer.center.stop();
    await sleep(3_000);
    // The desks still hang up and the simulator still answers: an event published just before the
    // reports are taken may still be on its way. Only events published a second or more before
    // then count for loss (a second is twenty times the p99 budget).
    const countedUntil = epochNow() - 1_000;
    for (const deskProcess of processes) deskProcess.child.send({ type: 'report' });
    await waitFor(
      () => processes.every((deskProcess) => deskProcess.report !== undefined),
      60_000,
      'reports',
    );
    await referenceClient.deactivate();

    const arrivals = new Map<string, number[]>();
    for (const deskProcess of processes)
      for (const [destination, times] of Object.entries(deskProcess.report?.arrivals ?? {}))
        arrivals.set(`/topic/${destination}`, times);
    const heapGrowth =
      processes.reduce(
        (sum, deskProcess) =>
          sum + (deskProcess.report?.memory.heapBytes ?? 0) - (deskProcess.baseline?.heapBytes ?? 0),
        0,
      ) / deskCount;
    const latencies: number[] = [];
    const referenceLatencies: number[] = [];
    let publishedInAll = 0;
    const lostDetail: string[] = [];
    let lost = 0;
    let inWindow = 0;
    for (const [destination, times] of published) {
      const received = arrivals.get(destination) ?? [];
      const reference = referenceArrivals.get(destination);
      const counted = times.filter((at) => at <= countedUntil).length;
      publishedInAll += counted;
      if (received.length < counted) {
        lost += counted - received.length;
        lostDetail.push(
          `${destination}: published ${counted}, received ${received.length}; the last received was published ` +
            `${Math.round((times[received.length - 1] ?? windowStart) - windowStart)} ms into the window`,
        );
      }
      times.forEach((at, index) => {
        if (at < windowStart || at > windowEnd) return;
        inWindow++;
        const arrived = received[index];
        if (arrived !== undefined) latencies.push(arrived - at);
        const bare = reference?.[index];
        if (bare !== undefined) referenceLatencies.push(bare - at);
      });
    }
    return {
      desks: deskCount,
      seconds: elapsed,
      latency: distribution(latencies),
      reference: distribution(referenceLatencies),
      published: publishedInAll,
      lost,
      lostDetail: lostDetail.slice(0, 20),
      eventsPerSecond: inWindow / elapsed,
      cpuPercentPerDesk: ((cpuUsed / elapsed) * 100) / deskCount,
      rssBytesPerDesk:
        processes.reduce((sum, deskProcess) => sum + (deskProcess.report?.memory.rssBytes ?? 0), 0) /
        deskCount,
      heapBytesPerDesk: heapGrowth,
      simulatorCpuPercent: ((simCpu.user + simCpu.system) / 1e6 / elapsed) * 100,
    };
  } finally {
    for (const deskProcess of processes) {
      if (deskProcess.child.exitCode !== null) continue;
      deskProcess.child.send({ type: 'stop' });
      const exited = await Promise.race([
        new Promise<boolean>((resolve) => deskProcess.child.once('exit', () => resolve(true))),
        sleep(30_000).then(() => false),
      ]);
      if (!exited) deskProcess.child.kill('SIGKILL');
    }
    await simulator.stop().catch(() => {});
    await broker.dispose();
  }
}

export async function runScaleBench(options: { desks?: number; seconds?: number } = {}): Promise<Figure[]> {
  const result = await measureScale(options);
  return [
    {
      id: 'scale',
      figure: `scale: ${result.desks} headless desks on one ActiveMQ + simulator for ${Math.round(result.seconds)} s`,
      budget: `event delivery p99 ≤ ${SCALE_BUDGET_P99_MS} ms, 0 lost`,
      reference: `bare STOMP subscribers on every ${REFERENCE_EVERY}th topic: ${describe(result.reference, ['p50', 'p99'])}`,
      measured:
        `${describe(result.latency, ['p50', 'p99', 'max'])}; ${result.lost} lost of ${result.published}; ` +
        `${result.eventsPerSecond.toFixed(0)} events/s; per desk ${result.cpuPercentPerDesk.toFixed(3)} % of a core, ` +
        `${kb(result.heapBytesPerDesk)} heap, ${kb(result.rssBytesPerDesk)} RSS`,
      met: result.latency.p99 <= SCALE_BUDGET_P99_MS && result.lost === 0 && result.latency.count > 0,
      ...(result.lost > 0 ? { note: `Lost: ${result.lostDetail.join('; ')}` } : {}),
      how:
        'Real Desks, 250 per process, signing in, answering and hanging up; the simulator’s publish times against each ' +
        'desk’s decoded-event times, matched by position on the topic. CPU: process time / desks; memory: heap growth ' +
        'from before any desk existed (after a full collection) / desks, and the processes’ whole RSS / desks.',
      data: { ...result },
    },
  ];
}

if (isEntryPoint(import.meta.url)) await runAlone(() => runScaleBench());
