// The small pure pieces of the shell: the permission rule, network change detection, where the
// shell finds its files, and when the test hooks exist.

import { join } from 'node:path';
import type { NetworkInterfaceInfo } from 'node:os';
import { describe, expect, it } from 'vitest';
import { networkChange, networkFingerprint } from '../../../main/shell/network-watch.ts';
import { isPermissionAllowed } from '../../../main/shell/permissions.ts';
import { shellPaths, trayIconFile } from '../../../main/shell/shell-paths.ts';
import { testHooksEnabled } from '../../../main/shell/test-hooks.ts';
import { TRAY_ICONS } from '../../../main/shell/tray-model.ts';

describe('isPermissionAllowed', () => {
  it('allows notifications to our page only, and nothing else to anyone', () => {
    expect(isPermissionAllowed('notifications', 'app://switchboard/index.html')).toBe(true);
    expect(isPermissionAllowed('notifications', 'app://switchboard')).toBe(true);
    expect(isPermissionAllowed('notifications', 'https://evil.example/')).toBe(false);
    expect(isPermissionAllowed('notifications', undefined)).toBe(false);
    for (const permission of [
      'media',
      'geolocation',
      'clipboard-read',
      'openExternal',
      'fullscreen',
      'hid',
      'unknown',
    ])
      expect(isPermissionAllowed(permission, 'app://switchboard/index.html'), permission).toBe(false);
  });
});

describe('network changes', () => {
  const info = (address: string, internal = false): NetworkInterfaceInfo => ({
    address,
    netmask: '255.255.255.0',
    family: 'IPv4',
    mac: '00:00:00:00:00:00',
    internal,
    cidr: `${address}/24`,
  });

  it('fingerprints the external addresses, in any order', () => {
    const a = networkFingerprint({
      lo: [info('127.0.0.1', true)],
      eth0: [info('10.0.0.5')],
      wlan0: [info('192.168.1.9')],
    });
    const b = networkFingerprint({ wlan0: [info('192.168.1.9')], eth0: [info('10.0.0.5')] });
    expect(a).toBe(b);
    expect(a).toBe('eth0/IPv4/10.0.0.5,wlan0/IPv4/192.168.1.9');
  });

  it('reports a change only between two readable samples that differ', () => {
    expect(networkChange(undefined, 'a')).toBe('none');
    expect(networkChange('a', undefined)).toBe('none');
    expect(networkChange('a', 'a')).toBe('none');
    expect(networkChange('a', 'b')).toBe('changed');
    expect(networkChange('a', '')).toBe('changed');
  });
});

describe('shellPaths', () => {
  it('finds the built renderer, the preload and the icons under the app path', () => {
    const app = '/opt/Switchboard/resources/app.asar';
    expect(shellPaths(app)).toEqual({
      rendererDir: join(app, 'out', 'renderer'),
      preload: join(app, 'out', 'preload', 'bridge.cjs'),
      windowIcon: join(app, 'build', 'icon.png'),
      trayIconDir: join(app, 'build', 'tray'),
    });
  });

  it('picks template images on macOS, 16 px (with @2x) on Windows, 32 px on Linux', () => {
    expect(trayIconFile('ringing', 'darwin')).toBe('ringingTemplate.png');
    expect(trayIconFile('ringing', 'win32')).toBe('ringing.png');
    expect(trayIconFile('ringing', 'linux')).toBe('ringing-32.png');
  });

  it('has every icon file it names, in build/tray', async () => {
    const { existsSync } = await import('node:fs');
    const dir = shellPaths(join(import.meta.dirname, '..', '..', '..')).trayIconDir;
    for (const icon of TRAY_ICONS) {
      for (const file of [
        trayIconFile(icon, 'darwin'),
        trayIconFile(icon, 'darwin').replace('.png', '@2x.png'),
        trayIconFile(icon, 'win32'),
        trayIconFile(icon, 'win32').replace('.png', '@2x.png'),
        trayIconFile(icon, 'linux'),
      ])
        expect(existsSync(join(dir, file)), file).toBe(true);
    }
  });
});

describe('testHooksEnabled', () => {
  it('needs the variable set to 1 in an unpackaged run', () => {
    expect(testHooksEnabled({ SWITCHBOARD_TEST_HOOKS: '1' }, false)).toBe(true);
    expect(testHooksEnabled({ SWITCHBOARD_TEST_HOOKS: '1' }, true)).toBe(false);
    expect(testHooksEnabled({ SWITCHBOARD_TEST_HOOKS: 'true' }, false)).toBe(false);
    expect(testHooksEnabled({}, false)).toBe(false);
  });
});
