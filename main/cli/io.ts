// The streams a subcommand talks through. `main` takes them as a parameter so the CLI can run
// in-process (a bench runner, a future test) as well as from bin/switchboard.mjs.

import { once } from 'node:events';
import type { Writable } from 'node:stream';

export interface CliIo {
  readonly stdin: AsyncIterable<Buffer | string> & { readonly isTTY?: boolean };
  readonly stdout: Writable;
  readonly stderr: Writable;
}

export function processIo(): CliIo {
  return { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr };
}

/**
 * Writes `text` and waits for the stream to drain when its buffer is full, so a long decode does
 * not pile its whole output up in memory when the reader is slower than we are.
 */
export async function writeOut(stream: Writable, text: string): Promise<void> {
  if (!stream.write(text)) await once(stream, 'drain');
}
