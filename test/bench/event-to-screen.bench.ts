// Event to screen: an event published on the broker -> the DOM showing it in Chromium, through
// the desk (its own process) and the browser host, at 1, 200 and 1,000 events/s, for a supervisor
// whose 2,000-agent team is loaded. Beside it, in the same run, a bare STOMP subscriber on the
// same topic: the reference.
//
// How:
// - desk-stack.ts's deployment with a roster of 2,000 agents in one team; supervisor 9001 signs
//   in through the page and the team is loaded (2,000 members in the desk and in the page).
// - A bare STOMP publisher in this process publishes GC State events on the desk's topic, on a
//   fixed schedule, each carrying a unique reason label `Bench <n>` (n counts up); it records the
//   publish time on this process's clock. A bare subscriber on the same topic records when each
//   event reached it: the reference.
// - In the page, a MutationObserver on the view records, on the page's clock, the first time each
//   `Bench <n>` appears in the DOM (the observer runs right after the DOM changed, before paint).
//   pageClockOffset() maps page time onto ours. The desk coalesces patches, so a label may be
//   replaced before it is ever shown: an event counts as on screen when the screen first shows it
//   or a later event about the same agent. Added latency per event = screen time − the bare
//   subscriber's time for that event.
// - Nothing dropped: after the last event the screen must show, for every agent the benchmark
//   changed, the label of the last event about them.
// - What is on screen: with the supervisor's team view (TEAM_VIEW below), events change team
//   members and rows in view are timed (half the events go to the agents whose rows are in view,
//   half to the rest of the team). Until the team view exists, the agent view is measured: the
//   events change the supervisor's own state, whose reason label the status bar shows; the team
//   is loaded all the same (its 2,000 members are in the page's state), but not displayed.
//
//   npx tsx test/bench/event-to-screen.bench.ts [team|agent]
//   BENCH_E2S_SECONDS: seconds per rate (default 20); BENCH_E2S_RATES: e.g. "1,200,1000".

import type { Page } from 'playwright-core';
import { encodeEvent } from '../../main/core/protocol/index.ts';
import type { StateEvent } from '../../main/core/protocol/event-types.ts';
import { connectBareStomp, publishText } from './bare-stomp.ts';
import {
  describe,
  distribution,
  envNumber,
  epochNow,
  isEntryPoint,
  ms,
  runAlone,
  sleep,
  waitFor,
  type Distribution,
  type Figure,
} from './bench-kit.ts';
import {
  observeHost,
  pageClockOffset,
  profilePage,
  signIn,
  startDeskStack,
  type DeskStack,
} from './desk-stack.ts';

export const TEAM_SIZE = 2_000;
const SUPERVISOR = { id: '9001', extension: '5901' } as const;
const FIRST_AGENT = 1001;

/** Budgets: p99 added over the reference, per rate (events/s); the 1/s rate has none of its own. */
export const ADDED_P99_BUDGET_MS: Readonly<Record<number, number>> = { 200: 16, 1000: 50 };

/** The supervisor's team view (renderer/src/components/supervisor/): its region, button and list. */
export const TEAM_VIEW = {
  region: 'Team',
  show: 'Show team',
  list: 'Team members',
} as const;

export type ScreenView = 'team' | 'agent';

const LABEL = /Bench (\d+)/g;

/** Installed in the page: records when each `Bench <n>` label first appears under `root`. */
function watchLabels(rootSelector: string): string {
  return `(() => {
    const root = document.querySelector(${JSON.stringify(rootSelector)});
    if (!root) throw new Error('nothing to watch at ${rootSelector}');
    const seen = new Set();
    window.__benchSeen = [];
    const scan = () => {
      const now = performance.timeOrigin + performance.now();
      for (const match of root.textContent.matchAll(/Bench (\\d+)/g)) {
        const n = Number(match[1]);
        if (!seen.has(n)) { seen.add(n); window.__benchSeen.push(n, now); }
      }
    };
    window.__benchObserver?.disconnect();
    window.__benchObserver = new MutationObserver(scan);
    window.__benchObserver.observe(root, { subtree: true, childList: true, characterData: true });
    scan();
  })()`;
}

