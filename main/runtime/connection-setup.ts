// The runtime's side of the demo-or-broker choice (the Desk's ConnectionSetupPort): it owns
// settings.json's mode and broker section, the broker passcode in the keychain and the embedded
// demo gateway. At start it says where the desk connects; when the agent chooses again it checks
// the choice in plain words, saves it, keeps the passcode in the keychain (never in a file) and
// readies the new connection; the Desk then moves its session over.

import type { ConnectionSetupInput, ConnectionSetupView, DeskError, Result } from '../../preload/contract.ts';
import { parseBrokerUrl } from '../core/broker/broker-url.ts';
import type { GcSessionOptions } from '../core/broker/gc-session.ts';
import type { ConnectionSetupPort, NewConnection } from '../core/desk/connection-setup-port.ts';
import { fail, type Refusal } from '../core/desk/desk-guards.ts';
import type { Logger } from '../core/log/logger.ts';
import {
  checkSettings,
  loadSettings,
  readCaFile,
  removeLeftoverSaves,
  saveSettings,
  toSessionOptions,
  type Machine,
  type Settings,
  type SettingsProblem,
} from '../core/settings/index.ts';
import { brokerPasscodeAccount, type Vault } from '../core/vault/index.ts';
import { EmbeddedDemoGateway, type EmbeddedGatewayOptions } from '../demo/embedded-gateway.ts';

export interface RuntimeConnectionOptions {
  readonly settingsFile: string;
  readonly vault: Vault;
  readonly log: Logger;
  readonly machine?: Machine;
  /** Demo mode only: options for the embedded gateway (tests script it). */
  readonly demo?: EmbeddedGatewayOptions;
  /** Told the broker passcode whenever one is used, so the logs can redact it. */
  readonly onSecret: (secret: string) => void;
}

export interface OpenedConnection {
  readonly mode: 'demo' | 'broker';
  readonly session: GcSessionOptions;
}

type BrokerInput = Extract<ConnectionSetupInput, { mode: 'broker' }>;

/** Where a settings problem shows in the connection form. */
const FORM_FIELDS: readonly (readonly [prefix: string, field: string, label: string])[] = [
  ['broker.urls', 'brokerUrls', 'Broker addresses'],
  ['broker.user', 'brokerUser', 'Broker user'],
  ['broker.commandQueue', 'commandQueue', 'Command queue'],
  ['broker.clientDestination', 'clientDestination', 'Client destination'],
  ['broker.caFile', 'caFile', 'CA certificate file'],
];

function invalid(field: string, message: string): Refusal {
  return fail('invalid-input', message, field);
}

/** A settings problem ("expected …; found …") as the form shows it, next to its field. */
export function formProblem(problem: SettingsProblem): DeskError {
  const known = FORM_FIELDS.find(([prefix]) => problem.field.startsWith(prefix));
  const message = problem.message.charAt(0).toUpperCase() + problem.message.slice(1);
  return known
    ? { code: 'invalid-input', message: `${known[2]}: ${message}.`, field: known[1] }
    : { code: 'invalid-input', message: `${message}.`, field: problem.field || 'mode' };
}

/** The broker list as typed: each address checked, in plain words, before the schema sees it. */
export function checkBrokerUrls(urls: readonly string[]): Result<string[]> {
  const cleaned = urls.map((url) => url.trim()).filter((url) => url !== '');
  if (cleaned.length === 0)
    return invalid(
      'brokerUrls',
      'Enter the address of at least one broker, such as stomp://broker.example.com:61613.',
    );
  const seen = new Set<string>();
  const normalised: string[] = [];
  for (const url of cleaned) {
    const parsed = parseBrokerUrl(url);
    if (!parsed.ok) return invalid('brokerUrls', parsed.error.message);
    const key = parsed.value.url.toLowerCase();
    if (seen.has(key)) return invalid('brokerUrls', `${parsed.value.url} is in the list twice.`);
    seen.add(key);
    // What was written, not the normalised form: the deployer's spelling stays in settings.json.
    normalised.push(url);
  }
  return { ok: true, value: normalised };
}

/** The optional text fields: empty means "not set". */
function given(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}

