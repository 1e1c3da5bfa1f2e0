// The deployment the benchmarks measure, with nothing simulated but the contact center: a private
// ActiveMQ, a private gnome-keyring holding the broker passcode (stored by the real `switchboard
// passcode`), the simulator on that broker in this process where GC would be, `npm run start:web`
// (main/web/start-web.ts, bundled as the shell bundles main) as a child process in broker mode (so
// the desk's memory and CPU are its own), and Debian's
// Chromium on the address it prints. The same shape as test/e2e/broker-desk-fixture.ts, without
// vitest (benchmarks run under plain tsx) and with the sizes a benchmark needs: a 2,000-agent team,
// the 100,000-contact directory, the default or a quick reconnection policy.

import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { WebSocket } from 'ws';
import { applyPatch, type DeskPatch, type DeskState } from '../../preload/contract.ts';
import { SimulatorOnBroker } from '../../main/demo/broker-face.ts';
import type { ContactCenter, TrafficOptions } from '../../main/demo/sim/contact-center.ts';
import type { RosterOptions } from '../../main/demo/sim/roster.ts';
import { startActiveMq, type ActiveMqBroker } from '../fixtures/activemq.ts';
import { startPrivateKeyring, type PrivateKeyring } from '../fixtures/keyring.ts';
import { startWebChild, storeBrokerPasscode, undoAll } from '../fixtures/web-desk-process.ts';
import { epochNow, waitFor } from './bench-kit.ts';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
export const BROKER_USER = 'gcdesk';
export const AGENT_PASSWORD = 'demo';
/** The desk's side-panel width, as in the e2e tests; tall enough for a long team list. */
export const VIEWPORT = { width: 480, height: 900 } as const;

/** A contact center the benchmark drives: nobody calls, nothing happens unless asked. */
export const QUIET_TRAFFIC: TrafficOptions = {
  meanInterArrivalMs: Number.POSITIVE_INFINITY,
  meanTalkMs: Number.POSITIVE_INFINITY,
  meanPreviewGapMs: Number.POSITIVE_INFINITY,
  meanPatienceMs: Number.POSITIVE_INFINITY,
  ringTimeoutMs: 10 * 60_000,
  wrapUpMs: 10 * 60_000,
  remoteAnswerMs: 500,
};

/**
 * The simulator stands in for GC, which is not what is measured: it reconnects at once after a
 * broker restart, so a reconnection figure is the desk's own and not the simulator's backoff.
 */
const SIMULATOR_LINK = {
  heartbeat: { outgoingMs: 2_000, incomingMs: 2_000 },
  backoff: { initialDelayMs: 10, maxDelayMs: 50 },
} as const;

export interface DeskStackOptions {
  /** Names temp dirs and the desk's topic. */
  readonly name: string;
  readonly roster?: RosterOptions;
  readonly traffic?: TrafficOptions;
  /** The desk's broker settings beyond urls and user (heartbeat, backoff); default: none (defaults). */
  readonly brokerSettings?: Readonly<Record<string, unknown>>;
  /**
   * Where the simulator takes GC's commands from. Default: the desk's command queue. A benchmark
   * that consumes the desk's commands itself (to time them) moves the simulator elsewhere and
   * hands them on.
   */
  readonly simulatorCommandQueue?: string;
  /** Extra Chromium flags. */
  readonly chromiumArgs?: readonly string[];
  /** Extra node flags for the desk's process (e.g. `--cpu-prof` to profile it; BENCH_DESK_NODE_ARGS adds more). */
  readonly deskNodeArgs?: readonly string[];
  /** Runs once the broker and the simulator are up, before the desk starts (e.g. to consume its commands). */
  readonly beforeDesk?: (broker: ActiveMqBroker, simulator: SimulatorOnBroker) => Promise<void>;
}

