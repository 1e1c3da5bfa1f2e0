// Network changes: Electron's main process has no "network changed" event, so the glue samples
// the interfaces (os.networkInterfaces) every few seconds and asks the desk to reconnect at once
// when the set of addresses changes (Wi-Fi to cable, a VPN coming up, a new DHCP lease): the
// broker link may be dead without either side knowing yet (ARCHITECTURE.md, "Failure model").

import type { NetworkInterfaceInfo } from 'node:os';

/** The non-internal addresses, sorted: equal fingerprints mean nothing the desk cares about changed. */
export function networkFingerprint(interfaces: NodeJS.Dict<NetworkInterfaceInfo[]>): string {
  const addresses: string[] = [];
  for (const [name, infos] of Object.entries(interfaces)) {
    for (const info of infos ?? []) {
      if (info.internal) continue;
      addresses.push(`${name}/${info.family}/${info.address}`);
    }
  }
  return addresses.sort().join(',');
}

export type NetworkChange = 'none' | 'changed';

/** The first sample only sets the baseline; an unreadable sample (undefined) changes nothing. */
export function networkChange(previous: string | undefined, next: string | undefined): NetworkChange {
  if (previous === undefined || next === undefined) return 'none';
  return previous === next ? 'none' : 'changed';
}
