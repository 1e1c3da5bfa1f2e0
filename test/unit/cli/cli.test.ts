// The switchboard command as users run it: `node bin/switchboard.mjs …` in a child process, so
// the launcher, tsx and the exit codes are tested too. Each spawn costs tsx's start-up (0.3–1 s),
// so cases are batched and run concurrently.

import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { EVENTS } from '../../../main/core/protocol/index.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const launcher = join(root, 'bin', 'switchboard.mjs');

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function run(args: readonly string[], input?: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [launcher, ...args], { cwd: root, stdio: 'pipe' });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({
        code,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
      }),
    );
    child.stdin.on('error', () => {}); // a CLI that exits early must not fail the test with EPIPE
    child.stdin.end(input ?? '');
  });
}

const jsonLines = (text: string): Record<string, unknown>[] =>
  text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);

const SLOW = { timeout: 20_000 };

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'switchboard-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe.concurrent('switchboard decode', () => {
  // Pasted traffic: CRLF endings, blank and white-space lines, an unknown event, broken ones.
  const input = [
    EVENTS.State.example,
    '',
    EVENTS.TeamUsersList.example + '\r',
    '   ',
    '1001#Frobnicate#x#y',
    'no separator at all',
    '1001#InboundCall#ACTIVE#DialogId:',
    EVENTS.PhonebookContacts.example,
    '\uFEFF' + EVENTS.InService.example,
  ].join('\r\n');

  it('prints one JSON object per non-blank line, the typed event or the codec’s verdict', SLOW, async () => {
    const { code, stdout, stderr } = await run(['decode'], input);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const events = jsonLines(stdout);
    expect(events.map((event) => event.kind)).toEqual([
      'State',
      'TeamUsersList',
      'unknown',
      'malformed',
      'malformed',
      'PhonebookContacts',
      'InService',
    ]);
    expect(events[0]).toMatchObject({
      receiver: '1001',
      state: 'NOT_READY',
      agentId: '1001',
      extension: '5001',
    });
    expect(events[1]).toMatchObject({ members: [{ loginId: '1001', state: 'READY', extension: '5001' }] });
    expect(events[2]).toEqual({
      kind: 'unknown',
      receiver: '1001',
      name: 'Frobnicate',
      raw: '1001#Frobnicate#x#y',
    });
    expect(events[3]).toMatchObject({ field: 'name', raw: 'no separator at all' });
    expect(events[4]).toMatchObject({ name: 'InboundCall', field: 'dialogId' });
    expect(events[6]).toEqual({ kind: 'InService', receiver: 'ws-0a1b2c', detail: [] });
  });

  it('--strict exits 1 and counts the unknown and malformed lines', SLOW, async () => {
    const { code, stdout, stderr } = await run(['decode', '--strict'], input);
    expect(code).toBe(1);
    expect(jsonLines(stdout)).toHaveLength(7);
    expect(stderr).toContain('3 of 7 lines were unknown or malformed');
  });

  it('reads a 10 MB line, survives hostile bytes and reports a line over the limit', SLOW, async () => {
    const contact = (index: number) =>
      `description:Customer ${index},firstName:Ann,lastName:Lee,phoneNumber:+4416329${index},id:${index}`;
    const contacts = Array.from({ length: 120_000 }, (_, index) => contact(index)).join('#');
    const big = `1001#PhonebookContacts#${contacts}`;
    expect(big.length).toBeGreaterThan(10_000_000);
    const hostile = '1\u0000#Error#A\u0000B#\uD800 lone surrogate#' + '#'.repeat(1000);
    const overlong = '9000#QueueList#' + 'x'.repeat(17 * 1024 * 1024);
    const { code, stdout, stderr } = await run(
      ['decode'],
      [big, hostile, overlong, EVENTS.Error.example].join('\n'),
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const events = jsonLines(stdout);
    expect(events.map((event) => event.kind)).toEqual(['PhonebookContacts', 'Error', 'malformed', 'Error']);
    expect(events[0]?.contacts).toHaveLength(120_000);
    expect(events[1]).toMatchObject({ receiver: '1\u0000', code: 'A\u0000B' });
    expect(events[2]).toMatchObject({ name: 'QueueList', field: 'line' });
    expect(String(events[2]?.reason)).toContain(`is ${overlong.length} characters long`);
  });

  it('applies a wire-name override file, and refuses an invalid one with exit 2', SLOW, async () => {
    const overrides = join(dir, 'wire-names.json');
    await writeFile(overrides, JSON.stringify({ events: { TeamPhonebooks: 'TeamPhonebooks' } }));
    const good = await run(
      ['decode', '--wire-names', overrides],
      '1001#TeamPhonebooks#name:Sales,type:TEAM,id:7\n',
    );
    expect(good.code).toBe(0);
    expect(jsonLines(good.stdout)).toEqual([
      { kind: 'TeamPhonebooks', receiver: '1001', phonebooks: [{ name: 'Sales', type: 'TEAM', id: '7' }] },
    ]);

    const invalid = join(dir, 'invalid.json');
    await writeFile(invalid, JSON.stringify({ events: { Sate: 'X' } }));
    const bad = await run(['decode', '--wire-names', invalid], EVENTS.State.example);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toContain('"Sate" is not a catalog name');
  });
});