interface Published {
  readonly agentId: string;
  readonly at: number;
}

export interface RateResult {
  readonly rate: number;
  readonly events: number;
  readonly timed: number;
  readonly screen: Distribution;
  readonly reference: Distribution;
  readonly added: Distribution;
  /** Agents whose last label the screen did not show at the end (the whole team, scrolled, in the team view). */
  readonly missingAtEnd: number;
  readonly referenceLost: number;
}

export interface EventToScreenResult {
  readonly view: ScreenView;
  readonly rates: readonly RateResult[];
  readonly clockUncertaintyMs: number;
}

function stateEvent(receiver: string, agentId: string, label: string): string {
  const event: StateEvent = {
    kind: 'State',
    receiver,
    state: 'NOT_READY',
    reasonCodeId: '7',
    stateChangeTimeString: '',
    pendingState: '',
    stateChangeTime: new Date().toISOString().slice(0, 19).replace('T', ' '),
    fullName: agentId === SUPERVISOR.id ? 'Bench Supervisor' : `Agent ${agentId}`,
    agentId,
    extension: agentId === SUPERVISOR.id ? SUPERVISOR.extension : String(Number(agentId) + 4000),
    reasonLabel: label,
    loginName: `agent${agentId}`,
  };
  const encoded = encodeEvent(event);
  if (!encoded.ok) throw new Error(encoded.error.message);
  return encoded.value;
}

/**
 * Shows the team (the team view's own button) and returns what to watch and the agents whose rows
 * are in the page; in the agent view, the status bar and the supervisor.
 */
async function prepareView(page: Page, view: ScreenView): Promise<{ root: string; inView: string[] }> {
  if (view === 'agent') return { root: '[aria-label="Your state"]', inView: [SUPERVISOR.id] };
  const region = page.getByRole('region', { name: TEAM_VIEW.region, exact: true });
  await region.getByRole('button', { name: TEAM_VIEW.show }).click();
  const list = region.getByRole('listbox', { name: TEAM_VIEW.list });
  await list.getByRole('option').first().waitFor({ timeout: 60_000 });
  await list.evaluate((element: { setAttribute(name: string, value: string): void }) =>
    element.setAttribute('data-bench-team', ''),
  );
  // The rows in the page (those in view and a few either side) name their agent: "Agent 1001, …".
  const text = (await list.textContent()) ?? '';
  const inView = [...new Set([...text.matchAll(/Agent (\d+),/g)].map((match) => match[1] as string))];
  if (inView.length === 0) throw new Error('no team member rows in the page');
  return { root: '[data-bench-team]', inView };
}