/** The broker settings the input asks for, on top of what is configured; or the field at fault. */
export function brokerSettings(current: Settings, input: BrokerInput, machine?: Machine): Result<Settings> {
  const urls = checkBrokerUrls(input.brokerUrls);
  if (!urls.ok) return urls;
  const user = given(input.brokerUser);
  if (user === undefined && given(input.brokerPasscode) !== undefined)
    return invalid('brokerUser', 'Enter the broker user this passcode belongs to.');
  const commandQueue = given(input.commandQueue) ?? current.broker.commandQueue;
  const clientDestination = given(input.clientDestination) ?? current.broker.clientDestination;
  const caFile = input.caFile === undefined ? current.broker.caFile : given(input.caFile);
  const next: Settings = {
    ...current,
    mode: 'broker',
    broker: { ...current.broker, urls: urls.value, user, commandQueue, clientDestination, caFile },
  };
  // The schema has the last word (lengths, characters, an absolute CA path).
  const checked = checkSettings(next, machine);
  const first = checked.problems[0];
  return first ? { ok: false, error: formProblem(first) } : { ok: true, value: next };
}

function passcodeAccount(settings: Settings): string | undefined {
  const user = settings.broker.user;
  const first = settings.broker.urls[0];
  if (user === undefined || first === undefined) return undefined;
  const parsed = parseBrokerUrl(first);
  return parsed.ok ? brokerPasscodeAccount(user, parsed.value.host) : undefined;
}

export class RuntimeConnection implements ConnectionSetupPort {
  readonly #options: RuntimeConnectionOptions;
  readonly #problems: readonly SettingsProblem[];
  #settings: Settings;
  /** No settings file was there at start, and nothing has been chosen since. */
  #firstRun: boolean;
  #gateway: EmbeddedDemoGateway | undefined;

  private constructor(
    options: RuntimeConnectionOptions,
    settings: Settings,
    problems: readonly SettingsProblem[],
    firstRun: boolean,
  ) {
    this.#options = options;
    this.#settings = settings;
    this.#problems = problems;
    this.#firstRun = firstRun;
  }

  /** Reads settings.json (forgivingly: see settings-file.ts). */
  static async load(options: RuntimeConnectionOptions): Promise<RuntimeConnection> {
    const loaded = await loadSettings(options.settingsFile, options.machine);
    await removeLeftoverSaves(options.settingsFile, options.log);
    for (const problem of loaded.problems)
      options.log({
        level: 'warn',
        event: 'settings.problem',
        field: problem.field,
        message: problem.message,
      });
    return new RuntimeConnection(options, loaded.settings, loaded.problems, loaded.source === 'defaults');
  }

  get settings(): Settings {
    return this.#settings;
  }

  /** What was wrong with settings.json at start (defaults were used for those fields). */
  get problems(): readonly SettingsProblem[] {
    return this.#problems;
  }

  /** The embedded demo gateway, while in demo mode. */
  get demoGateway(): EmbeddedDemoGateway | undefined {
    return this.#gateway;
  }

