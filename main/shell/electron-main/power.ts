// Glue: reconnect at once after sleep and on network changes (ARCHITECTURE.md, "Failure model").
// powerMonitor says when the machine resumes; the network is sampled (network-watch.ts says
// why). Each trigger calls desk.reconnectNow(), which drops and re-opens the broker link.

import { networkInterfaces } from 'node:os';
import { powerMonitor } from 'electron';
import type { DeskApi } from '../../../preload/contract.ts';
import type { Logger } from '../../core/log/index.ts';
import { networkChange, networkFingerprint } from '../network-watch.ts';

const NETWORK_SAMPLE_MS = 5_000;

function sample(): string | undefined {
  try {
    return networkFingerprint(networkInterfaces());
  } catch {
    return undefined;
  }
}

export function setupPowerMonitor(options: { readonly desk: DeskApi; readonly log: Logger }): () => void {
  const { desk, log } = options;
  const reconnect = (reason: string) => {
    log({ level: 'info', event: 'shell.reconnect-now', reason });
    void desk.reconnectNow();
  };
  const onResume = () => reconnect('resume');
  const onSuspend = () => log({ level: 'info', event: 'shell.suspend' });
  powerMonitor.on('resume', onResume);
  powerMonitor.on('suspend', onSuspend);

  let fingerprint = sample();
  const timer = setInterval(() => {
    const next = sample();
    if (networkChange(fingerprint, next) === 'changed') reconnect('network-change');
    if (next !== undefined) fingerprint = next;
  }, NETWORK_SAMPLE_MS);

  return () => {
    clearInterval(timer);
    powerMonitor.off('resume', onResume);
    powerMonitor.off('suspend', onSuspend);
  };
}
