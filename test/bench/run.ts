// `npm run bench`: every benchmark, each against a reference measured in the same run (these
// machines are shared and noisy: ratios and same-run comparisons, never a lone absolute time).
// Not part of the test suite. Exits non-zero when a target is missed.

import { runBrokerRttBench } from './broker-rtt.bench.ts';
import { formatDecodeBench, runDecodeBench } from './decode.bench.ts';
import { formatSimLoad, runSimLoadBench } from './sim-load.bench.ts';

const verdicts: { figure: string; met: boolean; detail: string }[] = [];

const decode = await runDecodeBench();
console.log(formatDecodeBench(decode));
verdicts.push({
  figure: 'decodeEvent vs JSON.parse of the same events as JSON',
  met: decode.ratio >= 1,
  detail: `ratio ${decode.ratio.toFixed(2)} (target ≥ 1)`,
});

const rtt = await runBrokerRttBench();
console.log(
  `\nbroker round trip, bare STOMP publish -> receive on a private ActiveMQ (${rtt.messages} messages): ` +
    `p50 ${rtt.p50Ms.toFixed(3)} ms, p99 ${rtt.p99Ms.toFixed(3)} ms, max ${rtt.maxMs.toFixed(3)} ms`,
);

// The simulator holding a realistic floor: 500 agents, each with its own desk and STOMP connection.
const agents = Number(process.env['BENCH_SIM_AGENTS'] ?? 500);
const load = await runSimLoadBench({ agents, seconds: Number(process.env['BENCH_SIM_SECONDS'] ?? 60) });
console.log(`\n${formatSimLoad(load)}`);
verdicts.push({
  figure: `switchboard sim holds ${agents} agents on one ActiveMQ`,
  met: load.desksSignedIn === agents && load.eventsToDesks > 0,
  detail: `${load.desksSignedIn} signed in, ${load.eventsPerSecond.toFixed(1)} events/s, simulator CPU ${load.simulatorCpuPercent.toFixed(1)} %`,
});

console.log('\nverdicts');
for (const verdict of verdicts)
  console.log(`  ${verdict.met ? 'met   ' : 'MISSED'} ${verdict.figure}: ${verdict.detail}`);
process.exitCode = verdicts.every((verdict) => verdict.met) ? 0 : 1;
