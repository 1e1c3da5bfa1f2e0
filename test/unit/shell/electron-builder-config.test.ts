// electron-builder.yml: valid against electron-builder's own schema, with the fuses, protocols,
// targets and icons the shell relies on (ARCHITECTURE.md, "Security model": packaging).

import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', '..');
// js-yaml and app-builder-lib come with electron-builder (a devDependency): resolved through it.
const fromBuilder = createRequire(createRequire(join(root, 'package.json')).resolve('electron-builder'));
const yaml = fromBuilder('js-yaml') as { load(text: string): unknown };

interface Platform {
  readonly target: readonly string[];
  readonly icon: string;
  readonly extendInfo?: Record<string, unknown>;
}
interface BuilderConfig {
  readonly appId: string;
  readonly productName: string;
  readonly asar: boolean;
  readonly files: readonly string[];
  readonly electronFuses: Record<string, boolean>;
  readonly protocols: readonly { name: string; schemes: readonly string[] }[];
  readonly win: Platform;
  readonly linux: Platform;
  readonly mac: Platform;
}
const config = yaml.load(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as BuilderConfig;

describe('electron-builder.yml', () => {
  it('passes electron-builder’s schema', async () => {
    const { validateConfiguration } = fromBuilder('app-builder-lib/out/util/config/config.js') as {
      validateConfiguration(config: unknown, logger: unknown): Promise<void>;
    };
    const { DebugLogger } = fromBuilder('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('flips the fuses: no RunAsNode, NODE_OPTIONS or inspect; asar only, with integrity', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
    expect(config.asar).toBe(true);
  });

  it('names the app, its targets and the tel:, callto: and sip: protocols', () => {
    expect(config.appId).toBe('com.switchboard.desk');
    expect(config.productName).toBe('Switchboard');
    expect(config.win.target).toEqual(['nsis']);
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.protocols).toEqual([{ name: 'Telephone number', schemes: ['tel', 'callto', 'sip'] }]);
    expect(config.mac.extendInfo).toEqual({ NSUserNotificationAlertStyle: 'alert' });
  });

  it('points at icons that exist, and packs the ones the shell loads', () => {
    for (const icon of [config.win.icon, config.linux.icon, config.mac.icon])
      expect(existsSync(join(root, icon)), icon).toBe(true);
    expect(config.files).toEqual(
      expect.arrayContaining(['out/**', 'package.json', 'build/icon.png', 'build/tray/*.png']),
    );
  });

  it('builds the entry point package.json names', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { main: string };
    expect(pkg.main).toBe('out/main/index.js');
  });
});
