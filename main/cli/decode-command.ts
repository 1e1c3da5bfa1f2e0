// `switchboard decode`: raw event bodies on stdin, one JSON object per line on stdout.

import { parseArgs } from 'node:util';

import {
  createCodec,
  decodeEvent as defaultDecodeEvent,
  type DecodedEvent,
  type MalformedEvent,
} from '../core/protocol/index.ts';
import { writeOut, type CliIo } from './io.ts';
import { MAX_LINE_LENGTH, readLines } from './lines.ts';
import { DECODE_USAGE } from './usage.ts';
import { loadWireNames } from '../core/settings/wire-names.ts';

export async function runDecode(args: readonly string[], io: CliIo): Promise<number> {
  let values: { strict?: boolean; 'wire-names'?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: {
        strict: { type: 'boolean' },
        'wire-names': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: false,
    }));
  } catch (error) {
    io.stderr.write(`switchboard decode: ${error instanceof Error ? error.message : String(error)}\n\n`);
    io.stderr.write(DECODE_USAGE);
    return 2;
  }
  if (values.help) {
    io.stdout.write(DECODE_USAGE);
    return 0;
  }

  let decodeEvent = defaultDecodeEvent;
  if (values['wire-names'] !== undefined) {
    const overrides = await loadWireNames(values['wire-names']);
    if (!overrides.ok) {
      io.stderr.write(`switchboard decode: --wire-names: ${overrides.error}\n`);
      return 2;
    }
    decodeEvent = createCodec(overrides.value).decodeEvent;
  }

  // A reader that goes away (`| head`) ends the run quietly instead of with an EPIPE stack.
  let outputClosed = false;
  const onOutputError = () => {
    outputClosed = true;
  };
  io.stdout.on('error', onOutputError);
  if (io.stdin.isTTY) io.stderr.write('Paste GC event bodies, one per line; end with Ctrl-D.\n');

  let decoded = 0;
  let problems = 0;
  try {
    for await (const line of readLines(io.stdin, MAX_LINE_LENGTH)) {
      let event: DecodedEvent;
      if (line.kind === 'overlong') {
        event = overlong(line.number, line.length, line.head);
      } else {
        if (line.text.trim() === '') continue;
        event = decodeEvent(line.text);
      }
      decoded++;
      const output = toJsonLine(event, line.kind === 'line' ? line.text : line.head);
      if (output.kind === 'unknown' || output.kind === 'malformed') problems++;
      if (outputClosed) break;
      await writeOut(io.stdout, output.text);
      if (outputClosed) break;
    }
  } catch (error) {
    if (outputClosed) return 0;
    io.stderr.write(`switchboard decode: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  } finally {
    // Once the output has failed, later writes may still report it: keep listening then.
    if (!outputClosed) io.stdout.off('error', onOutputError);
  }
  if (values.strict && problems > 0) {
    io.stderr.write(`switchboard decode: ${problems} of ${decoded} lines were unknown or malformed\n`);
    return 1;
  }
  return 0;
}

function overlong(number: number, length: number, head: string): MalformedEvent {
  return {
    kind: 'malformed',
    name: nameIn(head),
    field: 'line',
    reason: `line ${number} is ${length} characters long; decode reads lines of up to ${MAX_LINE_LENGTH} (raw holds its first ${head.length})`,
    raw: head,
  };
}

/**
 * The event as one JSON line. An event decoded from a hostile line (millions of one-character
 * records) can be larger as JSON than the longest string V8 can build; it is then reported
 * instead of crashing the run.
 */
function toJsonLine(event: DecodedEvent, raw: string): { kind: DecodedEvent['kind']; text: string } {
  try {
    return { kind: event.kind, text: JSON.stringify(event) + '\n' };
  } catch (error) {
    const head = raw.slice(0, 200);
    const replacement: MalformedEvent = {
      kind: 'malformed',
      name: nameIn(head),
      field: 'output',
      reason: `decoded as ${event.kind}, but the result is too large to print as one JSON line (${error instanceof Error ? error.message : String(error)}); raw holds the first ${head.length} characters`,
      raw: head,
    };
    return { kind: 'malformed', text: JSON.stringify(replacement) + '\n' };
  }
}

function nameIn(text: string): string {
  return text.split('#', 3)[1]?.trim() ?? '';
}
