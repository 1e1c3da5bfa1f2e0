// What `npm run start:web` needs to decide before it starts anything: where the user-data
// directory is (the same place the Electron shell's app.getPath('userData') gives, so the browser
// host and the desktop app share settings, logs and the outbox), and its few arguments.

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
}

export const WEB_USAGE = `Usage: npm run start:web [-- --port <port>]

Serves Switchboard's page (built by npm run build:renderer) on http://127.0.0.1 and prints the
address to open, with this run's token. The desk uses the user-data directory
$SWITCHBOARD_USER_DATA (default: the desktop app's). Ctrl+C stops.

  --port <port>   listen on this port (default: a free one)
  --help          this text`;

export function parseWebArgs(
  argv: readonly string[],
): { ok: true; value: WebArgs } | { ok: false; error: string } {
  let port = 0;
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--help' || arg === '-h') help = true;
    else if (arg === '--port' || arg.startsWith('--port=')) {
      const value = arg === '--port' ? argv[++i] : arg.slice('--port='.length);
      const parsed = value !== undefined && /^\d{1,5}$/.test(value) ? Number(value) : Number.NaN;
      if (!(parsed >= 0 && parsed <= 65_535))
        return { ok: false, error: '--port needs a number from 0 to 65535.' };
      port = parsed;
    } else return { ok: false, error: `Unknown argument: ${arg}` };
  }
  return { ok: true, value: { port, help } };
}