async function measureRate(
  stack: DeskStack,
  view: ScreenView,
  target: { root: string; inView: string[] },
  rate: number,
  seconds: number,
  firstSeq: number,
  offsetMs: number,
  /** The last label published about each agent, over every rate so far (updated here). */
  lastLabel: Map<string, number>,
): Promise<RateResult> {
  const { page } = stack;
  const topic = `/topic/${stack.clientDestination}`;
  const publisher = await connectBareStomp(stack.broker);
  const subscriber = await connectBareStomp(stack.broker);
  const reference = new Map<number, number>();
  subscriber.subscribe(topic, (message) => {
    const at = epochNow();
    for (const match of message.body.matchAll(LABEL)) reference.set(Number(match[1]), at);
  });
  await sleep(300);
  await page.evaluate(watchLabels(target.root));

  const count = Math.max(1, Math.round(rate * seconds));
  const published = new Map<number, Published>();
  let seq = firstSeq;
  const started = epochNow();
  for (let index = 0; index < count;) {
    const due = started + (index * 1000) / rate;
    const now = epochNow();
    if (now < due) {
      await sleep(Math.max(0, Math.floor(due - now)));
      continue;
    }
    const agentId =
      view === 'agent'
        ? SUPERVISOR.id
        : index % 2 === 0
          ? (target.inView[(index / 2) % target.inView.length] as string)
          : String(FIRST_AGENT + Math.floor(Math.random() * TEAM_SIZE));
    const n = seq++;
    const body = stateEvent(SUPERVISOR.id, agentId, `Bench ${n}`);
    published.set(n, { agentId, at: epochNow() });
    publishText(publisher, topic, body);
    lastLabel.set(agentId, n);
    index++;
  }

  // Settled: the bare subscriber has everything, and the screen shows the last label of each agent
  // in view (or the time is up: then what is missing is reported, not waited for).
  const lastInView = target.inView.map((agentId) => lastLabel.get(agentId)).filter((n) => n !== undefined);
  const seen = new Map<number, number>();
  const collect = async () => {
    const flat = (await page.evaluate('window.__benchSeen.splice(0)')) as number[];
    for (let index = 0; index < flat.length; index += 2)
      seen.set(flat[index] as number, flat[index + 1] as number);
  };
  await waitFor(
    async () => {
      await collect();
      return reference.size >= count && lastInView.every((n) => seen.has(n));
    },
    30_000,
    () => `the screen to settle at ${rate}/s (${seen.size} labels seen)`,
    100,
  ).catch(() => {});
  await collect();
  await publisher.deactivate();
  await subscriber.deactivate();

  // Screen time of event n: the first time the screen showed n or a later label of the same agent.
  const seenByAgent = new Map<string, { n: number; at: number }[]>();
  for (const [n, at] of seen) {
    const agentId = published.get(n)?.agentId;
    if (agentId === undefined) continue;
    const list = seenByAgent.get(agentId) ?? [];
    list.push({ n, at: at - offsetMs });
    seenByAgent.set(agentId, list);
  }
  const screenSamples: number[] = [];
  const referenceSamples: number[] = [];
  const addedSamples: number[] = [];
  for (const [n, event] of published) {
    const referenceAt = reference.get(n);
    if (referenceAt !== undefined) referenceSamples.push(referenceAt - event.at);
    if (!target.inView.includes(event.agentId)) continue;
    let shownAt = Number.POSITIVE_INFINITY;
    for (const shown of seenByAgent.get(event.agentId) ?? [])
      if (shown.n >= n) shownAt = Math.min(shownAt, shown.at);
    if (!Number.isFinite(shownAt)) continue;
    screenSamples.push(shownAt - event.at);
    if (referenceAt !== undefined) addedSamples.push(shownAt - referenceAt);
  }
  const missingAtEnd =
    view === 'team'
      ? await missingInTeamList(page, lastLabel)
      : lastInView.filter((n) => !seen.has(n)).length;
  return {
    rate,
    events: count,
    timed: screenSamples.length,
    screen: distribution(screenSamples),
    reference: distribution(referenceSamples),
    added: distribution(addedSamples),
    missingAtEnd,
    referenceLost: count - reference.size,
  };
}

/** After the runs: every agent's row must show the last label published about them (team view). */
async function missingInTeamList(page: Page, expected: ReadonlyMap<string, number>): Promise<number> {
  const labels = (await page.evaluate(`(async () => {
    const root = document.querySelector('[data-bench-team]');
    const scroller = root;
    const found = new Set();
    const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
    scroller.scrollTop = 0;
    for (;;) {
      await frame();
      for (const match of root.textContent.matchAll(/Bench (\\d+)/g)) found.add(Number(match[1]));
      if (scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 1) break;
      scroller.scrollTop += Math.max(1, scroller.clientHeight - 60);
    }
    scroller.scrollTop = 0;
    await frame();
    return [...found];
  })()`)) as number[];
  const shown = new Set(labels);
  return [...expected.values()].filter((n) => !shown.has(n)).length;
}

