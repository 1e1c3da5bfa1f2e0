// main/shell/main.ts started for real in Node, against a recording stand-in for Electron
// (fake-electron.ts) and the real desk on the demo contact center: the glue is exercised, not
// only typechecked. What is checked here is what the glue hands Electron (the window options,
// the app:// responses, the permission and navigation answers, the IPC results, the tray, the
// notifications, the shortcuts); whether Electron then behaves is the `_electron` suite's job.

import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DeskState, Result } from '../../../preload/contract.ts';
import { IPC_CHANNELS } from '../../../preload/ipc-channels.ts';
import {
  APP_CONTENT_SECURITY_POLICY,
  APP_INDEX_URL,
  APP_SCHEME_PRIVILEGES,
} from '../../../main/shell/app-protocol.ts';
import { TEST_HOOKS_GLOBAL, type SwitchboardTestHooks } from '../../../main/shell/test-hooks.ts';
import { mainWindowOptions } from '../../../main/shell/window-options.ts';
import {
  FakeBrowserWindow,
  FakeNotification,
  FakeTray,
  FakeWebContents,
  app,
  powerMonitor,
  recorded,
} from './fake-electron.ts';

vi.mock('electron', async () => (await import('./fake-electron.ts')).electron);

const root = mkdtempSync(join(tmpdir(), 'switchboard-glue-'));
const appDir = join(root, 'app');
const OUR_FRAME = { sender: { id: 7 }, senderFrame: { url: APP_INDEX_URL, parent: null } };

let hooks: SwitchboardTestHooks;
let window: FakeBrowserWindow;
let tray: FakeTray;

type Invoke = (event: unknown, ...args: unknown[]) => Promise<Result<unknown>>;
function call(method: string, payload?: unknown, event: unknown = OUR_FRAME): Promise<Result<unknown>> {
  const handler = recorded.ipcHandlers.get(IPC_CHANNELS.deskCall) as Invoke | undefined;
  if (!handler) throw new Error('no IPC handler');
  return payload === undefined ? handler(event, method) : handler(event, method, payload);
}

async function state(): Promise<DeskState> {
  const result = await call('getState');
  if (!result.ok) throw new Error(result.error.message);
  return result.value as DeskState;
}

function menuItems(): {
  id?: string;
  label?: string;
  enabled?: boolean;
  click?: () => void;
  submenu?: unknown;
}[] {
  return (tray.menu as { template: [] }).template;
}

beforeAll(async () => {
  mkdirSync(join(appDir, 'out', 'renderer', 'assets'), { recursive: true });
  writeFileSync(join(appDir, 'out', 'renderer', 'index.html'), '<!doctype html><title>Switchboard</title>');
  writeFileSync(join(appDir, 'out', 'renderer', 'assets', 'app.js'), 'export {};');
  writeFileSync(join(root, 'secret.txt'), 'not for the page');
  app.appPath = appDir;
  process.env['SWITCHBOARD_TEST_HOOKS'] = '1';
  process.env['SWITCHBOARD_USER_DATA_DIR'] = join(root, 'user-data');
  await import('../../../main/shell/main.ts');
  await vi.waitFor(() => expect(Reflect.get(globalThis, TEST_HOOKS_GLOBAL)).toBeDefined(), {
    timeout: 15_000,
  });
  hooks = Reflect.get(globalThis, TEST_HOOKS_GLOBAL) as SwitchboardTestHooks;
  window = FakeBrowserWindow.created[0] as FakeBrowserWindow;
  tray = FakeTray.created[0] as FakeTray;
  await vi.waitFor(async () => expect((await state()).connection.status).toBe('in-service'), {
    timeout: 15_000,
  });
}, 30_000);

afterAll(async () => {
  app.emit('before-quit');
  app.emit('will-quit', { preventDefault() {} });
  await vi.waitFor(() => expect(app.quitCalls).toBeGreaterThan(0), { timeout: 15_000 });
  delete process.env['SWITCHBOARD_TEST_HOOKS'];
  delete process.env['SWITCHBOARD_USER_DATA_DIR'];
  rmSync(root, { recursive: true, force: true });
});

describe('the window', () => {
  it('registers app:// as privileged and loads the page from it, in the asserted options', () => {
    expect(recorded.schemes).toEqual([APP_SCHEME_PRIVILEGES]);
    expect(FakeBrowserWindow.created).toHaveLength(1);
    expect(window.options).toStrictEqual(
      mainWindowOptions({
        preload: join(appDir, 'out', 'preload', 'bridge.cjs'),
        ...(process.platform === 'darwin' ? {} : { icon: join(appDir, 'build', 'icon.png') }),
        devTools: true,
      }),
    );
    expect(window.loadedUrl).toBe(APP_INDEX_URL);
  });

  it('shows itself when ready, and hides to the tray on close', () => {
    window.emit('ready-to-show');
    expect(window.isVisible()).toBe(true);
    const close = {
      prevented: false,
      preventDefault() {
        this.prevented = true;
      },
    };
    window.emit('close', close);
    expect(close.prevented).toBe(true);
    expect(window.isVisible()).toBe(false);
  });
});