  /** The connection the desk starts with: the demo gateway starts here in demo mode. */
  async open(): Promise<OpenedConnection> {
    return { mode: this.#settings.mode, session: await this.#sessionFor(this.#settings) };
  }

  async describe(): Promise<Result<ConnectionSetupView>> {
    const { mode, broker } = this.#settings;
    return {
      ok: true,
      value: {
        mode,
        firstRun: this.#firstRun,
        // On first run the list holds only the schema's placeholder (localhost): not a choice.
        brokerUrls: this.#firstRun ? [] : [...broker.urls],
        brokerUser: broker.user ?? '',
        commandQueue: broker.commandQueue,
        clientDestination: broker.clientDestination,
        caFile: broker.caFile ?? '',
        hasPasscode: (await this.#storedPasscode(this.#settings)) !== undefined,
      },
    };
  }

  async apply(input: ConnectionSetupInput): Promise<Result<NewConnection | undefined>> {
    return input.mode === 'demo' ? this.#applyDemo() : this.#applyBroker(input);
  }

  async stop(): Promise<void> {
    await this.#gateway?.stop();
    this.#gateway = undefined;
  }

  async #applyDemo(): Promise<Result<NewConnection | undefined>> {
    const next: Settings = { ...this.#settings, mode: 'demo' };
    const saved = await this.#save(next);
    if (!saved.ok) return saved;
    if (this.#gateway) return { ok: true, value: undefined };
    const session = await this.#sessionFor(next);
    return { ok: true, value: { mode: 'demo', session, retireOld: async () => {} } };
  }

  async #applyBroker(input: BrokerInput): Promise<Result<NewConnection | undefined>> {
    const built = brokerSettings(this.#settings, input, this.#options.machine);
    if (!built.ok) return built;
    const next = built.value;
    // A CA file that cannot be used is said now, next to its field, not later as a TLS failure.
    if (next.broker.caFile !== undefined) {
      const ca = await readCaFile(next.broker.caFile);
      if (!ca.ok) return invalid('caFile', `${ca.error.message}.`);
    }
    const saved = await this.#save(next);
    if (!saved.ok) return saved;

    let warning: NewConnection['warning'];
    const passcode = given(input.brokerPasscode) === undefined ? undefined : input.brokerPasscode;
    const account = passcodeAccount(next);
    if (passcode !== undefined && account !== undefined) {
      this.#options.onSecret(passcode);
      const stored = await this.#options.vault.store('broker-passcode', account, passcode);
      if (!stored.ok) {
        this.#options.log({ level: 'warn', event: 'runtime.passcode-not-stored', code: stored.error.code });
        warning = {
          code: stored.error.code,
          message: `${stored.error.message} The broker passcode is used until Switchboard closes; enter it again next time.`,
        };
      }
    }
    const oldGateway = this.#gateway;
    const session = await this.#sessionFor(next, passcode);
    // Only now: had #sessionFor failed, the demo gateway would still be the one in use.
    this.#gateway = undefined;
    return {
      ok: true,
      value: {
        mode: 'broker',
        session,
        retireOld: async () => {
          await oldGateway?.stop();
        },
        ...(warning ? { warning } : {}),
      },
    };
  }

  async #save(next: Settings): Promise<Result<void>> {
    const saved = await saveSettings(this.#options.settingsFile, next);
    if (!saved.ok) {
      this.#options.log({
        level: 'error',
        event: 'runtime.settings-not-saved',
        message: saved.error.message,
      });
      return {
        ok: false,
        error: {
          code: 'settings-not-saved',
          message: `Switchboard could not save the connection settings, so nothing changed: ${saved.error.message}.`,
        },
      };
    }
    this.#settings = next;
    this.#firstRun = false;
    this.#options.log({ level: 'info', event: 'runtime.settings-saved', mode: next.mode });
    return { ok: true, value: undefined };
  }

  async #storedPasscode(settings: Settings): Promise<string | undefined> {
    const account = passcodeAccount(settings);
    if (account === undefined) return undefined;
    const read = await this.#options.vault.read('broker-passcode', account);
    if (!read.ok) {
      this.#options.log({ level: 'warn', event: 'runtime.passcode-unavailable', code: read.error.code });
      return undefined;
    }
    return read.value;
  }

  /** The session options for `settings`; `passcode` as just typed, else the keychain's. */
  async #sessionFor(settings: Settings, passcode?: string): Promise<GcSessionOptions> {
    const { log } = this.#options;
    if (settings.mode === 'demo') {
      this.#gateway ??= new EmbeddedDemoGateway({ log, ...this.#options.demo });
      const url = this.#gateway.url ?? (await this.#gateway.start());
      log({ level: 'info', event: 'runtime.demo-mode', url });
      return { ...toSessionOptions(settings, {}), brokerUrls: [url], commandQueue: 'Connector1' };
    }
    const secret = passcode ?? (await this.#storedPasscode(settings));
    if (secret !== undefined) this.#options.onSecret(secret);
    const ca = settings.broker.caFile ? await readCaFile(settings.broker.caFile) : undefined;
    if (ca && !ca.ok)
      log({ level: 'error', event: 'runtime.ca-file', field: ca.error.field, message: ca.error.message });
    return toSessionOptions(settings, {
      ...(secret !== undefined ? { passcode: secret } : {}),
      ...(ca?.ok ? { caPem: ca.value } : {}),
    });
  }
}