export interface DeskStack {
  readonly broker: ActiveMqBroker;
  readonly simulator: SimulatorOnBroker;
  readonly center: ContactCenter;
  readonly keyring: PrivateKeyring;
  readonly browser: Browser;
  /** Already on the address start:web printed. */
  readonly page: Page;
  readonly pageErrors: string[];
  /** `http://127.0.0.1:<port>/?token=<token>` */
  readonly url: string;
  /** The desk's process (start:web): its RSS and CPU are the desk's own. */
  readonly deskPid: number;
  /** The desk's topic name (events to it go to `/topic/<clientDestination>`). */
  readonly clientDestination: string;
  /** The queue the desk sends its commands to (`/queue/...`). */
  readonly commandQueue: string;
  readonly rendererDir: string;
  webOutput(): string;
  stop(): Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// The renderer, built once per process

const builds = new Map<boolean, Promise<string>>();

/**
 * `npm run build:renderer` into a temp dir of this process (removed when it exits). `readable`
 * (default: while BENCH_PROFILE_DIR is set) leaves it unminified, so that a profile names the
 * renderer's own functions. BENCH_RENDERER_DIR names a renderer built elsewhere to serve instead.
 */
export function rendererBuild(readable = process.env['BENCH_PROFILE_DIR'] !== undefined): Promise<string> {
  // A renderer built elsewhere (another version, to compare two in the same conditions).
  const other = process.env['BENCH_RENDERER_DIR'];
  if (other) return Promise.resolve(other);
  let built = builds.get(readable);
  if (!built) {
    built = (async () => {
      const dir = await mkdtemp(join(tmpdir(), 'switchboard-bench-renderer-'));
      process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
      await promisify(execFile)(
        'npx',
        [
          'vite',
          'build',
          '--config',
          'renderer/vite.config.ts',
          '--outDir',
          dir,
          '--emptyOutDir',
          ...(readable ? ['--minify', 'false'] : []),
        ],
        { cwd: repoRoot },
      );
      return dir;
    })();
    builds.set(readable, built);
  }
  return built;
}

// ---------------------------------------------------------------------------------------------
// The desk's process, bundled as the shell ships main (build/bundle-shell.mjs): one ESM file with
// our TypeScript inlined and the packages left to node_modules. Run by plain node, so that its
// memory and start-up are the desk's and not a TypeScript loader's (tsx adds ~35 MB of RSS).

let bundled: Promise<string> | undefined;

/**
 * The bundle of main/web/start-web.ts, built once per process. BENCH_DESK_SCRIPT names a desk
 * script to run instead (a build of another version, to compare two in the same conditions).
 */
export function startWebBundle(): Promise<string> {
  const other = process.env['BENCH_DESK_SCRIPT'];
  if (other) return Promise.resolve(other);
  bundled ??= (async () => {
    const dir = await mkdtemp(join(tmpdir(), 'switchboard-bench-desk-'));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    // The bundle resolves its packages from the checkout's node_modules.
    await symlink(join(repoRoot, 'node_modules'), join(dir, 'node_modules'), 'dir');
    const outfile = join(dir, 'start-web.mjs');
    await build({
      entryPoints: [join(repoRoot, 'main', 'web', 'start-web.ts')],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      logLevel: 'warning',
    });
    return outfile;
  })();
  return bundled;
}

// ---------------------------------------------------------------------------------------------
// Chromium

export const ON_DEMAND_FRAMES = ['--disable-gpu-vsync', '--disable-frame-rate-limit'] as const;

export interface ChromiumPage {
  readonly browser: Browser;
  readonly page: Page;
  readonly pageErrors: string[];
}

/** Headless Chromium with one page at the desk's width, in US English, recording its errors. */
export async function openChromium(extraArgs: readonly string[] = []): Promise<ChromiumPage> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      // A page in a background tab or behind another window is throttled; this one is watched.
      '--disable-background-timer-throttling',
      '--disable-renderer-backgrounding',
      // Frames on demand instead of on a 60 Hz beat: "painted" then means the frame holding the
      // change was produced, not that the display's next refresh (0-16.7 ms away, the same for
      // any page) came round. Measured here: a DOM change is painted ~1 ms later this way.
      ...ON_DEMAND_FRAMES,
      ...extraArgs,
    ],
  });
  try {
    const context = await browser.newContext({ viewport: VIEWPORT, locale: 'en-US' });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
    return { browser, page, pageErrors };
  } catch (error) {
    await browser.close();
    throw error;
  }
}

/**
 * A way for the page to tell this process something the moment it happens, without polling it
 * (each page.evaluate is a task on the page's main thread, and polling every few milliseconds
 * would delay the very work being timed): `window[name](...values)` in the page queues the values
 * here. Register before the page loads.
 */
export async function pageSignal(
  page: Page,
  name: string,
): Promise<{ next(timeoutMs?: number): Promise<unknown[]>; clear(): void }> {
  const queued: unknown[][] = [];
  const waiting: ((values: unknown[]) => void)[] = [];
  await page.exposeFunction(name, (...values: unknown[]) => {
    const waiter = waiting.shift();
    if (waiter) waiter(values);
    else queued.push(values);
  });
  return {
    clear: () => void queued.splice(0),
    next(timeoutMs = 30_000) {
      const ready = queued.shift();
      if (ready) return Promise.resolve(ready);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting.splice(waiting.indexOf(settle), 1);
          reject(new Error(`the page did not call ${name} within ${timeoutMs} ms`));
        }, timeoutMs);
        const settle = (values: unknown[]) => {
          clearTimeout(timer);
          resolve(values);
        };
        waiting.push(settle);
      });
    },
  };
}

