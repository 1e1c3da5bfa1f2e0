// Puts a desk together from what is on this workstation: settings.json, the OS keychain, the
// log directory and the outbox in the user-data directory, and, in demo mode, the embedded demo
// gateway. The Electron shell and the browser host start a desk this way (the CLI builds its own,
// without a connection setup); the desk
// gets the runtime's connection setup (connection-setup.ts), so the agent can switch between the
// demo and a real broker from the sign-in view. Plain Node: no electron here (the shell passes
// app.getPath('userData')).

import { join } from 'node:path';
import { Desk } from '../core/desk/desk.ts';
import { createFileLogger, type FileLogger, type LogLevel } from '../core/log/index.ts';
import type { Machine, Settings, SettingsProblem } from '../core/settings/index.ts';
import { createKeychainVault, type Vault } from '../core/vault/index.ts';
import type { EmbeddedDemoGateway, EmbeddedGatewayOptions } from '../demo/embedded-gateway.ts';
import { RuntimeConnection } from './connection-setup.ts';

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
  /** The settings as they are now: the agent may switch between the demo and a broker. */
  readonly settings: Settings;
  /** What was wrong with settings.json at start (defaults were used for those fields). */
  readonly settingsProblems: readonly SettingsProblem[];
  readonly vault: Vault;
  readonly logger: FileLogger;
  /** The embedded demo gateway, while in demo mode. */
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
  const connection = await RuntimeConnection.load({
    settingsFile: join(options.userDataDir, SETTINGS_FILE),
    vault,
    log,
    ...(options.machine ? { machine: options.machine } : {}),
    ...(options.demo ? { demo: options.demo } : {}),
    onSecret: (secret) => secrets.add(secret),
  });
  const { mode, session } = await connection.open();

  const desk = await Desk.create({
    mode,
    session,
    outboxFile: join(options.userDataDir, OUTBOX_FILE),
    vault,
    log,
    onSecret: (secret) => secrets.add(secret),
    connectionSetup: connection,
    queueRefreshMs: connection.settings.queueStatsRefreshSeconds * 1000,
  });
  desk.start();
  log({ level: 'info', event: 'runtime.started', mode });

  return {
    desk,
    get settings() {
      return connection.settings;
    },
    settingsProblems: connection.problems,
    vault,
    logger,
    get demoGateway() {
      return connection.demoGateway;
    },
    async stop() {
      await desk.stop();
      await connection.stop();
      log({ level: 'info', event: 'runtime.stopped' });
      await logger.close();
    },
  };
}
