// The desk UI as a deployment runs it, with nothing simulated but the contact center: a private
// ActiveMQ (with a broker user and password), a private gnome-keyring holding the broker passcode
// (put there by the real `switchboard passcode`), the simulator on that broker in this process
// (so the test scripts arrivals and reads what GC saw), `npm run start:web` as a child process in
// broker mode with its own user-data and renderer directories and the keyring's environment, and
// Debian's Chromium on the address it prints. Every view the test photographs is also checked by
// axe-core, light and dark (page-kit.ts). stop() takes all of it down, also after a failure
// halfway through starting.
//
// The simulated contact center is quiet by default (no callers of its own, colleagues signed
// out, UCCE, 24 agents); `traffic` and `center` adjust it the way desk-ui-fixture.ts adjusts the
// embedded demo, so a test written against one fixture runs on the other. Used by agent-day,
// broker-outage and supervisor (test/e2e/*.test.ts).

import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { SimulatorOnBroker } from '../../main/demo/broker-face.ts';
import type { ContactCenter, TrafficOptions } from '../../main/demo/sim/contact-center.ts';
import { startActiveMq, type ActiveMqBroker } from '../fixtures/activemq.ts';
import { startPrivateKeyring, type PrivateKeyring } from '../fixtures/keyring.ts';
import { startWebChild, storeBrokerPasscode, undoAll } from '../fixtures/web-desk-process.ts';
import type { DemoCenterOptions } from './desk-ui-fixture.ts';
import { buildRenderer, openChromium, overflowing, repoRoot, scrollWidth, shoot } from './page-kit.ts';

export interface BrokerDeskUi {
  readonly browser: Browser;
  /** Already on the address start:web printed. */
  readonly page: Page;
  /** `http://127.0.0.1:<port>/?token=<token>`, as start:web printed it. */
  readonly url: string;
  readonly pageErrors: string[];
  /** The simulated contact center behind GC's command queue: script it, read what it saw. */
  readonly center: ContactCenter;
  readonly simulator: SimulatorOnBroker;
  /** Stop and start it to take the desk's link away and give it back. */
  readonly broker: ActiveMqBroker;
  readonly keyring: PrivateKeyring;
  /** start:web's --user-data: settings.json, logs/, callback-outbox.jsonl. */
  readonly userDataDir: string;
  /** What start:web printed so far (stdout and stderr), for failure messages. */
  webOutput(): string;
  /** Screenshot light and dark, each checked by axe-core (no serious or critical violation). */
  shoot(name: string): Promise<void>;
  /** The laid-out width: wider than the viewport means something did not wrap. */
  scrollWidth(): Promise<number>;
  /** The elements reaching past the viewport's right edge (tag.class right-edge), for messages. */
  overflowing(): Promise<string[]>;
  stop(): Promise<void>;
}

export const BROKER_USER = 'gcdesk';
/** Every simulated agent's password. */
export const AGENT_PASSWORD = 'demo';

/**
 * A quiet contact center the test scripts: no callers, previews or hang-ups of its own, no
 * callers giving up, rings that wait for a slow machine, and a wrap-up that lasts until the agent
 * ends it. Colleagues stay signed out unless the test signs one in or turns the autopilot on.
 */
const QUIET_TRAFFIC: TrafficOptions = {
  meanInterArrivalMs: Number.POSITIVE_INFINITY,
  meanTalkMs: Number.POSITIVE_INFINITY,
  meanPreviewGapMs: Number.POSITIVE_INFINITY,
  meanPatienceMs: Number.POSITIVE_INFINITY,
  ringTimeoutMs: 10 * 60_000,
  wrapUpMs: 10 * 60_000,
  remoteAnswerMs: 500,
};

/** Reconnect promptly once the broker is back, and notice a dead link within seconds. */
const QUICK_LINK = {
  heartbeat: { outgoingMs: 2_000, incomingMs: 2_000 },
  backoff: { initialDelayMs: 100, maxDelayMs: 1_000 },
} as const;

/**
 * `traffic` adjusts the quiet contact center's timings; `center` its people and deployment (the
 * same options, with the same defaults, as the embedded demo's in desk-ui-fixture.ts).
 */
export async function startBrokerDeskUi(
  name: string,
  traffic: TrafficOptions = {},
  center: DemoCenterOptions = {},
): Promise<BrokerDeskUi> {
  // Undone in reverse order by stop(), or at once if a later step fails.
  const teardown: (() => Promise<unknown>)[] = [];
  let stopped: Promise<void> | undefined;
  const stop = () => (stopped ??= undoAll(teardown));
  try {
    const root = await mkdtemp(join(tmpdir(), `switchboard-${name}-`));
    teardown.push(() => rm(root, { recursive: true, force: true }));
    const rendererDir = join(root, 'renderer');
    const userDataDir = join(root, 'user-data');
    await mkdir(userDataDir, { mode: 0o700 });

    const brokerPassword = randomBytes(12).toString('hex');
    // The three slow parts side by side; all of them settle before a failure is thrown, so
    // whatever did start is on the teardown list.
    const [broker, keyring] = await allStarted([
      startActiveMq({ user: BROKER_USER, password: brokerPassword }).then((started) => {
        teardown.push(() => started.dispose());
        return started;
      }),
      startPrivateKeyring().then((started) => {
        teardown.push(() => started.stop());
        return started;
      }),
      buildRenderer(rendererDir),
    ] as const);

    const simulator = new SimulatorOnBroker({
      broker: { brokerUrls: [broker.stompUrl], login: broker.user, passcode: broker.password, ...QUICK_LINK },
      roster: { ...center.roster, password: AGENT_PASSWORD },
      seed: 11,
      autopilot: center.autopilot ?? false,
      ...(center.deployment ? { deployment: center.deployment } : {}),
      traffic: { ...QUIET_TRAFFIC, ...traffic },
    });
    teardown.push(() => simulator.stop());
    await simulator.start();

    await writeFile(
      join(userDataDir, 'settings.json'),
      `${JSON.stringify(
        {
          mode: 'broker',
          broker: {
            urls: [broker.stompUrl],
            user: broker.user,
            clientDestination: `switchboard-e2e-${name}-${process.pid}`,
            ...QUICK_LINK,
          },
        },
        null,
        2,
      )}\n`,
    );
    await storeBrokerPasscode(keyring, broker);

    const web = startWebChild(
      ['--import', 'tsx'],
      join(repoRoot, 'main', 'web', 'start-web.ts'),
      ['--user-data', userDataDir, '--renderer', rendererDir],
      keyring.env,
    );
    teardown.push(() => web.stop());
    const url = await web.url;

    const { browser, page, pageErrors } = await openChromium();
    teardown.push(() => browser.close());
    await page.goto(url);

    return {
      browser,
      page,
      url,
      pageErrors,
      center: simulator.peer.center,
      simulator,
      broker,
      keyring,
      userDataDir,
      webOutput: web.output,
      shoot: (view) => shoot(page, view),
      scrollWidth: () => scrollWidth(page),
      overflowing: () => overflowing(page),
      stop,
    };
  } catch (error) {
    await stop().catch(() => {});
    throw error;
  }
}

/** Promise.all, except that it waits for every promise before throwing the first failure. */
async function allStarted<T extends readonly unknown[]>(promises: {
  readonly [K in keyof T]: Promise<T[K]>;
}): Promise<T> {
  const settled = await Promise.allSettled(promises);
  const failed = settled.find((result) => result.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((result) => (result as PromiseFulfilledResult<unknown>).value) as unknown as T;
}