/**
 * How far the page's clock (`performance.timeOrigin + performance.now()` in the page) is ahead of
 * this process's epochNow(): from the round trip with the smallest delay, whose midpoint is the
 * best estimate of when the page read its clock. Page time − offset = time on our clock.
 */
export async function pageClockOffset(page: Page, rounds = 30): Promise<{ offsetMs: number; rttMs: number }> {
  let best = { offsetMs: 0, rttMs: Number.POSITIVE_INFINITY };
  for (let index = 0; index < rounds; index++) {
    const sent = epochNow();
    const pageTime = (await page.evaluate('performance.timeOrigin + performance.now()')) as number;
    const received = epochNow();
    const rtt = received - sent;
    if (rtt < best.rttMs) best = { offsetMs: pageTime - (sent + received) / 2, rttMs: rtt };
  }
  return best;
}

// ---------------------------------------------------------------------------------------------
// The stack

/** The command queue the desk of a stack named `name` sends to (a name, as in settings.json). */
export function deskCommandQueue(name: string): string {
  return `Connector-${name}`;
}

export async function startDeskStack(options: DeskStackOptions): Promise<DeskStack> {
  const teardown: (() => Promise<unknown>)[] = [];
  let stopped: Promise<void> | undefined;
  const stop = () => (stopped ??= undoAll(teardown));
  try {
    const root = await mkdtemp(join(tmpdir(), `switchboard-bench-${options.name}-`));
    teardown.push(() => rm(root, { recursive: true, force: true }));
    const userDataDir = join(root, 'user-data');
    await mkdir(userDataDir, { mode: 0o700 });

    const [broker, keyring, rendererDir, startWebFile] = await Promise.all([
      startActiveMq({ user: BROKER_USER, password: randomBytes(12).toString('hex'), persistent: false }).then(
        (started) => {
          teardown.push(() => started.dispose());
          return started;
        },
      ),
      startPrivateKeyring().then((started) => {
        teardown.push(() => started.stop());
        return started;
      }),
      rendererBuild(),
      startWebBundle(),
    ]);

    const commandQueue = deskCommandQueue(options.name);
    const simulator = new SimulatorOnBroker({
      broker: {
        brokerUrls: [broker.stompUrl],
        login: broker.user,
        passcode: broker.password,
        ...SIMULATOR_LINK,
      },
      commandQueue: options.simulatorCommandQueue ?? commandQueue,
      roster: { password: AGENT_PASSWORD, ...options.roster },
      seed: 11,
      autopilot: false,
      traffic: { ...QUIET_TRAFFIC, ...options.traffic },
    });
    teardown.push(() => simulator.stop());
    await simulator.start();
    await options.beforeDesk?.(broker, simulator);

    const clientDestination = `switchboard-bench-${options.name}-${process.pid}`;
    await writeFile(
      join(userDataDir, 'settings.json'),
      `${JSON.stringify(
        {
          mode: 'broker',
          broker: {
            urls: [broker.stompUrl],
            user: broker.user,
            commandQueue,
            clientDestination,
            ...options.brokerSettings,
          },
        },
        null,
        2,
      )}\n`,
    );
    await storeBrokerPasscode(keyring, broker);

    const profileDir = process.env['BENCH_PROFILE_DIR'];
    const nodeArgs = [
      ...(options.deskNodeArgs ?? []),
      ...(process.env['BENCH_DESK_NODE_ARGS']?.split(' ').filter(Boolean) ?? []),
      ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${join(profileDir, `desk-${options.name}`)}`] : []),
    ];
    const web = startWebChild(
      nodeArgs,
      startWebFile,
      ['--user-data', userDataDir, '--renderer', rendererDir],
      keyring.env,
    );
    teardown.push(() => web.stop());
    const url = await web.url;

    const { browser, page, pageErrors } = await openChromium(options.chromiumArgs);
    teardown.push(() => browser.close());

    return {
      broker,
      simulator,
      center: simulator.peer.center,
      keyring,
      browser,
      page,
      pageErrors,
      url,
      deskPid: web.pid,
      clientDestination,
      commandQueue: `/queue/${commandQueue}`,
      rendererDir,
      webOutput: web.output,
      stop,
    };
  } catch (error) {
    await stop().catch(() => {});
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// Driving the page

/** Waits for the desk to be in service, then signs in through the sign-in view. */
export async function signIn(page: Page, agentId: string, extension: string): Promise<void> {
  await page
    .getByRole('status', { name: 'Connection' })
    .filter({ hasText: 'Connected' })
    .waitFor({ timeout: 60_000 });
  await page.getByLabel('Agent id').fill(agentId);
  await page.getByLabel('Password', { exact: true }).fill(AGENT_PASSWORD);
  await page.getByLabel('Extension').fill(extension);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('region', { name: 'Your state' }).waitFor({ timeout: 60_000 });
}

// ---------------------------------------------------------------------------------------------
// Watching the desk from Node: a second tab's view of the desk, over the browser host's WebSocket

export interface HostObserver {
  /** The desk state as the host last described it (snapshot + patches). */
  readonly state: DeskState | undefined;
  /** Called with each patch and the time it arrived (epochNow). */
  onPatch(listener: (patch: DeskPatch, at: number, state: DeskState) => void): () => void;
  /** A DeskApi call, as the page makes them; resolves with the desk's Result. */
  call(method: string, payload?: unknown): Promise<{ ok: boolean; error?: { message: string } }>;
  close(): void;
}

export async function observeHost(pageUrl: string): Promise<HostObserver> {
  const page = new URL(pageUrl);
  const api = `ws://${page.host}/api?token=${page.searchParams.get('token') ?? ''}`;
  const socket = new WebSocket(api, { headers: { Origin: `http://${page.host}` } });
  let state: DeskState | undefined;
  const listeners = new Set<(patch: DeskPatch, at: number, state: DeskState) => void>();
  const answers = new Map<number, (result: { ok: boolean; error?: { message: string } }) => void>();
  let nextId = 1;
  socket.on('message', (data) => {
    const at = epochNow();
    const message = JSON.parse(String(data)) as {
      snapshot?: DeskState;
      patch?: DeskPatch;
      id?: number;
      result?: { ok: boolean; error?: { message: string } };
    };
    if (message.id !== undefined && message.result) {
      answers.get(message.id)?.(message.result);
      answers.delete(message.id);
    } else if (message.snapshot) state = message.snapshot;
    else if (message.patch && state) {
      state = applyPatch(state, message.patch);
      for (const listener of listeners) listener(message.patch, at, state);
    }
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  await waitFor(() => state !== undefined, 10_000, 'the browser host’s snapshot');
  return {
    get state() {
      return state;
    },
    onPatch(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    call(method, payload) {
      const id = nextId++;
      return new Promise((resolve) => {
        answers.set(id, resolve);
        socket.send(JSON.stringify(payload === undefined ? { id, method } : { id, method, payload }));
      });
    },
    close: () => socket.close(),
  };
}

// ---------------------------------------------------------------------------------------------
// Profiles, to find out why when a budget is missed

/**
 * With BENCH_PROFILE_DIR set, records a CPU profile of the page while `work` runs, into
 * `<dir>/page-<label>.cpuprofile` (open it in Chrome's DevTools, Performance or JavaScript
 * Profiler). The desk's process is profiled for its whole life into `<dir>/desk-<name>/`.
 */
export async function profilePage<T>(page: Page, label: string, work: () => Promise<T>): Promise<T> {
  const dir = process.env['BENCH_PROFILE_DIR'];
  if (!dir) return work();
  const cdp = await page.context().newCDPSession(page);
  const metrics = async () =>
    Object.fromEntries(
      (await cdp.send('Performance.getMetrics')).metrics.map((metric) => [metric.name, metric.value]),
    );
  await cdp.send('Performance.enable');
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  const before = await metrics();
  await cdp.send('Profiler.start');
  try {
    return await work();
  } finally {
    const { profile } = await cdp.send('Profiler.stop');
    const after = await metrics();
    // Seconds the page's main thread spent, by kind, while `work` ran.
    const spent = Object.fromEntries(
      ['TaskDuration', 'ScriptDuration', 'RecalcStyleDuration', 'LayoutDuration'].map((name) => [
        name,
        Math.round(((after[name] ?? 0) - (before[name] ?? 0)) * 1000) / 1000,
      ]),
    );
    console.log(`page ${label}: main thread seconds ${JSON.stringify(spent)}`);
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, `page-${label}.cpuprofile`), JSON.stringify(profile));
    await writeFile(
      join(dir, `page-${label}.metrics.json`),
      JSON.stringify({ before, after, spent }, null, 2),
    );
    await cdp.detach();
  }
}

// ---------------------------------------------------------------------------------------------
// A process's memory and CPU, from /proc

/** Resident set size in bytes. */
export function rssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
  if (kb === undefined) throw new Error(`no VmRSS for process ${pid}`);
  return Number(kb) * 1024;
}

const CLOCK_TICKS = 100;

/** CPU seconds (user + system) a process has used so far. */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}
