// Where `npm run start:web` keeps its user data (the desktop app's place on each OS, or
// $SWITCHBOARD_USER_DATA), and its arguments.

import { describe, expect, it } from 'vitest';
import { defaultUserDataDir, parseWebArgs } from '../../../main/web/web-options.ts';

describe('defaultUserDataDir', () => {
  it('honours SWITCHBOARD_USER_DATA', () => {
    expect(defaultUserDataDir('linux', { SWITCHBOARD_USER_DATA: '/data/sb' }, '/home/a')).toBe('/data/sb');
    expect(defaultUserDataDir('win32', { SWITCHBOARD_USER_DATA: 'D:\\sb' }, 'C:\\Users\\a')).toBe('D:\\sb');
  });

  it('uses the OS convention otherwise', () => {
    expect(defaultUserDataDir('linux', {}, '/home/a')).toBe('/home/a/.config/Switchboard');
    expect(defaultUserDataDir('linux', { XDG_CONFIG_HOME: '/xdg' }, '/home/a')).toBe('/xdg/Switchboard');
    expect(defaultUserDataDir('linux', { XDG_CONFIG_HOME: 'relative' }, '/home/a')).toBe(
      '/home/a/.config/Switchboard',
    );
    expect(defaultUserDataDir('darwin', {}, '/Users/a')).toBe(
      '/Users/a/Library/Application Support/Switchboard',
    );
    expect(defaultUserDataDir('win32', { APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, 'C:\\Users\\a')).toBe(
      'C:\\Users\\a\\AppData\\Roaming\\Switchboard',
    );
    expect(defaultUserDataDir('win32', {}, 'C:\\Users\\a')).toBe(
      'C:\\Users\\a\\AppData\\Roaming\\Switchboard',
    );
  });
});

describe('parseWebArgs', () => {
  it('reads --port and --help', () => {
    expect(parseWebArgs([])).toEqual({ ok: true, value: { port: 0, help: false } });
    expect(parseWebArgs(['--port', '4312'])).toEqual({ ok: true, value: { port: 4312, help: false } });
    expect(parseWebArgs(['--port=0', '--help'])).toEqual({ ok: true, value: { port: 0, help: true } });
  });

  it('refuses bad ports and unknown arguments', () => {
    for (const argv of [
      ['--port'],
      ['--port', 'x'],
      ['--port', '70000'],
      ['--port=-1'],
      ['--host', '0.0.0.0'],
    ]) {
      expect(parseWebArgs(argv).ok, argv.join(' ')).toBe(false);
    }
  });
});
