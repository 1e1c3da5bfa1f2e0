// A stand-in for the parts of Electron the shell's glue uses, recording what the glue asks of
// it, so main/shell/main.ts can start for real in Node (shell-glue.test.ts). It models the
// contract the glue relies on, not Electron's behaviour: where they could differ, the
// `_electron` suite (test/electron) is the judge.

import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';

export class FakeWebContents extends EventEmitter {
  readonly id: number;
  readonly sent: { channel: string; payload: unknown }[] = [];
  windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;

  constructor(id: number) {
    super();
    this.id = id;
  }
  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload });
  }
  isDestroyed(): boolean {
    return false;
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static readonly created: FakeBrowserWindow[] = [];
  readonly options: unknown;
  readonly webContents = new FakeWebContents(7);
  loadedUrl: string | undefined;
  visible = false;

  constructor(options: unknown) {
    super();
    this.options = options;
    FakeBrowserWindow.created.push(this);
  }
  loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    return Promise.resolve();
  }
  isDestroyed(): boolean {
    return false;
  }
  isVisible(): boolean {
    return this.visible;
  }
  isMinimized(): boolean {
    return false;
  }
  restore(): void {}
  focus(): void {}
  show(): void {
    this.visible = true;
    this.emit('show');
  }
  hide(): void {
    this.visible = false;
    this.emit('hide');
  }
}

export class FakeTray extends EventEmitter {
  static readonly created: FakeTray[] = [];
  image: unknown;
  tooltip = '';
  menu: unknown;
  destroyed = false;

  constructor(image: unknown) {
    super();
    this.image = image;
    FakeTray.created.push(this);
  }
  setImage(image: unknown): void {
    this.image = image;
  }
  setToolTip(tooltip: string): void {
    this.tooltip = tooltip;
  }
  setContextMenu(menu: unknown): void {
    this.menu = menu;
  }
  destroy(): void {
    this.destroyed = true;
  }
}

export class FakeNotification extends EventEmitter {
  static readonly shown: FakeNotification[] = [];
  readonly options: { title?: string; body?: string; actions?: { text?: string }[] };
  closed = false;

  constructor(options: FakeNotification['options']) {
    super();
    this.options = options;
  }
  static isSupported(): boolean {
    return true;
  }
  show(): void {
    FakeNotification.shown.push(this);
  }
  close(): void {
    this.closed = true;
    this.emit('close', {});
  }
}

type Handler = (...args: never[]) => unknown;

class FakeApp extends EventEmitter {
  readonly isPackaged = false;
  readonly paths = new Map<string, string>();
  appPath = '';
  quitCalls = 0;

  setPath(name: string, path: string): void {
    this.paths.set(name, path);
  }
  getPath(name: string): string {
    const path = this.paths.get(name);
    if (path === undefined) throw new Error(`no path ${name}`);
    return path;
  }
  getAppPath(): string {
    return this.appPath;
  }
  requestSingleInstanceLock(): boolean {
    return true;
  }
  setAppUserModelId(): void {}
  whenReady(): Promise<void> {
    return Promise.resolve();
  }
  quit(): void {
    this.quitCalls++;
  }
  exit(code: number): void {
    throw new Error(`app.exit(${code})`);
  }
  setLoginItemSettings(): void {}
  setAsDefaultProtocolClient(): boolean {
    return true;
  }
}

export const recorded = {
  schemes: [] as unknown[],
  protocolHandlers: new Map<string, (request: Request) => Promise<Response>>(),
  ipcHandlers: new Map<string, Handler>(),
  permissionRequest: undefined as Handler | undefined,
  permissionCheck: undefined as Handler | undefined,
  beforeRequest: undefined as { filter: { urls: string[] }; listener: Handler } | undefined,
  shortcuts: new Map<string, () => void>(),
  openedExternally: [] as string[],
};

export const app = new FakeApp();
export const powerMonitor = new EventEmitter();

export const electron = {
  app,
  powerMonitor,
  BrowserWindow: FakeBrowserWindow,
  Tray: FakeTray,
  Notification: FakeNotification,
  protocol: {
    registerSchemesAsPrivileged: (schemes: unknown[]) => recorded.schemes.push(...schemes),
  },
  session: {
    defaultSession: {
      protocol: {
        handle: (scheme: string, handler: (request: Request) => Promise<Response>) =>
          recorded.protocolHandlers.set(scheme, handler),
      },
      setPermissionRequestHandler: (handler: Handler) => (recorded.permissionRequest = handler),
      setPermissionCheckHandler: (handler: Handler) => (recorded.permissionCheck = handler),
      setDevicePermissionHandler: () => {},
      webRequest: {
        onBeforeRequest: (filter: { urls: string[] }, listener: Handler) =>
          (recorded.beforeRequest = { filter, listener }),
      },
    },
  },
  ipcMain: {
    handle: (channel: string, handler: Handler) => recorded.ipcHandlers.set(channel, handler),
    removeHandler: (channel: string) => recorded.ipcHandlers.delete(channel),
  },
  shell: {
    openExternal: (url: string) => {
      recorded.openedExternally.push(url);
      return Promise.resolve();
    },
  },
  Menu: { buildFromTemplate: (template: unknown) => ({ template }) },
  nativeImage: {
    createFromPath: (path: string) => ({ path, isEmpty: () => !existsSync(path) }),
    createEmpty: () => ({ path: '', isEmpty: () => true }),
  },
  globalShortcut: {
    register: (accelerator: string, callback: () => void) => {
      recorded.shortcuts.set(accelerator, callback);
      return true;
    },
    unregister: (accelerator: string) => recorded.shortcuts.delete(accelerator),
  },
};
