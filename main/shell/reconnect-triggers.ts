// When to reconnect at once (ARCHITECTURE.md, "Failure model": sleep/resume and network change):
// after the machine resumes, and when the network interfaces change. Both leave a broker link
// that may be dead without either side knowing yet; waiting for the heart-beats to notice (or
// for the backoff to run out) would leave the agent offline for no reason.
//
// The glue (electron-main/power.ts) hands in Electron's powerMonitor and a sampler of
// os.networkInterfaces(); with no Electron import here, the fault tests drive this same function
// against a real desk.

import type { DeskApi } from '../../preload/contract.ts';
import type { Logger } from '../core/log/index.ts';
import { networkChange } from './network-watch.ts';

/** Electron has no network-change event: the interfaces are sampled this often. */
export const NETWORK_SAMPLE_MS = 5_000;

export interface ReconnectTriggerSources {
  /** Calls `listener` each time the machine wakes up; returns how to stop listening. */
  readonly onResume: (listener: () => void) => () => void;
  /** The current network fingerprint (network-watch.ts), undefined when it cannot be read. */
  readonly sampleNetwork: () => string | undefined;
  readonly sampleEveryMs?: number;
}

export type ReconnectReason = 'resume' | 'network-change';

/** Asks the desk to reconnect at once on each trigger; returns how to stop watching. */
export function watchReconnectTriggers(options: {
  readonly desk: Pick<DeskApi, 'reconnectNow'>;
  readonly log: Logger;
  readonly sources: ReconnectTriggerSources;
}): () => void {
  const { desk, log, sources } = options;
  const reconnect = (reason: ReconnectReason): void => {
    log({ level: 'info', event: 'shell.reconnect-now', reason });
    void desk.reconnectNow();
  };
  const stopResume = sources.onResume(() => reconnect('resume'));

  let fingerprint = sources.sampleNetwork();
  const timer = setInterval(() => {
    const next = sources.sampleNetwork();
    if (networkChange(fingerprint, next) === 'changed') reconnect('network-change');
    if (next !== undefined) fingerprint = next;
  }, sources.sampleEveryMs ?? NETWORK_SAMPLE_MS);

  return () => {
    clearInterval(timer);
    stopResume();
  };
}
