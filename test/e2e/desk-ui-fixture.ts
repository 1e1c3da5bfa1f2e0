// A desk UI to drive: the renderer built into a temp dir, the real desk runtime in demo mode (a
// quiet contact center the test scripts), the browser host on it, and Debian's Chromium on the
// page. Every view the test photographs is also checked by axe-core, light and dark (page-kit.ts).

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { ContactCenter, TrafficOptions } from '../../main/demo/sim/contact-center.ts';
import type { RosterOptions } from '../../main/demo/sim/roster.ts';
import { createKeychainVault } from '../../main/core/vault/index.ts';
import { openDeskRuntime, type DeskRuntime } from '../../main/runtime/desk-runtime.ts';
import { startBrowserHost, type BrowserHost } from '../../main/web/browser-host.ts';
import { buildRenderer, openChromium, overflowing, scrollWidth, shoot } from './page-kit.ts';

export { screenshots } from './page-kit.ts';

export interface DeskUi {
  readonly runtime: DeskRuntime;
  readonly host: BrowserHost;
  readonly browser: Browser;
  readonly page: Page;
  readonly pageErrors: string[];
  readonly center: ContactCenter;
  /** Screenshot light and dark, each checked by axe-core (no serious or critical violation). */
  shoot(name: string): Promise<void>;
  /** The laid-out width: wider than the viewport means something did not wrap. */
  scrollWidth(): Promise<number>;
  /** The elements reaching past the viewport's right edge (tag.class right-edge), for messages. */
  overflowing(): Promise<string[]>;
  stop(): Promise<void>;
}

/** How the demo contact center differs from the quiet default (no autopilot, UCCE, 24 agents). */
export interface DemoCenterOptions {
  /** Colleagues sign in, go ready, take calls and take breaks on their own. */
  readonly autopilot?: boolean;
  /** Which form of queue statistics the center sends. */
  readonly deployment?: 'ucce' | 'uccx';
  readonly roster?: RosterOptions;
}

/** `traffic` adjusts the quiet demo (e.g. a quicker far end); `center` its people and deployment. */
export async function startDeskUi(
  name: string,
  traffic: TrafficOptions = {},
  center: DemoCenterOptions = {},
): Promise<DeskUi> {
  const root = await mkdtemp(join(tmpdir(), `switchboard-${name}-`));
  const rendererDir = join(root, 'renderer');
  await buildRenderer(rendererDir);
  const runtime = await openDeskRuntime({
    userDataDir: join(root, 'user-data'),
    // The real keychain under this run's own service name: unavailable on CI (the desk says so),
    // and elsewhere it touches only entries it made.
    vault: createKeychainVault({ service: `Switchboard-${name}-${process.pid}` }),
    demo: {
      seed: 7,
      autopilot: center.autopilot ?? false,
      ...(center.deployment ? { deployment: center.deployment } : {}),
      ...(center.roster ? { roster: center.roster } : {}),
      traffic: {
        meanInterArrivalMs: Number.POSITIVE_INFINITY,
        meanTalkMs: Number.POSITIVE_INFINITY,
        meanPreviewGapMs: Number.POSITIVE_INFINITY,
        wrapUpMs: 10 * 60_000,
        ...traffic,
      },
    },
  });
  const host = await startBrowserHost({ desk: runtime.desk, rendererDir, log: () => {} });
  const { browser, page, pageErrors } = await openChromium();
  const gateway = runtime.demoGateway;
  if (!gateway) throw new Error('the runtime is not in demo mode');

  return {
    runtime,
    host,
    browser,
    page,
    pageErrors,
    center: gateway.peer.center,
    shoot: (view) => shoot(page, view),
    scrollWidth: () => scrollWidth(page),
    overflowing: () => overflowing(page),
    async stop() {
      await browser.close();
      await host.stop();
      await runtime.stop();
      await rm(root, { recursive: true, force: true });
    },
  };
}