export async function measureEventToScreen(
  options: { view?: ScreenView; rates?: readonly number[]; seconds?: number } = {},
): Promise<EventToScreenResult> {
  const seconds = options.seconds ?? envNumber('BENCH_E2S_SECONDS', 20);
  const fromEnv = (process.env['BENCH_E2S_RATES'] ?? '')
    .split(',')
    .map(Number)
    .filter((rate) => rate > 0);
  const rates = options.rates ?? (fromEnv.length > 0 ? fromEnv : [1, 200, 1000]);
  const stack = await startDeskStack({ name: 'e2s', roster: { agents: TEAM_SIZE, teams: 1 } });
  try {
    const { page } = stack;
    await page.goto(stack.url);
    await signIn(page, SUPERVISOR.id, SUPERVISOR.extension);
    const host = await observeHost(stack.url);
    const teamId = host.state?.agent.teamId ?? '101';
    const view = options.view ?? ((await hasTeamView(page)) ? 'team' : 'agent');
    if (view === 'agent') {
      // The agent view shows no team; the team is loaded all the same, as a supervisor's desk has it.
      const loaded = await host.call('loadTeam', { teamId });
      if (!loaded.ok) throw new Error(`loadTeam: ${loaded.error?.message}`);
    }
    const target = await prepareView(page, view);
    await waitFor(
      () => Object.keys(host.state?.team.members ?? {}).length >= TEAM_SIZE,
      60_000,
      () => `the team of ${TEAM_SIZE} loaded (have ${Object.keys(host.state?.team.members ?? {}).length})`,
    );
    host.close();
    const offset = await pageClockOffset(page);
    const results: RateResult[] = [];
    const lastLabel = new Map<string, number>();
    let seq = 1;
    for (const rate of rates) {
      results.push(
        await profilePage(page, `event-to-screen-${rate}`, () =>
          measureRate(stack, view, target, rate, seconds, seq, offset.offsetMs, lastLabel),
        ),
      );
      seq += Math.max(1, Math.round(rate * seconds)) + 1;
      await sleep(1_000);
    }
    if (stack.pageErrors.length > 0) throw new Error(`page errors: ${stack.pageErrors.join('; ')}`);
    return { view, rates: results, clockUncertaintyMs: offset.rttMs / 2 };
  } finally {
    await stack.stop();
  }
}

/** Whether the supervisor's team view is on the page. */
async function hasTeamView(page: Page): Promise<boolean> {
  return (await page.getByRole('region', { name: TEAM_VIEW.region, exact: true }).count()) > 0;
}

export async function runEventToScreenBench(
  options: { view?: ScreenView; rates?: readonly number[]; seconds?: number } = {},
): Promise<Figure[]> {
  const result = await measureEventToScreen(options);
  const viewNote =
    result.view === 'team'
      ? 'Measured on the supervisor’s team view: events change team members; rows in view are timed.'
      : 'The supervisor’s team view does not exist yet: measured on the agent view (the supervisor’s own state ' +
        'in the status bar), with the 2,000-member team loaded but not displayed. ' +
        'event-to-screen.bench.ts switches to the team view by itself once it is on the page.';
  return result.rates.map((rate) => {
    const budget = ADDED_P99_BUDGET_MS[rate.rate];
    const complete = rate.missingAtEnd === 0 && rate.referenceLost === 0 && rate.timed > 0;
    return {
      id: `event-to-screen-${rate.rate}`,
      figure: `event to screen at ${rate.rate} event${rate.rate === 1 ? '' : 's'}/s, 2,000-agent team (${result.view} view)`,
      budget:
        budget === undefined
          ? 'final screen = final state (no latency budget at 1/s)'
          : `p99 added over the reference ≤ ${budget} ms; final screen = final state`,
      reference: `bare STOMP subscriber, same topic: ${describe(rate.reference, ['p50', 'p99'])}`,
      measured:
        `screen ${describe(rate.screen, ['p50', 'p99'])}; added p99 ${ms(rate.added.p99)}; ` +
        `${rate.missingAtEnd === 0 ? 'final screen = final state' : `${rate.missingAtEnd} agents not at their last state`}`,
      met: complete && (budget === undefined || rate.added.p99 <= budget),
      how:
        `${rate.events} State events published at ${rate.rate}/s on the desk’s topic; MutationObserver in the page ` +
        `records when each label first shows (clock offset ± ${ms(result.clockUncertaintyMs)}); added = screen − bare subscriber, per event.`,
      note: viewNote,
      data: { view: result.view, ...rate, clockUncertaintyMs: result.clockUncertaintyMs },
    };
  });
}

if (isEntryPoint(import.meta.url)) {
  const view = process.argv[2] === 'team' || process.argv[2] === 'agent' ? process.argv[2] : undefined;
  await runAlone(() => runEventToScreenBench(view ? { view } : {}));
}
