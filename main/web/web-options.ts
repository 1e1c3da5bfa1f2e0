// What `npm run start:web` needs to decide before it starts anything: where the user-data
// directory is (by default the same place the Electron shell's app.getPath('userData') gives, so
// the browser host and the desktop app share settings, logs and the outbox), which built renderer
// to serve, and its few arguments.

import { posix, win32 } from 'node:path';

export const APP_DIR_NAME = 'Switchboard';

/**
 * `$SWITCHBOARD_USER_DATA` when set; otherwise `%APPDATA%\Switchboard` on Windows,
 * `~/Library/Application Support/Switchboard` on macOS, `$XDG_CONFIG_HOME/Switchboard` (default
 * `~/.config/Switchboard`) elsewhere.
 */
export function defaultUserDataDir(
  platform: NodeJS.Platform,
  env: Readonly<Record<string, string | undefined>>,
  home: string,
): string {
  const override = env['SWITCHBOARD_USER_DATA'];
  if (override) return platform === 'win32' ? win32.resolve(override) : posix.resolve(override);
  if (platform === 'win32')
    return win32.join(env['APPDATA'] || win32.join(home, 'AppData', 'Roaming'), APP_DIR_NAME);
  if (platform === 'darwin') return posix.join(home, 'Library', 'Application Support', APP_DIR_NAME);
  const config = env['XDG_CONFIG_HOME'];
  return posix.join(config && posix.isAbsolute(config) ? config : posix.join(home, '.config'), APP_DIR_NAME);
}

export interface WebArgs {
  readonly port: number;
  readonly help: boolean;
  /** --user-data: where settings.json, the logs and the callback outbox live (as given). */
  readonly userDataDir?: string;
  /** --renderer: the built renderer to serve (as given). */
  readonly rendererDir?: string;
}

export const WEB_USAGE = `Usage: npm run start:web [-- [--port <port>] [--user-data <dir>] [--renderer <dir>]]

Serves Switchboard's page (built by npm run build:renderer) on http://127.0.0.1 and prints the
address to open, with this run's token. Ctrl+C stops.

  --port <port>       listen on this port (default: a free one)
  --user-data <dir>   keep settings.json, the logs and the callback outbox here (default:
                      $SWITCHBOARD_USER_DATA, else the desktop app's user-data directory)
  --renderer <dir>    serve the renderer built into this directory (default: out/renderer)
  --help              this text`;

/** The options that take a directory, and the WebArgs field each fills. */
const DIRECTORY_OPTIONS = { '--user-data': 'userDataDir', '--renderer': 'rendererDir' } as const;
type DirectoryOption = keyof typeof DIRECTORY_OPTIONS;

function directoryOption(arg: string): DirectoryOption | undefined {
  return (Object.keys(DIRECTORY_OPTIONS) as DirectoryOption[]).find(
    (name) => arg === name || arg.startsWith(`${name}=`),
  );
}

export function parseWebArgs(
  argv: readonly string[],
): { ok: true; value: WebArgs } | { ok: false; error: string } {
  let port = 0;
  let help = false;
  const directories: { userDataDir?: string; rendererDir?: string } = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const directory = directoryOption(arg);
    if (arg === '--help' || arg === '-h') help = true;
    else if (arg === '--port' || arg.startsWith('--port=')) {
      const value = arg === '--port' ? argv[++i] : arg.slice('--port='.length);
      const parsed = value !== undefined && /^\d{1,5}$/.test(value) ? Number(value) : Number.NaN;
      if (!(parsed >= 0 && parsed <= 65_535))
        return { ok: false, error: '--port needs a number from 0 to 65535.' };
      port = parsed;
    } else if (directory) {
      const separate = arg === directory;
      const value = separate ? argv[++i] : arg.slice(directory.length + 1);
      // "--user-data --port 80" is a forgotten directory, not a directory named "--port".
      if (value === undefined || value.trim() === '' || (separate && value.startsWith('-')))
        return { ok: false, error: `${directory} needs a directory.` };
      directories[DIRECTORY_OPTIONS[directory]] = value;
    } else return { ok: false, error: `Unknown argument: ${arg}` };
  }
  return { ok: true, value: { port, help, ...directories } };
}

export interface WebDirectories {
  readonly userDataDir: string;
  readonly rendererDir: string;
}

/**
 * The directories to use, absolute. A relative --user-data or --renderer is read from where the
 * command was typed: npm runs scripts in the package root and says where it was started in
 * INIT_CWD.
 */
export function resolveWebDirectories(
  args: WebArgs,
  context: {
    readonly cwd: string;
    readonly platform: NodeJS.Platform;
    readonly env: Readonly<Record<string, string | undefined>>;
    readonly home: string;
    /** The renderer the build writes (out/renderer in the checkout). */
    readonly defaultRendererDir: string;
  },
): WebDirectories {
  const path = context.platform === 'win32' ? win32 : posix;
  const base = context.env['INIT_CWD'] || context.cwd;
  return {
    userDataDir:
      args.userDataDir !== undefined
        ? path.resolve(base, args.userDataDir)
        : defaultUserDataDir(context.platform, context.env, context.home),
    rendererDir:
      args.rendererDir !== undefined ? path.resolve(base, args.rendererDir) : context.defaultRendererDir,
  };
}
