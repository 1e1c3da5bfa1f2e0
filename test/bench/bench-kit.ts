// What every benchmark shares: one clock for every process on this machine, percentiles, waiting
// on a condition, the figure each benchmark hands the runner (figure, budget, reference, measured,
// verdict and how it was measured), and the machine the run was on.
//
// The clock: `performance.timeOrigin + performance.now()` is the wall-clock time at which this
// process started plus a monotonic high-resolution offset since then. Node, each child process and
// Chromium's page all read it the same way, so their readings compare to well under a millisecond
// on one machine; where a page's reading matters, pageClockOffset() measures what is left by round
// trips and the benchmark corrects for it.

import { cpus, loadavg, totalmem } from 'node:os';
import { pathToFileURL } from 'node:url';

/** Milliseconds since the epoch, sub-millisecond resolution, comparable across processes. */
export function epochNow(): number {
  return performance.timeOrigin + performance.now();
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The value below which `fraction` of the sorted samples fall (nearest rank). NaN when empty. */
export function percentile(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1);
  return sorted[Math.max(0, index)] as number;
}

export interface Distribution {
  readonly count: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
}

export function distribution(samples: readonly number[]): Distribution {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50: percentile(sorted, 0.5),
    p95: percentile(sorted, 0.95),
    p99: percentile(sorted, 0.99),
    max: sorted.at(-1) ?? Number.NaN,
  };
}

/** "p50 1.2 ms, p99 3.4 ms (n = 1000)" */
export function describe(d: Distribution, which: readonly ('p50' | 'p95' | 'p99' | 'max')[]): string {
  return `${which.map((key) => `${key} ${ms(d[key])}`).join(', ')} (n = ${d.count})`;
}

export function ms(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  return `${value < 10 ? value.toFixed(2) : value.toFixed(1)} ms`;
}

export function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function kb(bytes: number): string {
  return `${Math.round(bytes / 1024).toLocaleString('en-US')} kB`;
}

/** Polls `check` until it is true; rejects with `what` after `timeoutMs`. */
export async function waitFor(
  check: () => boolean | Promise<boolean>,
  timeoutMs: number,
  what: string | (() => string),
  intervalMs = 20,
): Promise<void> {
  const started = Date.now();
  for (;;) {
    if (await check()) return;
    if (Date.now() - started > timeoutMs)
      throw new Error(`timed out after ${timeoutMs} ms: ${typeof what === 'string' ? what : what()}`);
    await sleep(intervalMs);
  }
}

/** One row of BENCHMARKS.md: what the issue asks, what the same run measured beside it, the verdict. */
export interface Figure {
  /** Stable key in bench-results.json. */
  readonly id: string;
  readonly figure: string;
  readonly budget: string;
  /** The same-run reference the measurement stands beside. */
  readonly reference: string;
  readonly measured: string;
  /** Within budget. */
  readonly met: boolean;
  /** One or two sentences: how it was measured. */
  readonly how: string;
  /** Anything a reader must know to read the row right (e.g. what stood in for a missing view). */
  readonly note?: string;
  /** The numbers behind the row, for bench-results.json. */
  readonly data: Readonly<Record<string, unknown>>;
}

export interface Machine {
  readonly cpus: number;
  readonly cpuModel: string;
  readonly memoryGiB: number;
  readonly node: string;
  readonly platform: string;
  readonly loadAverage: readonly number[];
}

export function machine(): Machine {
  const list = cpus();
  return {
    cpus: list.length,
    cpuModel: list[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    loadAverage: loadavg().map((value) => Math.round(value * 100) / 100),
  };
}

/** True when `moduleUrl` is the script node was started with (the bench runs alone). */
export function isEntryPoint(moduleUrl: string): boolean {
  const script = process.argv[1];
  return script !== undefined && moduleUrl === pathToFileURL(script).href;
}

/** A number from the environment (BENCH_*), or the default when unset or not a positive number. */
export function envNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) {
    console.warn(`${name}=${raw} is not a positive number; using ${fallback}`);
    return fallback;
  }
  return value;
}

/** Prints a figure as a runnable-alone benchmark reports it. */
export function printFigure(figure: Figure): void {
  console.log(
    [
      `${figure.met ? 'met   ' : 'MISSED'} ${figure.figure}`,
      `  budget:    ${figure.budget}`,
      `  reference: ${figure.reference}`,
      `  measured:  ${figure.measured}`,
      `  how:       ${figure.how}`,
      ...(figure.note ? [`  note:      ${figure.note}`] : []),
    ].join('\n'),
  );
}

/** Runs a benchmark alone: prints its figures and sets the exit code (1 when a budget is missed). */
export async function runAlone(run: () => Promise<readonly Figure[]>): Promise<void> {
  try {
    const figures = await run();
    for (const figure of figures) printFigure(figure);
    process.exitCode = figures.every((figure) => figure.met) ? 0 : 1;
  } catch (error) {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exitCode = 2;
  }
}
