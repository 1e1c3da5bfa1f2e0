// `npm run bench`: every benchmark of issue 7, each against a reference measured in the same run
// (these machines are shared and noisy: ratios and same-run comparisons, never a lone absolute
// time). Not part of the test suite. Writes BENCHMARKS.md (the table: figure, budget, reference,
// measured, verdict; the machine; how each row was measured) and bench-results.json (every number
// behind it) at the repository root, and exits 1 when a budget is missed (2 when a benchmark
// could not run).
//
// Each benchmark is also a script of its own: `npx tsx test/bench/<name>.bench.ts`.
//
// Environment (defaults are the issue's sizes; anything shorter is written into BENCHMARKS.md):
//   BENCH_ONLY                 comma-separated benchmark names (below) to run only those
//   BENCH_SCALE_SECONDS        scale: how long 500 desks run (default 300)
//   BENCH_SCALE_DESKS          scale: how many desks (default 500)
//   BENCH_E2S_SECONDS          event to screen: seconds per rate (default 20)
//   BENCH_E2S_RATES            event to screen: rates, e.g. "1,200,1000" (the default)
//   BENCH_ACTION_CLICKS        action to wire: clicks (default 200)
//   BENCH_SEARCH_ROUNDS        phonebook search: rounds of queries (default 3)
//   BENCH_STARTUP_ROUNDS       start-up: navigations (default 15)
//   BENCH_RECONNECT_CYCLES     reconnect: broker restarts (default 20)
//   BENCH_MEMORY_SETTLE_SECONDS memory: seconds the desk's RSS settles after loading (default 20)
//   BENCH_PROFILE_DIR          write CPU profiles (page and desk process) there, renderer unminified
//   BENCH_DESK_SCRIPT, BENCH_RENDERER_DIR   measure a desk script / renderer built elsewhere (A/B)

import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { runActionToWireBench } from './action-to-wire.bench.ts';
import { machine, printFigure, type Figure, type Machine } from './bench-kit.ts';
import { runDecodeFigures } from './decode.bench.ts';
import { repoRoot } from './desk-stack.ts';
import { runEventToScreenBench } from './event-to-screen.bench.ts';
import { runMemoryBench } from './memory.bench.ts';
import { runPhonebookSearchBench } from './phonebook-search.bench.ts';
import { runReconnectBench } from './reconnect.bench.ts';
import { runScaleBench } from './scale.bench.ts';
import { runStartupBench } from './startup.bench.ts';

/** In the issue's order. */
const BENCHMARKS: readonly { readonly name: string; readonly run: () => Promise<readonly Figure[]> }[] = [
  { name: 'event-to-screen', run: () => runEventToScreenBench() },
  { name: 'action-to-wire', run: () => runActionToWireBench() },
  { name: 'phonebook-search', run: () => runPhonebookSearchBench() },
  { name: 'decode', run: () => runDecodeFigures() },
  { name: 'memory', run: () => runMemoryBench() },
  { name: 'startup', run: () => runStartupBench() },
  { name: 'reconnect', run: () => runReconnectBench() },
  { name: 'scale', run: () => runScaleBench() },
];

