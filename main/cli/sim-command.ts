// `switchboard sim` (the simulated contact center as a GC on a real ActiveMQ) and
// `switchboard demo` (the embedded demo gateway: broker and GC in one on a loopback port).
// Both run until interrupted (Ctrl+C, SIGTERM) or for --duration seconds.

import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { LogEntry } from '../core/log/logger.ts';
import { SimulatorOnBroker } from '../demo/broker-face.ts';
import { EmbeddedDemoGateway } from '../demo/embedded-gateway.ts';
import type { GcPeer, GcPeerOptions } from '../demo/gc-peer.ts';
import type { CliIo } from './io.ts';

export const SIM_USAGE = `Usage: switchboard sim --broker <url>[,<url>…] [options]

Runs the simulated contact center where the Generic Connector would be: it consumes GC's command
queue on the broker and answers on each client's topic. Runs until Ctrl+C or --duration.

Options:
  --broker <urls>         Broker URLs, comma-separated (stomp://, stomp+ssl://, ws://, wss://).
  --user <name>           Broker user. The passcode comes from SWITCHBOARD_BROKER_PASSCODE.
  --ca <file.pem>         Extra CA certificate to trust for TLS.
  --command-queue <name>  GC's command queue (default Connector1).
${COMMON_OPTIONS()}`;

export const DEMO_USAGE = `Usage: switchboard demo [options]

Starts the embedded demo gateway: a STOMP-over-WebSocket endpoint on 127.0.0.1 that plays the
broker and the Generic Connector together. Point a desk at the printed ws:// URL, command queue
Connector1, and sign in as any listed agent with password "demo". Runs until Ctrl+C or --duration.

Options:
  --port <n>              Port on 127.0.0.1 (default: a free one).
${COMMON_OPTIONS()}`;

function COMMON_OPTIONS(): string {
  return `  --agents <n>            Agents (default 24; thousands for load).
  --teams <n>             Teams (default 3, or one per 25 agents).
  --supervisors <n>       Supervisors (default 2).
  --seed <n>              Seed for callers, timings and colleagues: the same seed, the same day.
  --deployment <form>     ucce (default) or uccx: which queue statistics GC reports.
  --calls-per-hour <n>    Calls arriving per queue per hour (default 80; 0: none).
  --preview-every <s>     Mean seconds between outbound previews for a READY signed-in agent
                          (default 300; 0: none).
  --wrap-up <s>           Wrap-up time after a call (default 20).
  --mean-talk <s>         Mean seconds before a customer hangs up (default 90; 0: never).
  --no-autopilot          Colleagues nobody signed in as stay signed out.
  --duration <seconds>    Stop after this long.
  --quiet                 Print only the start line and the final counts.
  -h, --help              Show this help.
`;
}

const commonOptions = {
  agents: { type: 'string' },
  teams: { type: 'string' },
  supervisors: { type: 'string' },
  seed: { type: 'string' },
  deployment: { type: 'string' },
  'calls-per-hour': { type: 'string' },
  'preview-every': { type: 'string' },
  'wrap-up': { type: 'string' },
  'mean-talk': { type: 'string' },
  'no-autopilot': { type: 'boolean' },
  duration: { type: 'string' },
  quiet: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

type CommonValues = { [K in keyof typeof commonOptions]?: string | boolean };

class UsageError extends Error {}

function wholeNumber(value: string | boolean | undefined, name: string, min: number): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (typeof value !== 'string' || !Number.isSafeInteger(parsed) || parsed < min) {
    throw new UsageError(`--${name} must be a whole number ≥ ${min}`);
  }
  return parsed;
}

