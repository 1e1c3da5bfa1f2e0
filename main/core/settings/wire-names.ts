// A deployment's wire-name overrides (PROTOCOL.md, "Wire-name overrides"), as createCodec takes
// them, checked before they reach it. createCodec trusts its input; a file typed by hand does not
// deserve that. The same rules serve the settings (`wireNames`, one problem per entry) and the
// CLI's `--wire-names <file.json>` (the first problem, as one message): known names only,
// spellings that can travel, and no two entries sharing a spelling (decoding matches names
// case-insensitively, so neither could be told apart).

import { readFile } from 'node:fs/promises';

import {
  COMMANDS,
  COMMAND_NAMES,
  EVENTS,
  EVENT_KINDS,
  err,
  ok,
  type CommandWireNames,
  type EventWireNames,
  type Result,
  type WireNameOverrides,
} from '../protocol/index.ts';
import { describeCharacter, findReservedCharacter } from '../protocol/wire.ts';
import { describeFound } from './found.ts';

export const WIRE_NAMES_EXAMPLE =
  '{ "commands": { "ConferenceCall": "ConferenceCall" }, "events": { "TeamPhonebooks": "TeamPhonebooks" } }';

export type WireNameSection = 'commands' | 'events';

/** One thing wrong with an overrides object. */
export interface WireNameIssue {
  /** The section at fault; undefined for the top level (an unknown key, not an object). */
  readonly section?: WireNameSection;
  /** The entry at fault (a name as written in the file); undefined when the section itself is wrong. */
  readonly name?: string;
  /** Without location, for a settings problem whose field already says where: `"Sate" is not a catalog name`. */
  readonly detail: string;
  /** With location, as the CLI prints it: `events: "Sate" is not a catalog name`. */
  readonly message: string;
}

interface SectionCatalog {
  readonly names: readonly string[];
  readonly defaultWire: (name: string) => string;
}

const CATALOG: Readonly<Record<WireNameSection, SectionCatalog>> = {
  commands: {
    names: COMMAND_NAMES,
    defaultWire: (name) => COMMANDS[name as keyof typeof COMMANDS].wire,
  },
  events: {
    names: EVENT_KINDS,
    defaultWire: (kind) => EVENTS[kind as keyof typeof EVENTS].wire,
  },
};

/** Reads and checks a `--wire-names` file; the error is one line for a person. */
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
    json = JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text);
  } catch (error) {
    return err(`${path} is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = parseWireNames(json);
  return parsed.ok ? parsed : err(`${path}: ${parsed.error}`);
}

/** The overrides, or the first thing wrong with them. */
export function parseWireNames(json: unknown): Result<WireNameOverrides, string> {
  const issues = wireNameIssues(json);
  const first = issues[0];
  if (first !== undefined) return err(first.message);
  const object = json as { commands?: CommandWireNames; events?: EventWireNames };
  return ok({ commands: { ...object.commands }, events: { ...object.events } });
}

/** Everything wrong with an overrides object `{ commands?, events? }`, in file order. */
export function wireNameIssues(json: unknown): WireNameIssue[] {
  if (!isPlainObject(json)) {
    const detail = `expected an object like ${WIRE_NAMES_EXAMPLE}`;
    return [{ detail, message: detail }];
  }
  const issues: WireNameIssue[] = [];
  for (const key of Object.keys(json)) {
    if (key !== 'commands' && key !== 'events') {
      const detail = `unknown key "${clip(key)}": only "commands" and "events" are allowed`;
      issues.push({ detail, message: detail });
    }
  }
  issues.push(...wireNameSectionIssues(json.commands, 'commands'));
  issues.push(...wireNameSectionIssues(json.events, 'events'));
  return issues;
}

/**
 * Everything wrong with one section (`{ "<catalog name>": "<wire name>" }`). Entries that are
 * wrong in themselves are reported first; names that would share a spelling are looked for among
 * the remaining entries and the catalog's own spellings, and every override in such a group is
 * reported (the catalog's spellings are distinct, so a group always holds at least one override).
 */
export function wireNameSectionIssues(section: unknown, label: WireNameSection): WireNameIssue[] {
  if (section === undefined) return [];
  if (!isPlainObject(section)) {
    const detail = 'must be an object of name → wire name';
    return [{ section: label, detail, message: `"${label}" ${detail}` }];
  }
  const { names, defaultWire } = CATALOG[label];
  const issues: WireNameIssue[] = [];
  const valid = new Map<string, string>();
  for (const [name, wire] of Object.entries(section)) {
    const entry = (detail: string, message: string): WireNameIssue => ({
      section: label,
      name,
      detail,
      message,
    });
    if (!names.includes(name)) {
      const near = names.find((known) => known.toLowerCase() === name.toLowerCase());
      const hint = near ? ` (did you mean "${near}"?)` : `; see switchboard encode --list or PROTOCOL.md`;
      issues.push(
        entry(
          `"${clip(name)}" is not a catalog name${hint}`,
          `${label}: "${clip(name)}" is not a catalog name${hint}`,
        ),
      );
      continue;
    }
    if (typeof wire !== 'string' || wire === '') {
      issues.push(
        entry(
          `expected a non-empty wire name; found ${describeFound(wire)}`,
          `${label}.${name}: the wire name must be a non-empty string`,
        ),
      );
      continue;
    }
    const reserved = findReservedCharacter(wire);
    if (reserved !== undefined) {
      const detail = `"${clip(wire)}" contains ${describeCharacter(reserved)}, which cannot travel`;
      issues.push(entry(detail, `${label}.${name}: ${detail}`));
      continue;
    }
    if (/\s/.test(wire)) {
      const detail = `"${clip(wire)}" contains white space`;
      issues.push(entry(detail, `${label}.${name}: ${detail}`));
      continue;
    }
    valid.set(name, wire);
  }

  const groups = new Map<string, string[]>();
  for (const name of names) {
    const lower = wireOf(name).toLowerCase();
    const group = groups.get(lower);
    if (group === undefined) groups.set(lower, [name]);
    else group.push(name);
  }
  // In the order a walk through the catalog meets them, as the CLI has always reported the first.
  const collisions = [...groups.values()]
    .filter((group) => group.length > 1)
    .sort((a, b) => names.indexOf(a[1] ?? '') - names.indexOf(b[1] ?? ''));
  for (const group of collisions) {
    const [first = '', second = ''] = group;
    const message = `${label}: ${first} and ${second} would both travel as "${wireOf(second)}" (names match in any case)`;
    for (const name of group) {
      const wire = valid.get(name);
      if (wire === undefined) continue;
      const others = group.filter((other) => other !== name);
      issues.push({
        section: label,
        name,
        detail: `"${wire}" would be shared with ${others.map((other) => `${other} ("${wireOf(other)}")`).join(' and ')}, and names match in any case`,
        message,
      });
    }
  }
  return issues;

  function wireOf(name: string): string {
    return valid.get(name) ?? defaultWire(name);
  }
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