interface Outcome {
  readonly name: string;
  readonly figures: readonly Figure[];
  /** Why the benchmark could not run to the end. */
  readonly error?: string;
  readonly seconds: number;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function markdown(outcomes: readonly Outcome[], startedAt: Date, before: Machine, after: Machine): string {
  const settings = Object.entries(process.env)
    .filter(([name]) => name.startsWith('BENCH_'))
    .map(([name, value]) => `${name}=${value}`);
  const lines = [
    '# Benchmarks',
    '',
    'Written by `npm run bench` (test/bench/run.ts); each row is also a script of its own under',
    '`test/bench/`. Every figure stands beside a reference measured in the same run on the same',
    'machine: the machines are shared and noisy, so read a row against its reference.',
    '',
    `- Run: ${startedAt.toISOString()}`,
    `- Machine: ${before.cpus} CPUs (${before.cpuModel}), ${before.memoryGiB} GiB, ${before.platform}, Node ${before.node}`,
    `- Load average (1, 5, 15 min): ${before.loadAverage.join(', ')} at the start, ${after.loadAverage.join(', ')} at the end`,
    `- Settings: ${settings.length > 0 ? settings.map((setting) => `\`${setting}\``).join(', ') : 'the issue’s sizes (no BENCH_* overrides)'}`,
    '',
    '| figure | budget | reference | measured | verdict |',
    '| --- | --- | --- | --- | --- |',
  ];
  for (const outcome of outcomes) {
    if (outcome.error !== undefined)
      lines.push(`| ${cell(outcome.name)} | | | could not run: ${cell(outcome.error)} | **not run** |`);
    for (const figure of outcome.figures)
      lines.push(
        `| ${cell(figure.figure)} | ${cell(figure.budget)} | ${cell(figure.reference)} | ${cell(figure.measured)} | ${figure.met ? 'met' : '**missed**'} |`,
      );
  }
  lines.push('', '## How each row was measured', '');
  for (const outcome of outcomes) {
    for (const figure of outcome.figures) {
      lines.push(`- **${figure.figure}**: ${figure.how}${figure.note ? ` ${figure.note}` : ''}`);
    }
  }
  lines.push(
    '',
    'The numbers behind every row are in `bench-results.json`, which `npm run bench` writes beside this file (not committed).',
    '',
  );
  return lines.join('\n');
}

async function main(): Promise<number> {
  const startedAt = new Date();
  const before = machine();
  const only = (process.env['BENCH_ONLY'] ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  const unknown = only.filter((name) => !BENCHMARKS.some((bench) => bench.name === name));
  if (unknown.length > 0) {
    console.error(
      `BENCH_ONLY: no benchmark named ${unknown.join(', ')} (have ${BENCHMARKS.map((b) => b.name).join(', ')})`,
    );
    return 2;
  }
  const outcomes: Outcome[] = [];
  for (const bench of BENCHMARKS) {
    if (only.length > 0 && !only.includes(bench.name)) continue;
    console.log(`\n=== ${bench.name}`);
    const started = Date.now();
    try {
      const figures = await bench.run();
      for (const figure of figures) printFigure(figure);
      outcomes.push({ name: bench.name, figures, seconds: (Date.now() - started) / 1_000 });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      console.error(
        `${bench.name} could not run: ${error instanceof Error ? (error.stack ?? message) : message}`,
      );
      outcomes.push({ name: bench.name, figures: [], error: message.split('\n')[0] ?? message, seconds: 0 });
    }
  }
  const after = machine();

  const markdownFile = join(repoRoot, 'BENCHMARKS.md');
  const text = markdown(outcomes, startedAt, before, after);
  // The suite checks formatting with Prettier: write what Prettier would.
  await writeFile(
    markdownFile,
    await format(text, { ...(await resolveConfig(markdownFile)), filepath: markdownFile }),
  );
  await writeFile(
    join(repoRoot, 'bench-results.json'),
    `${JSON.stringify(
      {
        startedAt: startedAt.toISOString(),
        machine: { before, after },
        settings: Object.fromEntries(
          Object.entries(process.env).filter(([name]) => name.startsWith('BENCH_')),
        ),
        benchmarks: outcomes,
      },
      null,
      2,
    )}\n`,
  );

  const figures = outcomes.flatMap((outcome) => outcome.figures);
  const missed = figures.filter((figure) => !figure.met);
  const failed = outcomes.filter((outcome) => outcome.error !== undefined);
  console.log(
    `\nverdicts: ${figures.length - missed.length} met, ${missed.length} missed, ${failed.length} not run`,
  );
  for (const figure of figures)
    console.log(`  ${figure.met ? 'met   ' : 'MISSED'} ${figure.figure}: ${figure.measured}`);
  for (const outcome of failed) console.log(`  NOT RUN ${outcome.name}: ${outcome.error}`);
  console.log(`\nwrote ${markdownFile} and bench-results.json`);
  return failed.length > 0 ? 2 : missed.length > 0 ? 1 : 0;
}

process.exitCode = await main();