describe.concurrent('switchboard encode', () => {
  it('encodes by catalog name (any case) and by wire name, literals filled in', SLOW, async () => {
    const text = await run(['encode', 'makecall', '1001', '5551234']);
    expect(text).toEqual({ code: 0, stdout: 'type: MakeCall#1001\nbody: 5551234\n', stderr: '' });

    const overrides = join(dir, 'commands.json');
    await writeFile(overrides, JSON.stringify({ commands: { ConferenceCall: 'ConferenceCall' } }));
    // One process per invocation: batch the rest through --json in parallel.
    const [scheduled, rejected, conference, mobile] = await Promise.all([
      run([
        'encode',
        '--json',
        'SHCEDULECALLBACK',
        '1001',
        '5001',
        '16821223',
        '2026-11-25 10:30',
        '+441632960961',
      ]),
      run(['encode', '--json', 'RejectOutboundPreview', '1001', '16821223']),
      run(['encode', '--json', '--wire-names', overrides, 'Conferencecall', '1001', '5002', '16821223']),
      run(['encode', '--json', 'MobileAgentLogin', '1001', 'secret', '5001', '+441632960961', 'TRUE']),
    ]);
    expect(JSON.parse(scheduled.stdout)).toEqual({
      name: 'ScheduleCallback',
      type: 'SHCEDULECALLBACK#1001',
      body: '5001,16821223,2026-11-25 10:30,+441632960961',
    });
    expect(JSON.parse(rejected.stdout)).toMatchObject({
      type: 'RejectOutboundPreview#1001',
      body: '16821223,REJECT',
    });
    expect(JSON.parse(conference.stdout)).toMatchObject({
      type: 'ConferenceCall#1001',
      body: '5002,16821223',
    });
    expect(JSON.parse(mobile.stdout)).toMatchObject({
      type: 'MOBILEAGENTLOGIN#1001',
      body: 'secret,5001,+441632960961,true',
    });
  });

  it('prints the typed refusal on stderr and exits 1', SLOW, async () => {
    const [comma, flag] = await Promise.all([
      run(['encode', 'MakeCall', '1001', '12,3']),
      run(['encode', '--json', 'MobileAgentLogin', '1001', 'secret', '5001', '0300', 'maybe']),
    ]);
    expect(comma.code).toBe(1);
    expect(comma.stdout).toBe('');
    expect(comma.stderr).toContain('code:    reserved-character');
    expect(comma.stderr).toContain('field:   number');
    expect(comma.stderr).toContain('MakeCall: number contains ",", which GC reserves; nothing was sent.');
    expect(flag.code).toBe(1);
    expect(JSON.parse(flag.stderr)).toMatchObject({
      error: { code: 'invalid-parameter', field: 'callByCall' },
    });
  });

  it('--list prints the catalog with wire names and provenance; usage errors exit 2', SLOW, async () => {
    const [list, json, tooMany, unknown] = await Promise.all([
      run(['encode', '--list']),
      run(['encode', '--list', '--json']),
      run(['encode', 'MakeCall', '1001', '1', '2']),
      run(['encode', 'Teleport', '1001']),
    ]);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(
      /^ScheduleCallback\s+SHCEDULECALLBACK\s+agent\s+<extension> <dialogId> .*\sseed$/m,
    );
    expect(list.stdout).toMatch(
      /^RejectOutboundPreview\s+RejectOutboundPreview\s+agent\s+<dialogId> REJECT\s+seed$/m,
    );
    const catalog = JSON.parse(json.stdout) as { name: string; wire: string; provenance: string }[];
    expect(catalog.find((entry) => entry.name === 'GetSkillGroups')).toMatchObject({
      wire: 'GETSKILLGROPU',
      provenance: 'seed',
    });
    expect(tooMany.code).toBe(2);
    expect(tooMany.stderr).toContain('MakeCall takes 1 parameter(s), got 2');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('"Teleport" is neither a command name nor a wire name');
  });
});

describe.concurrent('switchboard help and dispatch', () => {
  it('--help, help <command>, and unknown commands', SLOW, async () => {
    const [help, decodeHelp, unknown, none] = await Promise.all([
      run(['--help']),
      run(['help', 'decode']),
      run(['teleport']),
      run([]),
    ]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: switchboard <command>');
    expect(help.stdout).toMatch(/^ {2}decode /m);
    expect(help.stdout).toMatch(/^ {2}encode /m);
    expect(decodeHelp.code).toBe(0);
    expect(decodeHelp.stdout).toContain('--strict');
    expect(decodeHelp.stdout).toContain(EVENTS.TeamPhonebooks.layout);
    expect(unknown.code).toBe(2);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toContain('unknown command "teleport"');
    expect(unknown.stderr).toContain('Usage: switchboard <command>');
    expect(none.code).toBe(2);
  });
});
