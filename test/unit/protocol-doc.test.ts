// PROTOCOL.md against the catalog: every command and event is in its table with its exact wire
// spelling and provenance, every command example decodes to that command, and every event's
// catalog example appears verbatim. The tables' convention: one row per catalog entry,
// `| <catalog name> | `<wire>` | … | <provenance> |`, under "## Commands" and "## Events".

import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import {
  COMMANDS,
  COMMAND_NAMES,
  EVENTS,
  EVENT_KINDS,
  decodeCommand,
  decodeEvent,
  type CommandName,
} from '../../main/core/protocol/index.ts';

const doc = readFileSync(new URL('../../PROTOCOL.md', import.meta.url), 'utf8');

/** The text from a `## ` heading to the next one. */
function section(heading: string): string {
  const start = doc.indexOf(`\n## ${heading}\n`);
  if (start < 0) throw new Error(`PROTOCOL.md has no "## ${heading}" section`);
  const end = doc.indexOf('\n## ', start + 1);
  return doc.slice(start, end < 0 ? undefined : end);
}

/** Body rows of every table in `text` whose header's first cell is `firstHeader`, as trimmed cells. */
function tableRows(text: string, firstHeader: string): string[][] {
  const rows: string[][] = [];
  let inTable = false;
  for (const line of text.split('\n')) {
    if (!line.startsWith('|')) {
      inTable = false;
      continue;
    }
    // Split on pipes not escaped as `\|`.
    const cells = line
      .split(/(?<!\\)\|/)
      .slice(1, -1)
      .map((cell) => cell.trim());
    if (cells[0] === firstHeader) {
      inTable = true;
      continue;
    }
    if (!inTable || cells.every((cell) => /^:?-+:?$/.test(cell))) continue;
    rows.push(cells);
  }
  return rows;
}

const commandRows = tableRows(section('Commands'), 'Command');
const eventRows = tableRows(section('Events'), 'Event');

describe('PROTOCOL.md', () => {
  it('lists every catalog command once, with its wire name and provenance', () => {
    expect(commandRows.map((row) => row[0]).sort()).toEqual([...COMMAND_NAMES].sort());
    for (const name of COMMAND_NAMES) {
      const row = commandRows.find((cells) => cells[0] === name) ?? [];
      expect(row[1], `${name}: wire name`).toBe(`\`${COMMANDS[name].wire}\``);
      expect(row[2], `${name}: id`).toBe(`\`${COMMANDS[name].target}\``);
      expect(row.at(-1), `${name}: provenance`).toBe(COMMANDS[name].provenance);
    }
  });

  it('gives each command an example that decodes to that command', () => {
    for (const row of commandRows) {
      const example = row.at(-2) ?? '';
      const match = /^type `([^`]+)`, (?:body `([^`]+)`|empty body)$/.exec(example);
      expect(match, `${row[0]}: example "${example}"`).not.toBeNull();
      const type = match?.[1] ?? '';
      expect(type.startsWith(`${COMMANDS[row[0] as CommandName]?.wire}#`), `${row[0]}: ${type}`).toBe(true);
      const decoded = decodeCommand(type, match?.[2] ?? '');
      expect(decoded.ok ? decoded.value.name : decoded.error.message, `${row[0]}: example`).toBe(row[0]);
    }
  });

  it('lists every catalog event once, with its wire name and provenance', () => {
    expect(eventRows.map((row) => row[0]).sort()).toEqual([...EVENT_KINDS].sort());
    for (const kind of EVENT_KINDS) {
      const row = eventRows.find((cells) => cells[0] === kind) ?? [];
      expect(row[1], `${kind}: wire name`).toBe(`\`${EVENTS[kind].wire}\``);
      expect(row.at(-1), `${kind}: provenance`).toBe(EVENTS[kind].provenance);
    }
  });

  it('shows every event’s catalog example verbatim, on a line of its own', () => {
    const lines = new Set(section('Events').split('\n'));
    for (const kind of EVENT_KINDS) {
      const { example } = EVENTS[kind];
      expect(lines.has(example), `${kind}: ${example}`).toBe(true);
      expect(decodeEvent(example).kind).toBe(kind);
    }
  });

  it('states each event’s provenance in its own section too', () => {
    const subsections = section('Events').split('\n### ').slice(1);
    for (const kind of EVENT_KINDS) {
      const { wire, provenance } = EVENTS[kind];
      const body = subsections.find((text) => text.split('\n', 1)[0]?.includes(`\`${wire}\``));
      expect(body, `${kind}: a "### " heading naming \`${wire}\``).toBeDefined();
      expect(body?.replace(/\s+/g, ' '), kind).toContain(`Provenance: ${provenance}.`);
    }
  });

  it('keeps the sections the README and the code point to', () => {
    for (const heading of [
      'Transport',
      'Framing',
      'Reserved characters',
      'Handshake',
      'Where sources disagree and what Switchboard does',
      'Wire-name overrides',
    ]) {
      expect(() => section(heading), heading).not.toThrow();
    }
  });
});
