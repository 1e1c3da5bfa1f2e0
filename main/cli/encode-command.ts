// `switchboard encode`: one GC command from the command line, or the catalog with --list.

import { parseArgs } from 'node:util';

import {
  COMMANDS,
  COMMAND_NAMES,
  createCodec,
  type Command,
  type CommandError,
  type CommandName,
  type GcCodec,
} from '../core/protocol/index.ts';
import type { CliIo } from './io.ts';
import { describeParameters, ENCODE_USAGE } from './usage.ts';
import { loadWireNames } from '../core/settings/wire-names.ts';

interface EncodeOptions {
  list?: boolean;
  json?: boolean;
  'wire-names'?: string;
  help?: boolean;
}

export async function runEncode(args: readonly string[], io: CliIo): Promise<number> {
  let values: EncodeOptions;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: [...args],
      options: {
        list: { type: 'boolean' },
        json: { type: 'boolean' },
        'wire-names': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: true,
    }));
  } catch (error) {
    return usageError(io, error instanceof Error ? error.message : String(error));
  }
  if (values.help) {
    io.stdout.write(ENCODE_USAGE);
    return 0;
  }

  let codec: GcCodec = createCodec();
  if (values['wire-names'] !== undefined) {
    const overrides = await loadWireNames(values['wire-names']);
    if (!overrides.ok) {
      io.stderr.write(`switchboard encode: --wire-names: ${overrides.error}\n`);
      return 2;
    }
    codec = createCodec(overrides.value);
  }

  if (values.list) {
    if (positionals.length > 0) return usageError(io, '--list takes no command');
    io.stdout.write(values.json ? JSON.stringify(catalog(codec)) + '\n' : catalogTable(codec));
    return 0;
  }

  const [requested, id, ...params] = positionals;
  if (requested === undefined) return usageError(io, 'which command? (switchboard encode --list shows them)');
  const name = resolveCommand(requested, codec);
  if (name === undefined) {
    return usageError(io, `"${requested}" is neither a command name nor a wire name in the catalog`);
  }
  const spec = COMMANDS[name];
  const signature = `${name} <id:${spec.target}> ${describeParameters(spec.params)}`;
  if (id === undefined) return usageError(io, `${name} needs an id: ${signature}`);
  const named = spec.params.flatMap((param) => (param.kind === 'literal' ? [] : [param]));
  if (params.length > named.length) {
    return usageError(io, `${name} takes ${named.length} parameter(s), got ${params.length}: ${signature}`);
  }

  const fields: Record<string, unknown> = { name, id };
  named.forEach((param, index) => {
    const raw = params[index];
    if (raw === undefined) return;
    // Anything but true/false goes through as text, for the codec to refuse with its own error.
    const lower = raw.toLowerCase();
    fields[param.name] =
      param.kind === 'boolean' && (lower === 'true' || lower === 'false') ? lower === 'true' : raw;
  });

  const encoded = codec.encodeCommand(fields as unknown as Command);
  if (!encoded.ok) {
    io.stderr.write(
      values.json ? JSON.stringify({ error: encoded.error }) + '\n' : describeRefusal(encoded.error),
    );
    return 1;
  }
  const { type, body } = encoded.value;
  io.stdout.write(
    values.json ? JSON.stringify({ name, type, body }) + '\n' : `type: ${type}\nbody: ${body}\n`,
  );
  return 0;
}

/** Catalog name in any case first, then the wire name in use, then the catalog's own spelling. */
export function resolveCommand(requested: string, codec: GcCodec): CommandName | undefined {
  const lower = requested.toLowerCase();
  return (
    COMMAND_NAMES.find((name) => name.toLowerCase() === lower) ??
    COMMAND_NAMES.find((name) => codec.commandWireName(name).toLowerCase() === lower) ??
    COMMAND_NAMES.find((name) => COMMANDS[name].wire.toLowerCase() === lower)
  );
}

function describeRefusal(error: CommandError): string {
  const lines = ['switchboard encode: refused, nothing would be sent', `  code:    ${error.code}`];
  if ('field' in error) lines.push(`  field:   ${error.field}`);
  lines.push(`  message: ${error.message}`);
  return lines.join('\n') + '\n';
}

function usageError(io: CliIo, message: string): number {
  io.stderr.write(`switchboard encode: ${message}\n\n${ENCODE_USAGE}`);
  return 2;
}

function catalog(codec: GcCodec) {
  return COMMAND_NAMES.map((name) => {
    const spec = COMMANDS[name];
    return {
      name,
      wire: codec.commandWireName(name),
      id: spec.target,
      params: describeParameters(spec.params),
      provenance: spec.provenance,
      replies: spec.replies,
      summary: spec.summary,
    };
  });
}

function catalogTable(codec: GcCodec): string {
  const header = {
    name: 'Command',
    wire: 'Wire name',
    id: 'Id',
    params: 'Parameters',
    provenance: 'Provenance',
  };
  const rows = [header, ...catalog(codec)];
  const width = (key: keyof typeof header) => Math.max(...rows.map((row) => row[key].length));
  const columns = (['name', 'wire', 'id', 'params'] as const).map((key) => ({ key, width: width(key) }));
  return (
    rows
      .map(
        (row) => columns.map(({ key, width }) => row[key].padEnd(width)).join('  ') + '  ' + row.provenance,
      )
      .join('\n') + '\n'
  );
}