function peerOptions(values: CommonValues, io: CliIo): GcPeerOptions {
  const deployment = values.deployment ?? 'ucce';
  if (deployment !== 'ucce' && deployment !== 'uccx')
    throw new UsageError('--deployment must be ucce or uccx');
  const agents = wholeNumber(values.agents, 'agents', 1);
  const teams = wholeNumber(values.teams, 'teams', 1);
  const supervisors = wholeNumber(values.supervisors, 'supervisors', 1);
  const seed = wholeNumber(values.seed, 'seed', 0);
  const callsPerHour = wholeNumber(values['calls-per-hour'], 'calls-per-hour', 0);
  const previewEvery = wholeNumber(values['preview-every'], 'preview-every', 0);
  const wrapUp = wholeNumber(values['wrap-up'], 'wrap-up', 0);
  const meanTalk = wholeNumber(values['mean-talk'], 'mean-talk', 0);
  const quiet = values.quiet === true;
  return {
    roster: {
      ...(agents !== undefined ? { agents } : {}),
      ...(teams !== undefined ? { teams } : {}),
      ...(supervisors !== undefined ? { supervisors } : {}),
      ...(seed !== undefined ? { seed } : {}),
    },
    ...(seed !== undefined ? { seed } : {}),
    deployment,
    autopilot: values['no-autopilot'] !== true,
    traffic: {
      meanInterArrivalMs:
        callsPerHour === undefined ? 45_000 : callsPerHour === 0 ? Infinity : 3_600_000 / callsPerHour,
      ...(previewEvery !== undefined
        ? { meanPreviewGapMs: previewEvery === 0 ? Infinity : previewEvery * 1_000 }
        : {}),
      ...(wrapUp !== undefined ? { wrapUpMs: wrapUp * 1_000 } : {}),
      ...(meanTalk !== undefined ? { meanTalkMs: meanTalk === 0 ? Infinity : meanTalk * 1_000 } : {}),
    },
    log: (entry: LogEntry) => {
      if (quiet || entry.level === 'debug') return;
      io.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), ...entry })}\n`);
    },
  };
}

/** Resolves after --duration seconds or on SIGINT/SIGTERM. */
function runUntilStopped(durationSeconds: number | undefined): Promise<string> {
  return new Promise((resolve) => {
    const finish = (reason: string) => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      if (timer) clearTimeout(timer);
      resolve(reason);
    };
    const onInt = () => finish('SIGINT');
    const onTerm = () => finish('SIGTERM');
    process.on('SIGINT', onInt);
    process.on('SIGTERM', onTerm);
    const timer =
      durationSeconds === undefined
        ? undefined
        : setTimeout(() => finish('duration'), durationSeconds * 1_000);
  });
}

function summary(peer: GcPeer): string {
  const snapshot = peer.center.snapshot();
  const signedIn = snapshot.agents.filter((agent) => agent.state !== 'LOGOUT').length;
  return JSON.stringify({
    commands: peer.stats.commands,
    refused: peer.stats.refused,
    dropped: peer.stats.dropped,
    events: peer.stats.events,
    agentsSignedIn: signedIn,
    calls: snapshot.queues.reduce((sum, queue) => sum + queue.total, 0),
    abandoned: snapshot.queues.reduce((sum, queue) => sum + queue.abandoned, 0),
  });
}

export async function runSim(args: readonly string[], io: CliIo): Promise<number> {
  try {
    const { values } = parseArgs({
      args: [...args],
      options: {
        ...commonOptions,
        broker: { type: 'string' },
        user: { type: 'string' },
        ca: { type: 'string' },
        'command-queue': { type: 'string' },
      },
      strict: true,
    });
    if (values.help) {
      io.stdout.write(SIM_USAGE);
      return 0;
    }
    if (!values.broker) throw new UsageError('--broker is required');
    const caPem = values.ca ? await readFile(values.ca, 'utf8') : undefined;
    const passcode = process.env['SWITCHBOARD_BROKER_PASSCODE'];
    const simulator = new SimulatorOnBroker({
      ...peerOptions(values, io),
      broker: {
        brokerUrls: values.broker.split(',').map((url) => url.trim()),
        ...(values.user ? { login: values.user } : {}),
        ...(passcode ? { passcode } : {}),
        ...(caPem ? { caPem } : {}),
      },
      ...(values['command-queue'] ? { commandQueue: values['command-queue'] } : {}),
    });
    const duration = wholeNumber(values.duration, 'duration', 1);
    try {
      await simulator.start();
    } catch (error) {
      io.stderr.write(`switchboard sim: ${error instanceof Error ? error.message : String(error)}\n`);
      await simulator.stop();
      return 1;
    }
    io.stdout.write(
      `${JSON.stringify({ event: 'sim.started', broker: simulator.session.status, users: simulator.peer.center.roster.users.length })}\n`,
    );
    const reason = await runUntilStopped(duration);
    await simulator.stop();
    io.stdout.write(`${JSON.stringify({ event: 'sim.stopped', reason })}\n${summary(simulator.peer)}\n`);
    return 0;
  } catch (error) {
    return usageFailure(io, 'sim', error, SIM_USAGE);
  }
}

export async function runDemo(args: readonly string[], io: CliIo): Promise<number> {
  try {
    const { values } = parseArgs({
      args: [...args],
      options: { ...commonOptions, port: { type: 'string' } },
      strict: true,
    });
    if (values.help) {
      io.stdout.write(DEMO_USAGE);
      return 0;
    }
    const port = wholeNumber(values.port, 'port', 0);
    const gateway = new EmbeddedDemoGateway({
      ...peerOptions(values, io),
      endpoint: { ...(port !== undefined ? { port } : {}) },
    });
    const url = await gateway.start();
    const users = gateway.peer.center.roster.users;
    io.stdout.write(
      `${JSON.stringify({
        event: 'demo.started',
        url,
        commandQueue: '/queue/Connector1',
        password: users[0]?.password,
        agents: users
          .filter((user) => !user.isSupervisor)
          .slice(0, 5)
          .map((user) => `${user.loginId}/${user.extension}`),
        supervisors: users
          .filter((user) => user.isSupervisor)
          .map((user) => `${user.loginId}/${user.extension}`),
      })}\n`,
    );
    const reason = await runUntilStopped(wholeNumber(values.duration, 'duration', 1));
    await gateway.stop();
    io.stdout.write(`${JSON.stringify({ event: 'demo.stopped', reason })}\n${summary(gateway.peer)}\n`);
    return 0;
  } catch (error) {
    return usageFailure(io, 'demo', error, DEMO_USAGE);
  }
}

function usageFailure(io: CliIo, name: string, error: unknown, usage: string): number {
  const message = error instanceof Error ? error.message : String(error);
  const isUsage =
    error instanceof UsageError ||
    (error instanceof Error && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'));
  io.stderr.write(`switchboard ${name}: ${message}\n${isUsage ? `\n${usage}` : ''}`);
  return isUsage ? 2 : 1;
}
