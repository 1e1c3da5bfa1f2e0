// Glue: reconnect at once after sleep and on network changes (ARCHITECTURE.md, "Failure model").
// The decision lives in reconnect-triggers.ts; this hands it Electron's powerMonitor and a
// sampler of the network interfaces (network-watch.ts says why they are sampled).

import { networkInterfaces } from 'node:os';
import { powerMonitor } from 'electron';
import type { DeskApi } from '../../../preload/contract.ts';
import type { Logger } from '../../core/log/index.ts';
import { networkFingerprint } from '../network-watch.ts';
import { watchReconnectTriggers } from '../reconnect-triggers.ts';

function sampleNetwork(): string | undefined {
  try {
    return networkFingerprint(networkInterfaces());
  } catch {
    return undefined;
  }
}

export function setupPowerMonitor(options: { readonly desk: DeskApi; readonly log: Logger }): () => void {
  const { desk, log } = options;
  const onSuspend = () => log({ level: 'info', event: 'shell.suspend' });
  powerMonitor.on('suspend', onSuspend);
  const stopWatching = watchReconnectTriggers({
    desk,
    log,
    sources: {
      onResume: (listener) => {
        powerMonitor.on('resume', listener);
        return () => powerMonitor.off('resume', listener);
      },
      sampleNetwork,
    },
  });
  return () => {
    stopWatching();
    powerMonitor.off('suspend', onSuspend);
  };
}
