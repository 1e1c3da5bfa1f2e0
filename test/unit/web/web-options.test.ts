// Where `npm run start:web` keeps its user data (the desktop app's place on each OS,
// $SWITCHBOARD_USER_DATA, or --user-data), which renderer it serves, and its arguments.

import { describe, expect, it } from 'vitest';
import { defaultUserDataDir, parseWebArgs, resolveWebDirectories } from '../../../main/web/web-options.ts';

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

  it('reads --user-data and --renderer, in either spelling', () => {
    expect(parseWebArgs(['--user-data', '/tmp/desk', '--renderer=build/page', '--port', '0'])).toEqual({
      ok: true,
      value: { port: 0, help: false, userDataDir: '/tmp/desk', rendererDir: 'build/page' },
    });
    expect(parseWebArgs(['--user-data=rel/dir', '--renderer', 'C:\\page'])).toEqual({
      ok: true,
      value: { port: 0, help: false, userDataDir: 'rel/dir', rendererDir: 'C:\\page' },
    });
    // A name starting with "-" is fine when it is attached with "=".
    expect(parseWebArgs(['--user-data=-odd'])).toMatchObject({ ok: true, value: { userDataDir: '-odd' } });
  });

  it('refuses --user-data and --renderer without a directory, naming the option', () => {
    for (const [argv, option] of [
      [['--user-data'], '--user-data'],
      [['--user-data='], '--user-data'],
      [['--user-data', '  '], '--user-data'],
      [['--user-data', '--port', '80'], '--user-data'],
      [['--renderer'], '--renderer'],
      [['--renderer', '-h'], '--renderer'],
    ] as const) {
      expect(parseWebArgs(argv), argv.join(' ')).toEqual({
        ok: false,
        error: `${option} needs a directory.`,
      });
    }
    expect(parseWebArgs(['--user-dat', 'x'])).toEqual({ ok: false, error: 'Unknown argument: --user-dat' });
  });
});

describe('resolveWebDirectories', () => {
  const linux = {
    cwd: '/repo',
    platform: 'linux' as const,
    env: {},
    home: '/home/a',
    defaultRendererDir: '/repo/out/renderer',
  };

  it('uses the OS user-data directory and the built renderer when not told otherwise', () => {
    expect(resolveWebDirectories({ port: 0, help: false }, linux)).toEqual({
      userDataDir: '/home/a/.config/Switchboard',
      rendererDir: '/repo/out/renderer',
    });
    expect(
      resolveWebDirectories({ port: 0, help: false }, { ...linux, env: { SWITCHBOARD_USER_DATA: '/sb' } }),
    ).toMatchObject({ userDataDir: '/sb' });
  });

  it('prefers --user-data to SWITCHBOARD_USER_DATA and reads relative paths from where npm was run', () => {
    const args = { port: 0, help: false, userDataDir: 'data', rendererDir: '../page' };
    expect(
      resolveWebDirectories(args, {
        ...linux,
        env: { SWITCHBOARD_USER_DATA: '/sb', INIT_CWD: '/work/here' },
      }),
    ).toEqual({ userDataDir: '/work/here/data', rendererDir: '/work/page' });
    expect(resolveWebDirectories(args, linux)).toEqual({
      userDataDir: '/repo/data',
      rendererDir: '/page',
    });
    expect(
      resolveWebDirectories(
        { port: 0, help: false, userDataDir: '/abs/data', rendererDir: '/abs/page' },
        { ...linux, env: { INIT_CWD: '/elsewhere' } },
      ),
    ).toEqual({ userDataDir: '/abs/data', rendererDir: '/abs/page' });
  });

  it('resolves Windows paths the Windows way', () => {
    expect(
      resolveWebDirectories(
        { port: 0, help: false, userDataDir: 'data', rendererDir: 'D:\\page' },
        {
          cwd: 'C:\\repo',
          platform: 'win32',
          env: {},
          home: 'C:\\Users\\a',
          defaultRendererDir: 'C:\\repo\\out\\renderer',
        },
      ),
    ).toEqual({ userDataDir: 'C:\\repo\\data', rendererDir: 'D:\\page' });
  });
});
