// From settings (and the secrets the vault holds) to what GcSession takes. The secrets arrive
// separately because settings.json never holds them.

import { open } from 'node:fs/promises';

import type { GcSessionOptions } from '../broker/gc-session.ts';
import { err, ok, type Result } from '../protocol/result.ts';
import type { Settings } from './schema.ts';
import type { SettingsProblem } from './settings-file.ts';

export interface SessionSecrets {
  /** The broker passcode, from the keychain. */
  readonly passcode?: string;
  /** The contents of broker.caFile (see readCaFile). */
  readonly caPem?: string;
}

export function toSessionOptions(settings: Settings, secrets: SessionSecrets): GcSessionOptions {
  const { broker } = settings;
  return {
    brokerUrls: [...broker.urls],
    ...(broker.user !== undefined ? { login: broker.user } : {}),
    ...(secrets.passcode !== undefined ? { passcode: secrets.passcode } : {}),
    ...(secrets.caPem !== undefined ? { caPem: secrets.caPem } : {}),
    heartbeat: { outgoingMs: broker.heartbeat.outgoingMs, incomingMs: broker.heartbeat.incomingMs },
    backoff: { initialDelayMs: broker.backoff.initialDelayMs, maxDelayMs: broker.backoff.maxDelayMs },
    clientDestination: broker.clientDestination,
    commandQueue: broker.commandQueue,
    wireNames: { commands: { ...settings.wireNames.commands }, events: { ...settings.wireNames.events } },
  };
}

export const MAX_CA_FILE_BYTES = 1024 * 1024;

/**
 * Reads broker.caFile for toSessionOptions: a PEM file with at least one certificate. A problem
 * (field `broker.caFile`) when it cannot be read or holds no certificate; the session should not
 * start then, since quietly trusting only the system store would fail later with a vaguer error.
 */
export async function readCaFile(path: string): Promise<Result<string, SettingsProblem>> {
  const problem = (what: string) => err({ field: 'broker.caFile', message: `${path} ${what}` });
  let text: string;
  try {
    const handle = await open(path, 'r');
    try {
      const stats = await handle.stat();
      if (!stats.isFile()) return problem('is not a file');
      if (stats.size > MAX_CA_FILE_BYTES) return problem('is larger than 1 MiB; expected a PEM file');
      text = await handle.readFile('utf8');
    } finally {
      await handle.close().catch(() => {});
    }
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? String(error.code) : String(error);
    return problem(`cannot be read (${code})`);
  }
  if (!text.includes('-----BEGIN CERTIFICATE-----')) {
    return problem(
      'holds no PEM certificate (expected a "-----BEGIN CERTIFICATE-----" block; a DER file must be converted)',
    );
  }
  return ok(text);
}
