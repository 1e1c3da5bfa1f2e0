// Memory: the renderer's JS heap and the desk process's resident memory with a supervisor's
// 2,000-member team shown and the 100,000-contact company directory loaded. Beside it, in the same
// run, the same two figures for the same desk signed in with nothing loaded: the reference.
//
// How: desk-stack.ts's deployment (the desk in its own process, bundled as the shell bundles
// main, run by plain node: its RSS is its own). Supervisor 9001 of a 2,000-agent team signs in
// through the page; then the team view's "Show team" and the phonebook's "Load phonebooks" +
// "Company directory" load both through the page, as a supervisor would. Renderer heap: Chromium's
// used JS heap (CDP Runtime.getHeapUsage) after a full garbage collection (HeapProfiler.
// collectGarbage), so it counts what the page keeps, not garbage not yet collected. Main process:
// VmRSS of the desk's process from /proc once loading is over and memory has settled: sampled
// every second for 20 s (V8 hands back what loading used only some seconds after it ends; until
// then RSS still holds the loading's garbage), the last sample counts; the peak (VmHWM) is
// reported too.
//
//   npx tsx test/bench/memory.bench.ts        (BENCH_MEMORY_SETTLE_SECONDS: how long RSS settles, default 20)

import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { envNumber, isEntryPoint, mb, runAlone, sleep, type Figure } from './bench-kit.ts';
import { profilePage, rssBytes, signIn, startDeskStack } from './desk-stack.ts';

export const HEAP_BUDGET_BYTES = 60 * 1024 * 1024;
export const RSS_BUDGET_BYTES = 150 * 1024 * 1024;
const TEAM_SIZE = 2_000;

export interface MemorySnapshot {
  readonly heapUsedBytes: number;
  readonly rssBytes: number;
}

export interface MemoryResult {
  readonly empty: MemorySnapshot;
  readonly loaded: MemorySnapshot;
  readonly rssPeakBytes: number;
  /** RSS every second while it settled. */
  readonly rssSamples: readonly number[];
}

async function heapUsedAfterGc(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  try {
    for (let round = 0; round < 3; round++) await cdp.send('HeapProfiler.collectGarbage');
    const usage = await cdp.send('Runtime.getHeapUsage');
    return usage.usedSize;
  } finally {
    await cdp.detach();
  }
}

function rssPeak(pid: number): number {
  const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kb ?? Number.NaN) * 1024;
}

export async function measureMemory(options: { settleSeconds?: number } = {}): Promise<MemoryResult> {
  const settleSeconds = options.settleSeconds ?? envNumber('BENCH_MEMORY_SETTLE_SECONDS', 20);
  const stack = await startDeskStack({ name: 'memory', roster: { agents: TEAM_SIZE, teams: 1 } });
  try {
    const { page } = stack;
    await page.goto(stack.url);
    await signIn(page, '9001', '5901');
    await sleep(2_000);
    const empty = { heapUsedBytes: await heapUsedAfterGc(page), rssBytes: rssBytes(stack.deskPid) };

    await profilePage(page, 'memory-load', async () => {
      const team = page.getByRole('region', { name: 'Team', exact: true });
      await team.getByRole('button', { name: 'Show team' }).click();
      await team
        .getByRole('listbox', { name: 'Team members' })
        .getByRole('option')
        .first()
        .waitFor({ timeout: 60_000 });
      await team.getByText(/of 2[,. ]?000 agents/).waitFor({ timeout: 60_000 });
      const phonebook = page.getByRole('region', { name: 'Phonebooks' });
      await phonebook.getByRole('button', { name: 'Load phonebooks' }).click();
      await phonebook.getByLabel('Phonebook', { exact: true }).selectOption({ label: 'Company directory' });
      await phonebook.getByText(/Contacts loaded: 100[,. ]?000/).waitFor({ timeout: 120_000 });
    });
    // Let the desk and the page finish what loading set off (patches, renders, collections).
    const samples: number[] = [];
    for (let second = 0; second < settleSeconds; second++) {
      await sleep(1_000);
      samples.push(rssBytes(stack.deskPid));
    }
    const loaded = { heapUsedBytes: await heapUsedAfterGc(page), rssBytes: samples.at(-1) as number };
    if (stack.pageErrors.length > 0) throw new Error(`page errors: ${stack.pageErrors.join('; ')}`);
    return { empty, loaded, rssPeakBytes: rssPeak(stack.deskPid), rssSamples: samples };
  } finally {
    await stack.stop();
  }
}

export async function runMemoryBench(): Promise<Figure[]> {
  const result = await measureMemory();
  const how =
    'Supervisor of a 2,000-agent team signs in, shows the team and loads the 100,000-contact directory through the page.';
  return [
    {
      id: 'memory-renderer-heap',
      figure: 'memory: renderer JS heap, 2,000 team members + 100,000 contacts loaded',
      budget: `≤ ${mb(HEAP_BUDGET_BYTES)}`,
      reference: `same desk signed in, nothing loaded: ${mb(result.empty.heapUsedBytes)}`,
      measured: mb(result.loaded.heapUsedBytes),
      met: result.loaded.heapUsedBytes <= HEAP_BUDGET_BYTES,
      how: `${how} Chromium’s used JS heap (CDP Runtime.getHeapUsage) after forced garbage collection.`,
      data: { empty: result.empty.heapUsedBytes, loaded: result.loaded.heapUsedBytes },
    },
    {
      id: 'memory-main-rss',
      figure: 'memory: desk (main) process RSS, 2,000 team members + 100,000 contacts loaded',
      budget: `≤ ${mb(RSS_BUDGET_BYTES)}`,
      reference: `same desk signed in, nothing loaded: ${mb(result.empty.rssBytes)}`,
      measured: `${mb(result.loaded.rssBytes)} (peak ${mb(result.rssPeakBytes)})`,
      met: result.loaded.rssBytes <= RSS_BUDGET_BYTES,
      how:
        `${how} VmRSS of the desk’s own process (start-web, bundled as the shell bundles main, plain node), ` +
        `sampled every second for ${result.rssSamples.length} s after loading; the last sample counts.`,
      data: {
        empty: result.empty.rssBytes,
        loaded: result.loaded.rssBytes,
        peak: result.rssPeakBytes,
        samples: result.rssSamples,
      },
    },
  ];
}

if (isEntryPoint(import.meta.url)) await runAlone(() => runMemoryBench());