describe('app://', () => {
  const handler = () => recorded.protocolHandlers.get('app') as (request: Request) => Promise<Response>;

  it('serves the page with the CSP, and assets with their types', async () => {
    const page = await handler()(new Request(APP_INDEX_URL));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(APP_CONTENT_SECURITY_POLICY);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toContain('<title>Switchboard</title>');
    const script = await handler()(new Request('app://switchboard/assets/app.js'));
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('serves nothing outside the renderer directory, and nothing missing', async () => {
    for (const url of [
      'app://switchboard/..%2f..%2fsecret.txt',
      'app://switchboard/%2e%2e/%2e%2e/secret.txt',
      'app://other/index.html',
      'app://switchboard/missing.js',
    ]) {
      const response = await handler()(new Request(url));
      expect(response.status, url).toBeGreaterThanOrEqual(400);
      expect(await response.text(), url).not.toContain('not for the page');
      expect(response.headers.get('content-security-policy'), url).toBe(APP_CONTENT_SECURITY_POLICY);
    }
  });
});

describe('permissions, requests and navigation', () => {
  it('grants notifications to our page only', () => {
    const decide = (permission: string, requestingUrl: string) => {
      let granted: boolean | undefined;
      (recorded.permissionRequest as (...args: unknown[]) => void)(
        {},
        permission,
        (value: boolean) => (granted = value),
        { requestingUrl },
      );
      return granted;
    };
    expect(decide('notifications', APP_INDEX_URL)).toBe(true);
    expect(decide('media', APP_INDEX_URL)).toBe(false);
    expect(decide('notifications', 'https://evil.example/')).toBe(false);
    const check = recorded.permissionCheck as (...args: unknown[]) => boolean;
    expect(check(null, 'geolocation', 'app://switchboard')).toBe(false);
  });

  it('cancels every request off app://', () => {
    expect(recorded.beforeRequest?.filter.urls).toEqual([
      'http://*/*',
      'https://*/*',
      'ws://*/*',
      'wss://*/*',
      'file:///*',
    ]);
    let answer: unknown;
    recorded.beforeRequest?.listener(
      { url: 'https://evil.example/x.js' } as never,
      ((value: unknown) => (answer = value)) as never,
    );
    expect(answer).toEqual({ cancel: true });
  });

  it('never navigates or opens windows; https links go to the browser, others nowhere', () => {
    const contents = new FakeWebContents(99);
    app.emit('web-contents-created', {}, contents);
    const navigate = (url: string) => {
      const event = {
        prevented: false,
        preventDefault() {
          this.prevented = true;
        },
      };
      contents.emit('will-navigate', event, url);
      return event.prevented;
    };
    expect(navigate('https://www.cisco.com/')).toBe(true);
    expect(navigate('file:///etc/passwd')).toBe(true);
    expect(navigate('http://example.com/')).toBe(true);
    expect(contents.windowOpenHandler?.({ url: 'https://example.com/help' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'smb://host/share' })).toEqual({ action: 'deny' });
    expect(recorded.openedExternally).toEqual(['https://www.cisco.com/', 'https://example.com/help']);
    const attach = {
      prevented: false,
      preventDefault() {
        this.prevented = true;
      },
    };
    contents.emit('will-attach-webview', attach);
    expect(attach.prevented).toBe(true);
  });
});

describe('the IPC bridge', () => {
  it('answers our window’s main frame', async () => {
    const result = await call('getState');
    expect(result.ok).toBe(true);
  });

  it.each([
    ['another webContents', { sender: { id: 8 }, senderFrame: OUR_FRAME.senderFrame }],
    ['an iframe', { sender: { id: 7 }, senderFrame: { url: APP_INDEX_URL, parent: {} } }],
    ['a remote page', { sender: { id: 7 }, senderFrame: { url: 'https://evil.example/', parent: null } }],
    ['a frame that is gone', { sender: { id: 7 }, senderFrame: null }],
  ])('refuses %s', async (_name, event) => {
    expect(await call('getState', undefined, event)).toEqual({
      ok: false,
      error: { code: 'forbidden', message: 'This request did not come from the Switchboard window.' },
    });
  });

  it('refuses a payload that does not fit, before the desk sees it', async () => {
    expect(await call('answer', { dialogId: 'd1', extra: 1 })).toMatchObject({
      ok: false,
      error: { code: 'invalid-request', field: 'extra' },
    });
    expect(await call('openDevTools')).toMatchObject({ ok: false, error: { field: 'method' } });
  });

  it('signs in, and sends patches to the window', async () => {
    const before = window.webContents.sent.length;
    expect(await call('signIn', { agentId: '1001', password: 'demo', extension: '5001' })).toEqual({
      ok: true,
      value: undefined,
    });
    await vi.waitFor(async () => expect((await state()).agent.signIn).toBe('signed-in'), { timeout: 10_000 });
    // The state is current at once; its patch follows within the coalescing interval.
    const patches = () =>
      window.webContents.sent.slice(before).filter((sent) => sent.channel === IPC_CHANNELS.deskPatch);
    await vi.waitFor(() => expect(patches().length).toBeGreaterThan(0), { timeout: 10_000 });
  });
});

describe('tray, notifications, shortcuts and links', () => {
  it('follows the agent’s state in the tray', async () => {
    await vi.waitFor(() => expect(hooks.tray()?.icon).toBe('not-ready'), { timeout: 10_000 });
    expect(tray.tooltip).toMatch(/^Switchboard: Not ready/);
    expect(await call('setReady')).toEqual({ ok: true, value: undefined });
    await vi.waitFor(() => expect(hooks.tray()?.icon).toBe('ready'), { timeout: 10_000 });
    expect((tray.image as { path: string }).path).toMatch(/ready/);
  });

  it('rings: an OS notification with caller and queue, the ringing icon, answer in the menu', async () => {
    const dialogId = hooks.offerCall('1001', '+442079460958');
    await vi.waitFor(() => expect(hooks.tray()?.icon).toBe('ringing'), { timeout: 10_000 });
    await vi.waitFor(() => expect(FakeNotification.shown.length).toBeGreaterThan(0), { timeout: 5_000 });
    const notification = FakeNotification.shown.at(-1) as FakeNotification;
    expect(notification.options.title).toBe('Incoming call from +442079460958');
    expect(notification.options.body).toMatch(/^Queue: /);
    const buttons = (notification.options.actions ?? []).map((action) => action.text);
    expect(buttons).toEqual(process.platform === 'linux' ? [] : ['Answer', 'Decline']);
    expect(hooks.notifications.map((item) => item.key)).toContain(`incoming:${dialogId}`);

    const answer = menuItems().find((item) => item.id === 'answer');
    expect(answer?.label).toBe('Answer call from +442079460958');
    answer?.click?.();
    await vi.waitFor(() => expect(hooks.tray()?.icon).toBe('talking'), { timeout: 10_000 });
    // The call no longer rings: its notification is taken down.
    await vi.waitFor(() => expect(notification.closed).toBe(true), { timeout: 5_000 });
  });

  it('hangs up with the answer-or-release shortcut', async () => {
    expect([...recorded.shortcuts.keys()]).toEqual(['CommandOrControl+Shift+A', 'CommandOrControl+Shift+R']);
    recorded.shortcuts.get('CommandOrControl+Shift+A')?.();
    await vi.waitFor(() => expect(hooks.tray()?.icon).not.toBe('talking'), { timeout: 10_000 });
    expect((await state()).dialogs.items.filter((dialog) => dialog.kind === 'call')).toEqual([]);
  });

  it('puts a tel: link from a second launch on the dial pad once the page has loaded', async () => {
    window.hide();
    app.emit('second-instance', {}, ['switchboard', '--flag', 'tel:+1-415-555-0134;ext=12'], '/');
    await vi.waitFor(() => expect(window.isVisible()).toBe(true));
    // Held until the page (and so the preload's listener) is there.
    expect(window.webContents.sent.filter((sent) => sent.channel === IPC_CHANNELS.dialRequest)).toEqual([]);
    window.webContents.emit('did-finish-load');
    await vi.waitFor(() =>
      expect(window.webContents.sent.filter((sent) => sent.channel === IPC_CHANNELS.dialRequest)).toEqual([
        { channel: IPC_CHANNELS.dialRequest, payload: { number: '+14155550134', extension: '12' } },
      ]),
    );
    expect(window.isVisible()).toBe(true);
    app.emit('second-instance', {}, ['switchboard', 'javascript:alert(1)'], '/');
    app.emit('open-url', { preventDefault() {} }, 'sip:alice@example.com');
    expect(window.webContents.sent.filter((sent) => sent.channel === IPC_CHANNELS.dialRequest)).toHaveLength(
      1,
    );
  });

  it('reconnects at once on resume', async () => {
    powerMonitor.emit('resume');
    const logs = join(root, 'user-data', 'logs');
    await vi.waitFor(
      () => {
        const text = readdirSync(logs)
          .map((file) => readFileSync(join(logs, file), 'utf8'))
          .join('');
        expect(text).toMatch(/"event":"shell\.reconnect-now","reason":"resume"/);
      },
      { timeout: 5_000 },
    );
    await vi.waitFor(async () => expect((await state()).connection.status).toBe('in-service'), {
      timeout: 15_000,
    });
  });
});
