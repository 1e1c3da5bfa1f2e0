// `--wire-names <file.json>`: a deployment's wire-name overrides, as createCodec takes them.
// createCodec trusts its input; a file typed by hand does not deserve that, so it is checked
// here: known names only, spellings that can travel, and no two entries sharing a spelling
// (decoding matches names case-insensitively, so neither could be told apart).

import { readFile } from 'node:fs/promises';

import {
  COMMANDS,
  COMMAND_NAMES,
  EVENTS,
  EVENT_KINDS,
  err,
  ok,
  type Result,
  type WireNameOverrides,
} from '../core/protocol/index.ts';
import { describeCharacter, findReservedCharacter } from '../core/protocol/wire.ts';

export const WIRE_NAMES_EXAMPLE =
  '{ "commands": { "ConferenceCall": "ConferenceCall" }, "events": { "TeamPhonebooks": "TeamPhonebooks" } }';

export async function loadWireNames(path: string): Promise<Result<WireNameOverrides, string>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const reason = error instanceof Error && 'code' in error ? String(error.code) : String(error);
    return err(`cannot read ${path} (${reason})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return err(`${path} is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = parseWireNames(json);
  return parsed.ok ? parsed : err(`${path}: ${parsed.error}`);
}

export function parseWireNames(json: unknown): Result<WireNameOverrides, string> {
  if (!isPlainObject(json)) return err(`expected an object like ${WIRE_NAMES_EXAMPLE}`);
  for (const key of Object.keys(json)) {
    if (key !== 'commands' && key !== 'events') {
      return err(`unknown key "${key}": only "commands" and "events" are allowed`);
    }
  }
  const commands = parseSection(
    json.commands,
    'commands',
    COMMAND_NAMES,
    (name) => COMMANDS[name as keyof typeof COMMANDS].wire,
  );
  if (!commands.ok) return commands;
  const events = parseSection(
    json.events,
    'events',
    EVENT_KINDS,
    (kind) => EVENTS[kind as keyof typeof EVENTS].wire,
  );
  if (!events.ok) return events;
  return ok({ commands: commands.value, events: events.value });
}

function parseSection(
  section: unknown,
  label: string,
  names: readonly string[],
  defaultWire: (name: string) => string,
): Result<Record<string, string>, string> {
  if (section === undefined) return ok({});
  if (!isPlainObject(section)) return err(`"${label}" must be an object of name → wire name`);
  const overrides: Record<string, string> = {};
  for (const [name, wire] of Object.entries(section)) {
    if (!names.includes(name)) {
      const near = names.find((known) => known.toLowerCase() === name.toLowerCase());
      return err(
        `${label}: "${name}" is not a catalog name` +
          (near ? ` (did you mean "${near}"?)` : `; see switchboard encode --list or PROTOCOL.md`),
      );
    }
    if (typeof wire !== 'string' || wire === '') {
      return err(`${label}.${name}: the wire name must be a non-empty string`);
    }
    const reserved = findReservedCharacter(wire);
    if (reserved !== undefined) {
      return err(`${label}.${name}: "${wire}" contains ${describeCharacter(reserved)}, which cannot travel`);
    }
    if (/\s/.test(wire)) return err(`${label}.${name}: "${wire}" contains white space`);
    overrides[name] = wire;
  }
  const nameByLowerWire = new Map<string, string>();
  for (const name of names) {
    const wire = overrides[name] ?? defaultWire(name);
    const other = nameByLowerWire.get(wire.toLowerCase());
    if (other !== undefined) {
      return err(`${label}: ${other} and ${name} would both travel as "${wire}" (names match in any case)`);
    }
    nameByLowerWire.set(wire.toLowerCase(), name);
  }
  return ok(overrides);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
