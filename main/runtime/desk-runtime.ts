// Puts a desk together from what is on this workstation: settings.json, the OS keychain, the
// log directory and the outbox in the user-data directory, and, in demo mode, the embedded demo
// gateway. The Electron shell, the browser host and the CLI all start a desk this way. Plain
// Node: no electron here (the shell passes app.getPath('userData')).

import { join } from 'node:path';
import { Desk } from '../core/desk/desk.ts';
import { createFileLogger, type FileLogger, type LogLevel } from '../core/log/index.ts';
import {
  loadSettings,
  readCaFile,
  toSessionOptions,
  type Machine,
  type Settings,
  type SettingsProblem,
} from '../core/settings/index.ts';
import { brokerPasscodeAccount, createKeychainVault, type Vault } from '../core/vault/index.ts';
import { EmbeddedDemoGateway, type EmbeddedGatewayOptions } from '../demo/embedded-gateway.ts';

export interface DeskRuntimeOptions {
  readonly userDataDir: string;
  /** Default: the OS keychain. */
  readonly vault?: Vault;
  readonly machine?: Machine;
  readonly logLevel?: LogLevel;
  /** Demo mode only: options for the embedded gateway (tests script it). */
  readonly demo?: EmbeddedGatewayOptions;
}

export interface DeskRuntime {
  readonly desk: Desk;
  readonly settings: Settings;
  /** What was wrong with settings.json (defaults were used for those fields). */
  readonly settingsProblems: readonly SettingsProblem[];
  readonly vault: Vault;
  readonly logger: FileLogger;
  readonly demoGateway: EmbeddedDemoGateway | undefined;
  stop(): Promise<void>;
}

export const SETTINGS_FILE = 'settings.json';
export const OUTBOX_FILE = 'callback-outbox.jsonl';
export const LOG_DIR = 'logs';

export async function openDeskRuntime(options: DeskRuntimeOptions): Promise<DeskRuntime> {
  const secrets = new Set<string>();
  const logger = createFileLogger({
    dir: join(options.userDataDir, LOG_DIR),
    level: options.logLevel ?? 'info',
    secrets: () => [...secrets],
  });
  const log = logger.log;
  const vault = options.vault ?? createKeychainVault({ log });
  const loaded = await loadSettings(join(options.userDataDir, SETTINGS_FILE), options.machine);
  for (const problem of loaded.problems)
    log({ level: 'warn', event: 'settings.problem', field: problem.field, message: problem.message });
  const settings = loaded.settings;

  let demoGateway: EmbeddedDemoGateway | undefined;
  let session;
  if (settings.mode === 'demo') {
    demoGateway = new EmbeddedDemoGateway({ log, ...options.demo });
    const url = await demoGateway.start();
    session = { ...toSessionOptions(settings, {}), brokerUrls: [url], commandQueue: 'Connector1' };
    log({ level: 'info', event: 'runtime.demo-mode', url });
  } else {
    const user = settings.broker.user;
    const host = settings.broker.urls[0] ? new URL(settings.broker.urls[0]).hostname : '';
    const passcode = user
      ? await vault.read('broker-passcode', brokerPasscodeAccount(user, host))
      : undefined;
    if (passcode && !passcode.ok)
      log({ level: 'warn', event: 'runtime.passcode-unavailable', code: passcode.error.code });
    const passcodeValue = passcode?.ok ? passcode.value : undefined;
    if (passcodeValue) secrets.add(passcodeValue);
    const ca = settings.broker.caFile ? await readCaFile(settings.broker.caFile) : undefined;
    if (ca && !ca.ok)
      log({ level: 'error', event: 'runtime.ca-file', field: ca.error.field, message: ca.error.message });
    session = toSessionOptions(settings, {
      ...(passcodeValue ? { passcode: passcodeValue } : {}),
      ...(ca?.ok ? { caPem: ca.value } : {}),
    });
  }

  const desk = await Desk.create({
    mode: settings.mode,
    session,
    outboxFile: join(options.userDataDir, OUTBOX_FILE),
    vault,
    log,
    onSecret: (secret) => secrets.add(secret),
  });
  desk.start();
  log({ level: 'info', event: 'runtime.started', mode: settings.mode });

  return {
    desk,
    settings,
    settingsProblems: loaded.problems,
    vault,
    logger,
    demoGateway,
    async stop() {
      await desk.stop();
      await demoGateway?.stop();
      log({ level: 'info', event: 'runtime.stopped' });
      await logger.close();
    },
  };
}
