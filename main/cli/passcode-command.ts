// `switchboard passcode`: for deployers. Puts the broker passcode into the OS keychain (the only
// place Switchboard keeps it), under the account the desk reads: the broker user at the first
// broker URL's host. Reads the passcode from stdin so it never appears in a process list.

import { parseArgs } from 'node:util';
import { parseBrokerUrl } from '../core/broker/broker-url.ts';
import { brokerPasscodeAccount, createKeychainVault } from '../core/vault/index.ts';
import type { CliIo } from './io.ts';
import { readLines } from './lines.ts';

export const PASSCODE_USAGE = `Usage: switchboard passcode --broker <url> --user <name> --stdin
       switchboard passcode --broker <url> --user <name> --forget

Stores (from the first line of stdin) or forgets the broker passcode in the OS keychain, under
"Switchboard:broker-passcode" for <user>@<host of the broker URL>, where the desk looks for it.
Exits 0 when done, 1 when the keychain refused (the message says why), 2 on a usage error.
`;

export async function runPasscode(args: readonly string[], io: CliIo): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: {
        broker: { type: 'string' },
        user: { type: 'string' },
        stdin: { type: 'boolean' },
        forget: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (error) {
    io.stderr.write(`switchboard passcode: ${(error as Error).message}\n\n${PASSCODE_USAGE}`);
    return 2;
  }
  if (values.help) {
    io.stdout.write(PASSCODE_USAGE);
    return 0;
  }
  const url = values.broker ? parseBrokerUrl(values.broker) : undefined;
  if (!url || !url.ok || !values.user || values.stdin === values.forget) {
    const why = url && !url.ok ? url.error.message : 'needs --broker, --user, and one of --stdin or --forget';
    io.stderr.write(`switchboard passcode: ${why}\n\n${PASSCODE_USAGE}`);
    return 2;
  }
  const account = brokerPasscodeAccount(values.user, url.value.host);
  const vault = createKeychainVault();
  if (values.forget) {
    const forgotten = await vault.forget('broker-passcode', account);
    if (!forgotten.ok) {
      io.stderr.write(`switchboard passcode: ${forgotten.error.message}\n`);
      return 1;
    }
    io.stdout.write(`forgot the broker passcode for ${account}\n`);
    return 0;
  }
  let passcode: string | undefined;
  for await (const line of readLines(io.stdin, 4_096)) {
    passcode = line.kind === 'line' ? line.text : undefined;
    break;
  }
  if (!passcode) {
    io.stderr.write('switchboard passcode: no passcode on stdin\n');
    return 2;
  }
  const stored = await vault.store('broker-passcode', account, passcode);
  if (!stored.ok) {
    io.stderr.write(`switchboard passcode: ${stored.error.message}\n`);
    return 1;
  }
  io.stdout.write(`stored the broker passcode for ${account} in the keychain\n`);
  return 0;
}
