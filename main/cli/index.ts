// The `switchboard` command: a subcommand dispatcher over node:util parseArgs (no framework).
// bin/switchboard.mjs loads this file through tsx and exits with what `main` returns.

import { runDecode } from './decode-command.ts';
import { runEncode } from './encode-command.ts';
import { PASSCODE_USAGE, runPasscode } from './passcode-command.ts';
import { PROBE_USAGE, runProbe } from './probe-command.ts';
import { SESSION_USAGE, runSession } from './session-command.ts';
import { DEMO_USAGE, SIM_USAGE, runDemo, runSim } from './sim-command.ts';
import { processIo, type CliIo } from './io.ts';
import { DECODE_USAGE, ENCODE_USAGE, GENERAL_USAGE } from './usage.ts';

export interface Subcommand {
  readonly usage: string;
  run(args: readonly string[], io: CliIo): Promise<number>;
}

// Each subcommand has a line in GENERAL_USAGE.
const SUBCOMMANDS: Readonly<Record<string, Subcommand>> = {
  decode: { usage: DECODE_USAGE, run: runDecode },
  encode: { usage: ENCODE_USAGE, run: runEncode },
  sim: { usage: SIM_USAGE, run: runSim },
  demo: { usage: DEMO_USAGE, run: runDemo },
  session: { usage: SESSION_USAGE, run: runSession },
  probe: { usage: PROBE_USAGE, run: runProbe },
  passcode: { usage: PASSCODE_USAGE, run: runPasscode },
};

const HELP = new Set(['help', '--help', '-h']);

/** Runs the CLI and returns the exit code: 0 done, 1 refused or failed, 2 usage error. */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined) {
    io.stderr.write(GENERAL_USAGE);
    return 2;
  }
  if (HELP.has(name)) {
    const topic = args[0];
    if (topic === undefined) {
      io.stdout.write(GENERAL_USAGE);
      return 0;
    }
    const subcommand = lookup(topic);
    if (!subcommand) return unknown(io, topic);
    io.stdout.write(subcommand.usage);
    return 0;
  }
  const subcommand = lookup(name);
  if (!subcommand) return unknown(io, name);
  try {
    return await subcommand.run(args, io);
  } catch (error) {
    // Subcommands return their failures; reaching this is a bug, reported without a crash dump.
    io.stderr.write(
      `switchboard ${name}: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return 1;
  }
}

function lookup(name: string): Subcommand | undefined {
  return Object.hasOwn(SUBCOMMANDS, name) ? SUBCOMMANDS[name] : undefined;
}

function unknown(io: CliIo, name: string): number {
  io.stderr.write(`switchboard: unknown command "${name}"\n\n${GENERAL_USAGE}`);
  return 2;
}
