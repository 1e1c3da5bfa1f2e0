// Wire-name overrides: one set of rules for the CLI's --wire-names file (first problem, as one
// message, the wording the CLI has always printed) and for settings (every problem, per entry).

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { checkSettings } from '../../../main/core/settings/index.ts';
import { loadWireNames, parseWireNames, wireNameIssues } from '../../../main/core/settings/wire-names.ts';

const machine = { hostname: 'ws', username: 'u' };

describe('parseWireNames (the CLI)', () => {
  it('accepts catalog names with travelling spellings', () => {
    expect(
      parseWireNames({
        commands: { ConferenceCall: 'ConferenceCall' },
        events: { TeamUsersList: 'TeamInfo' },
      }),
    ).toEqual({
      ok: true,
      value: { commands: { ConferenceCall: 'ConferenceCall' }, events: { TeamUsersList: 'TeamInfo' } },
    });
    expect(parseWireNames({})).toEqual({ ok: true, value: { commands: {}, events: {} } });
  });

  it.each([
    [[], /^expected an object like/],
    [{ command: {} }, /^unknown key "command": only "commands" and "events" are allowed$/],
    [{ commands: [] }, /^"commands" must be an object of name → wire name$/],
    [
      { events: { Sate: 'X' } },
      /^events: "Sate" is not a catalog name; see switchboard encode --list or PROTOCOL.md$/,
    ],
    [
      { commands: { makecall: 'X' } },
      /^commands: "makecall" is not a catalog name \(did you mean "MakeCall"\?\)$/,
    ],
    [{ commands: { MakeCall: '' } }, /^commands.MakeCall: the wire name must be a non-empty string$/],
    [{ commands: { MakeCall: 5 } }, /^commands.MakeCall: the wire name must be a non-empty string$/],
    [
      { commands: { MakeCall: 'Make#Call' } },
      /^commands.MakeCall: "Make#Call" contains "#", which cannot travel$/,
    ],
    [
      { commands: { MakeCall: 'Make\nCall' } },
      /^commands.MakeCall: "Make\nCall" contains a line break, which cannot travel$/,
    ],
    [{ commands: { MakeCall: 'Make Call' } }, /^commands.MakeCall: "Make Call" contains white space$/],
    [
      { commands: { MakeCall: 'answercall' } },
      /^commands: MakeCall and AnswerCall would both travel as "AnswerCall" \(names match in any case\)$/,
    ],
    [
      { commands: { Hello: 'X', Beat: 'x' } },
      /^commands: Hello and Beat would both travel as "x" \(names match in any case\)$/,
    ],
  ])('refuses %j', (json, message) => {
    const parsed = parseWireNames(json);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(message);
  });

  it('accepts a swap of two spellings (each override is checked against the others, not the catalog alone)', () => {
    expect(
      parseWireNames({ events: { TeamUsersList: 'TeamPhonebooks', TeamPhonebooks: 'TeamUsersList' } }).ok,
    ).toBe(true);
  });

  describe('loadWireNames', () => {
    let dir: string;
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'switchboard-wire-names-'));
    });
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it('reads a file, names it in every error, and accepts a byte-order mark', async () => {
      const good = join(dir, 'good.json');
      await writeFile(good, `\uFEFF${JSON.stringify({ commands: { ConferenceCall: 'ConferenceCall' } })}`);
      expect(await loadWireNames(good)).toMatchObject({ ok: true });

      const bad = join(dir, 'bad.json');
      await writeFile(bad, JSON.stringify({ events: { Sate: 'X' } }));
      expect(await loadWireNames(bad)).toEqual({
        ok: false,
        error: `${bad}: events: "Sate" is not a catalog name; see switchboard encode --list or PROTOCOL.md`,
      });

      const notJson = join(dir, 'not.json');
      await writeFile(notJson, '{');
      expect(await loadWireNames(notJson)).toMatchObject({
        ok: false,
        error: expect.stringContaining('is not JSON'),
      });
      expect(await loadWireNames(join(dir, 'missing.json'))).toMatchObject({
        ok: false,
        error: expect.stringContaining('ENOENT'),
      });
    });
  });
});

describe('wireNameIssues (every problem)', () => {
  it('reports each bad entry and every override in a clash', () => {
    const issues = wireNameIssues({
      commands: { Sate: 'x', MakeCall: 'hello', Beat: 'HELLO', AnswerCall: 'Answer Call' },
      extra: 1,
    });
    expect(issues.map((issue) => [issue.section, issue.name])).toEqual([
      [undefined, undefined],
      ['commands', 'Sate'],
      ['commands', 'AnswerCall'],
      ['commands', 'Beat'],
      ['commands', 'MakeCall'],
    ]);
  });
});

describe('settings.wireNames', () => {
  it('keeps the valid overrides and reports each invalid one at its own path', () => {
    const { settings, problems } = checkSettings(
      {
        wireNames: {
          commands: { ConferenceCall: 'ConferenceCall', MakeCall: 'HELLO', Sate: 'x', HoldCall: '' },
          events: { TeamUsersList: 'TeamInfo', State: 'Sta|te' },
        },
      },
      machine,
    );
    expect(settings.wireNames).toEqual({
      commands: { ConferenceCall: 'ConferenceCall' },
      events: { TeamUsersList: 'TeamInfo' },
    });
    expect(problems).toEqual([
      {
        field: 'wireNames.commands.MakeCall',
        message: expect.stringMatching(/"HELLO" would be shared with Hello/),
      },
      { field: 'wireNames.commands.Sate', message: expect.stringMatching(/^"Sate" is not a catalog name/) },
      {
        field: 'wireNames.commands.HoldCall',
        message: 'expected a non-empty wire name; found an empty text',
      },
      { field: 'wireNames.events.State', message: '"Sta|te" contains "|", which cannot travel' },
    ]);
  });

  it('a section that is not an object falls back to no overrides', () => {
    const { settings, problems } = checkSettings({ wireNames: { commands: 'MakeCall=Dial' } }, machine);
    expect(settings.wireNames.commands).toEqual({});
    expect(problems.map((problem) => problem.field)).toEqual(['wireNames.commands']);
  });
});
