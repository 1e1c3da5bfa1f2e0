// settings.json as a deployer meets it: defaults on first run, one clear problem for a file that
// cannot be used (left untouched), one problem per bad field (the rest kept), unknown keys kept
// through a save, secrets never read, and atomic, private writes that never lose the user's text.

import { mkdtemp, readFile, readdir, rm, stat, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import {
  checkSettings,
  defaultSettings,
  loadSettings,
  saveSettings,
  type Settings,
} from '../../../main/core/settings/index.ts';

const machine = { hostname: 'WS-042', username: 'alice' };
const posix = process.platform !== 'win32';

let dir: string;
let file: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'switchboard-settings-'));
  file = join(dir, 'settings.json');
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function problemFields(problems: readonly { field: string }[]): string[] {
  return problems.map((problem) => problem.field);
}

describe('defaults', () => {
  it('are demo mode with the documented values', () => {
    const settings = defaultSettings(machine);
    expect(settings).toEqual({
      mode: 'demo',
      broker: {
        urls: ['stomp://localhost:61613'],
        commandQueue: 'Connector1',
        clientDestination: 'switchboard-ws-042-alice',
        heartbeat: { outgoingMs: 10_000, incomingMs: 10_000 },
        backoff: { initialDelayMs: 250, maxDelayMs: 30_000 },
      },
      agent: { rememberPassword: false },
      hotkeys: { answerOrRelease: 'CommandOrControl+Shift+A', toggleReady: 'CommandOrControl+Shift+R' },
      notifications: { incomingCall: true, notReadyReminderMinutes: 15, wrapUpReminderMinutes: 2 },
      telLinks: { callImmediately: false },
      startup: { startMinimised: false, startAtLogin: false },
      queueStatsRefreshSeconds: 15,
      wireNames: { commands: {}, events: {} },
    });
    expect(checkSettings(settings, machine).problems).toEqual([]);
  });

  it('come from a missing file, with no problem and nothing written', async () => {
    const loaded = await loadSettings(file, machine);
    expect(loaded).toEqual({ settings: defaultSettings(machine), problems: [], source: 'defaults' });
    expect(await readdir(dir)).toEqual([]);
  });

  it('fill in what a partial file leaves out, silently', async () => {
    await writeFile(
      file,
      JSON.stringify({ mode: 'broker', broker: { urls: ['stomp+ssl://mq.example.com'] } }),
    );
    const loaded = await loadSettings(file, machine);
    expect(loaded.problems).toEqual([]);
    expect(loaded.source).toBe('file');
    expect(loaded.settings.mode).toBe('broker');
    expect(loaded.settings.broker.urls).toEqual(['stomp+ssl://mq.example.com']);
    expect(loaded.settings.broker.heartbeat).toEqual({ outgoingMs: 10_000, incomingMs: 10_000 });
  });
});

describe('clientDestination default', () => {
  it('is sanitised to [A-Za-z0-9._-], lower case, accents dropped', () => {
    const settings = defaultSettings({ hostname: 'DESKTOP-Ä1.corp.example', username: 'José Smith#2,x/y|z' });
    expect(settings.broker.clientDestination).toBe('switchboard-desktop-a1.corp.example-jose-smith-2-x-y-z');
  });

  it('is always a valid, stable name of at most 100 characters, whatever the machine is called', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 300 }),
        fc.string({ unit: 'binary' }),
        (hostname, username) => {
          const first = defaultSettings({ hostname, username }).broker.clientDestination;
          expect(first).toMatch(/^[A-Za-z0-9._-]{1,100}$/);
          expect(first.startsWith('switchboard')).toBe(true);
          expect(defaultSettings({ hostname, username }).broker.clientDestination).toBe(first);
          // The default passes the schema's own rule for the field.
          expect(checkSettings({ broker: { clientDestination: first } }, machine).problems).toEqual([]);
        },
      ),
    );
  });
});

describe('a file that cannot be used', () => {
  const cases: Array<[string, string | Buffer, RegExp]> = [
    [
      'truncated JSON',
      '{\n  "mode": "broker",\n  "broker": {\n    "urls": ["stomp://a:61613"',
      /line 4, column 31.*ends there \(was it cut short\?\)/,
    ],
    ['a trailing comma', '{\n  "mode": "demo",\n}\n', /line 3, column 1, .*no comma before "}"/],
    ['a comment', '{\n  // agents on floor 2\n  "mode": "demo"\n}', /line 2, column 3, .*comment/],
    [
      'single quotes',
      "{ 'mode': 'demo' }",
      /line 1, column 3, expected a property name in double quotes, found "'"/,
    ],
    ['a JSON array', '["stomp://a:61613"]', /holds a list of 1 item where an object of settings/],
    ['a JSON string', '"demo"', /holds "demo" where an object of settings/],
    ['null', 'null', /holds null where/],
    ['an empty file', '', /is empty/],
    ['only white space', '  \n\t ', /is empty/],
    ['text that is not UTF-8', Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]), /is not UTF-8/],
    ['deep nesting', `{"x":${'['.repeat(100)}${']'.repeat(100)}}`, /nested more than 64 levels/],
    [
      'a second value after the object',
      '{"mode":"demo"} {"mode":"broker"}',
      /line 1, column 17, expected the end of the file/,
    ],
  ];

  it.each(cases)(
    '%s: defaults and one problem naming the file; the file is left as it was',
    async (_, content, message) => {
      await writeFile(file, content);
      const before = await readFile(file);
      const loaded = await loadSettings(file, machine);
      expect(loaded.source).toBe('unreadable-file');
      expect(loaded.settings).toEqual(defaultSettings(machine));
      expect(loaded.problems).toHaveLength(1);
      expect(loaded.problems[0]?.field).toBe('');
      expect(loaded.problems[0]?.message).toContain(file);
      expect(loaded.problems[0]?.message).toMatch(message);
      expect(await readFile(file)).toEqual(before);
      expect(await readdir(dir)).toEqual(['settings.json']);
    },
  );

  it('larger than 1 MiB', async () => {
    await writeFile(file, JSON.stringify({ mode: 'demo', notes: 'x'.repeat(1024 * 1024) }));
    const loaded = await loadSettings(file, machine);
    expect(loaded.source).toBe('unreadable-file');
    expect(loaded.problems).toEqual([{ field: '', message: expect.stringMatching(/larger than 1 MiB/) }]);
  });

  it('a directory where the file should be', async () => {
    await mkdir(file);
    const loaded = await loadSettings(file, machine);
    expect(loaded.source).toBe('unreadable-file');
    expect(loaded.problems).toHaveLength(1);
  });

  it('never quotes the text around a JSON error (V8 does, and it may be a pasted password)', async () => {
    await writeFile(file, '{ "broker": { "passcode": hunter2-Secret } }');
    const loaded = await loadSettings(file, machine);
    expect(loaded.problems).toHaveLength(1);
    expect(loaded.problems[0]?.message).toMatch(/line 1, column 27, expected a value, found "h"/);
    expect(loaded.problems[0]?.message).not.toContain('unter2');
  });

  it('accepts a UTF-8 byte-order mark (Notepad writes one)', async () => {
    await writeFile(file, `\uFEFF${JSON.stringify({ mode: 'broker' })}`);
    const loaded = await loadSettings(file, machine);
    expect(loaded.problems).toEqual([]);
    expect(loaded.settings.mode).toBe('broker');
  });
});

describe('a file with bad fields', () => {
  it('keeps every valid field, falls back per invalid field, and says what was expected and found', async () => {
    await writeFile(
      file,
      JSON.stringify({
        mode: 'broker',
        broker: {
          urls: ['stomp://a.example.com:61613', 'tcp://b.example.com:61616', 'wss://c.example.com/stomp', 7],
          user: 'switchboard',
          commandQueue: 'Connector 1',
          heartbeat: { outgoingMs: 5_000, incomingMs: -1 },
        },
        agent: { agentId: '1001', extension: '50#01' },
        hotkeys: { answerOrRelease: 'Ctrl+Alt+F9', toggleReady: 'CommandOrControl+' },
        notifications: { notReadyReminderMinutes: null, wrapUpReminderMinutes: '2' },
        queueStatsRefreshSeconds: 3,
      }),
    );
    const { settings, problems, source } = await loadSettings(file, machine);
    expect(source).toBe('file-with-problems');
    expect(settings.mode).toBe('broker');
    expect(settings.broker.urls).toEqual(['stomp://a.example.com:61613', 'wss://c.example.com/stomp']);
    expect(settings.broker.user).toBe('switchboard');
    expect(settings.broker.commandQueue).toBe('Connector1');
    expect(settings.broker.heartbeat).toEqual({ outgoingMs: 5_000, incomingMs: 10_000 });
    expect(settings.agent).toEqual({ agentId: '1001', rememberPassword: false });
    expect(settings.hotkeys).toEqual({
      answerOrRelease: 'Ctrl+Alt+F9',
      toggleReady: 'CommandOrControl+Shift+R',
    });
    expect(settings.notifications).toEqual({
      incomingCall: true,
      notReadyReminderMinutes: null,
      wrapUpReminderMinutes: 2,
    });
    expect(settings.queueStatsRefreshSeconds).toBe(15);

    expect(problemFields(problems).sort()).toEqual(
      [
        'broker.urls[1]',
        'broker.urls[3]',
        'broker.commandQueue',
        'broker.heartbeat.incomingMs',
        'agent.extension',
        'hotkeys.toggleReady',
        'notifications.wrapUpReminderMinutes',
        'queueStatsRefreshSeconds',
      ].sort(),
    );
    const message = (field: string) => problems.find((problem) => problem.field === field)?.message ?? '';
    expect(message('broker.urls[1]')).toBe(
      'tcp://… is OpenWire, which Switchboard does not speak: use stomp://host:61613; found "tcp://b.example.com:61616"',
    );
    expect(message('broker.urls[3]')).toMatch(/^expected a broker address .*; found 7$/);
    expect(message('broker.commandQueue')).toMatch(
      /^expected the name of GC’s command queue.*; found "Connector 1"$/,
    );
    expect(message('broker.heartbeat.incomingMs')).toMatch(/0 \(off\) or from 1000 to 600000; found -1$/);
    expect(message('agent.extension')).toMatch(/without white space, "," "#" or "\|"; found "50#01"$/);
    expect(message('hotkeys.toggleReady')).toMatch(/Plus.*found "CommandOrControl\+"$/);
    expect(message('notifications.wrapUpReminderMinutes')).toMatch(/whole number of minutes.*; found "2"$/);
    expect(message('queueStatsRefreshSeconds')).toBe(
      'expected a whole number of seconds from 5 to 300; found 3',
    );
  });

  it('names list indices as written in the file, even after earlier elements were dropped', () => {
    const { settings, problems } = checkSettings(
      { broker: { urls: ['nope', 'stomp://a:1', 'also nope', 'stomp://A:1', 'stomp://b:2'] } },
      machine,
    );
    expect(settings.broker.urls).toEqual(['stomp://a:1', 'stomp://b:2']);
    expect(problemFields(problems)).toEqual(['broker.urls[0]', 'broker.urls[2]', 'broker.urls[3]']);
    expect(problems[2]?.message).toMatch(/already in the list as broker.urls\[1\]/);
  });

  it('an empty or wholly invalid list of brokers falls back to the default list', () => {
    for (const urls of [[], ['tcp://x:61616'], 'stomp://a:61613', null]) {
      const { settings, problems } = checkSettings({ broker: { urls } }, machine);
      expect(settings.broker.urls).toEqual(['stomp://localhost:61613']);
      expect(problems.length).toBeGreaterThan(0);
      expect(problems.every((problem) => problem.field.startsWith('broker.urls'))).toBe(true);
    }
  });

  it('a section of the wrong type falls back as a whole', () => {
    const { settings, problems } = checkSettings({ broker: 'stomp://a:61613', hotkeys: [] }, machine);
    expect(settings.broker).toEqual(defaultSettings(machine).broker);
    expect(problems).toEqual([
      { field: 'broker', message: 'expected an object of settings ({ … }); found "stomp://a:61613"' },
      { field: 'hotkeys', message: 'expected an object of settings ({ … }); found an empty list' },
    ]);
  });

  it('a rule across fields falls back to the enclosing object when the default alone does not fit', () => {
    const backoff = checkSettings({ broker: { backoff: { initialDelayMs: 60_000 } } }, machine);
    expect(backoff.settings.broker.backoff).toEqual({ initialDelayMs: 250, maxDelayMs: 30_000 });
    expect(backoff.problems).toEqual([
      {
        field: 'broker.backoff.maxDelayMs',
        message: expect.stringMatching(
          /at least initialDelayMs \(60000\).*so broker.backoff falls back to its defaults/,
        ),
      },
    ]);

    const mobile = checkSettings({ agent: { mobile: { enabled: true, mode: 'nailed' } } }, machine);
    expect(mobile.settings.agent.mobile).toBeUndefined();
    expect(problemFields(mobile.problems)).toEqual(['agent.mobile.dialNumber']);

    const valid = checkSettings(
      { agent: { mobile: { enabled: true, dialNumber: '+441632960961', mode: 'nailed' } } },
      machine,
    );
    expect(valid.problems).toEqual([]);
    expect(valid.settings.agent.mobile).toEqual({
      enabled: true,
      dialNumber: '+441632960961',
      mode: 'nailed',
    });
  });

  it('a value failing several rules at once is one problem and falls back alone', () => {
    const { settings, problems } = checkSettings(
      { broker: { clientDestination: 'a b/'.repeat(40), user: 'ok' } },
      machine,
    );
    expect(problemFields(problems)).toEqual(['broker.clientDestination']);
    expect(settings.broker.user).toBe('ok');
    expect(settings.broker.clientDestination).toBe('switchboard-ws-042-alice');
  });

  it('never echoes more than about 100 characters of what it found, and never a list or an object', () => {
    const long = 'x'.repeat(10_000);
    const { problems } = checkSettings(
      {
        mode: long,
        broker: { user: ['a', 'b'], urls: [`stomp://${long}`] },
        agent: { agentId: { nested: long } },
      },
      machine,
    );
    expect(problemFields(problems)).toEqual(['mode', 'broker.user', 'broker.urls[0]', 'agent.agentId']);
    expect(problems[2]?.message).toMatch(/, so broker.urls falls back to its default$/);
    for (const problem of problems) expect(problem.message.length).toBeLessThan(400);
    const field = (name: string) => problems.find((problem) => problem.field === name)?.message;
    expect(field('broker.user')).toMatch(/found a list of 2 items$/);
    expect(field('agent.agentId')).toMatch(/found an object$/);
  });

  it('null leaves an optional setting unset', () => {
    const { settings, problems } = checkSettings({ broker: { user: null, caFile: null } }, machine);
    expect(problems).toEqual([]);
    expect(settings.broker.user).toBeUndefined();
  });

  it('caFile must be an absolute path (POSIX or Windows)', () => {
    expect(checkSettings({ broker: { caFile: '/etc/ssl/ca.pem' } }, machine).problems).toEqual([]);
    expect(checkSettings({ broker: { caFile: 'C:\\certs\\ca.pem' } }, machine).problems).toEqual([]);
    expect(problemFields(checkSettings({ broker: { caFile: 'certs/ca.pem' } }, machine).problems)).toEqual([
      'broker.caFile',
    ]);
  });
});

describe('unknown keys and secrets', () => {
  it('reports unknown keys (with a likely spelling) and ignores them', () => {
    const { settings, problems } = checkSettings(
      { mode: 'broker', brokr: { urls: [] }, telLinks: { callImmediatly: true }, 'my key': 1 },
      machine,
    );
    expect(settings.telLinks.callImmediately).toBe(false);
    expect(problems).toEqual([
      { field: 'brokr', message: 'unknown setting, ignored (did you mean "broker"?)' },
      {
        field: 'telLinks.callImmediatly',
        message: 'unknown setting, ignored (did you mean "callImmediately"?)',
      },
      { field: '["my key"]', message: 'unknown setting, ignored' },
    ]);
  });

  it('treats "//" keys as notes: not read, not reported', () => {
    const { problems } = checkSettings(
      { '//': 'floor 2 agents', broker: { '// urls': 'primary first' } },
      machine,
    );
    expect(problems).toEqual([]);
  });

  it('never reads a secret, and never puts its value in a problem', async () => {
    const secret = 'Hunter2-Correct-Horse';
    await writeFile(
      file,
      JSON.stringify({
        password: secret,
        broker: { passcode: secret, user: 'mq', brokerToken: { value: secret } },
        agent: { Password: secret, rememberPassword: true, mobile: { enabled: false, SECRET: [secret] } },
        extra: { nested: [{ api_token: secret }] },
      }),
    );
    const { settings, problems } = await loadSettings(file, machine);
    const secretMessage =
      'secrets are never read from settings.json; Switchboard keeps them in the OS keychain';
    expect(problems).toEqual([
      { field: 'password', message: secretMessage },
      { field: 'broker.passcode', message: secretMessage },
      { field: 'broker.brokerToken', message: secretMessage },
      { field: 'agent.Password', message: secretMessage },
      { field: 'agent.mobile.SECRET', message: secretMessage },
      { field: 'extra', message: 'unknown setting, ignored' },
      { field: 'extra.nested[0].api_token', message: secretMessage },
    ]);
    expect(settings.agent.rememberPassword).toBe(true);
    expect(JSON.stringify({ settings, problems })).not.toContain('Hunter2');
  });

  it('a __proto__ key is just an unknown key (no prototype pollution)', () => {
    const raw = JSON.parse(
      '{"__proto__": {"mode": "broker"}, "agent": {"__proto__": {"rememberPassword": true}}}',
    );
    const { settings, problems } = checkSettings(raw, machine);
    expect(settings.mode).toBe('demo');
    expect(settings.agent.rememberPassword).toBe(false);
    // Under an unknown key nothing is known, so rememberPassword there is just a secret-looking name.
    expect(problemFields(problems)).toEqual([
      '__proto__',
      'agent.__proto__',
      'agent.__proto__.rememberPassword',
    ]);
  });

  it('caps the number of problems listed', () => {
    const raw = Object.fromEntries(Array.from({ length: 500 }, (_, index) => [`unknown${index}`, index]));
    const { problems } = checkSettings(raw, machine);
    expect(problems).toHaveLength(51);
    expect(problems.at(-1)).toEqual({ field: '', message: '450 more problems were found and not listed' });
  });
});

describe('checkSettings never throws', () => {
  it('on arbitrary JSON values, and always returns settings that pass a second check', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (raw) => {
        const { settings } = checkSettings(raw, machine);
        expect(checkSettings(settings, machine).problems).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('on arbitrary values placed at every known path', () => {
    const paths = [
      ['mode'],
      ['broker', 'urls'],
      ['broker', 'heartbeat', 'outgoingMs'],
      ['broker', 'backoff'],
      ['agent', 'mobile'],
      ['hotkeys', 'toggleReady'],
      ['notifications', 'wrapUpReminderMinutes'],
      ['wireNames', 'commands'],
      ['wireNames', 'events', 'State'],
    ];
    fc.assert(
      fc.property(fc.constantFrom(...paths), fc.jsonValue({ maxDepth: 3 }), (path, value) => {
        const raw: Record<string, unknown> = {};
        let cursor = raw;
        path.slice(0, -1).forEach((part) => {
          const next: Record<string, unknown> = {};
          cursor[part] = next;
          cursor = next;
        });
        cursor[path.at(-1) ?? ''] = value;
        const { settings } = checkSettings(raw, machine);
        expect(checkSettings(settings, machine).problems).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});

describe('saveSettings', () => {
  function configured(): Settings {
    const settings = defaultSettings(machine);
    settings.mode = 'broker';
    settings.broker.urls = ['stomp+ssl://mq1.example.com:61612', 'stomp+ssl://mq2.example.com:61612'];
    settings.broker.user = 'switchboard';
    settings.agent.agentId = '1001';
    settings.wireNames.commands = { ConferenceCall: 'ConferenceCall' };
    return settings;
  }

  it('creates the directory and writes a private file that loads back identically', async () => {
    const nested = join(dir, 'user-data', 'Switchboard', 'settings.json');
    const result = await saveSettings(nested, configured());
    expect(result).toEqual({ ok: true, value: undefined });
    const loaded = await loadSettings(nested, machine);
    expect(loaded).toEqual({ settings: configured(), problems: [], source: 'file' });
    if (posix) {
      expect((await stat(nested)).mode & 0o777).toBe(0o600);
      expect((await stat(join(dir, 'user-data'))).mode & 0o777).toBe(0o700);
    }
    // Only the file: the temporary file was renamed, not left behind.
    expect(await readdir(join(dir, 'user-data', 'Switchboard'))).toEqual(['settings.json']);
  });

  it('keeps unknown keys and notes, in their place, and replaces invalid known values', async () => {
    await writeFile(
      file,
      JSON.stringify({
        '//': 'managed by IT',
        futureSetting: { a: [1, 2] },
        mode: 'nonsense',
        broker: { urls: ['stomp://old:61613'], futureBrokerOption: true, heartbeat: { outgoingMs: 'x' } },
        queueStatsRefreshSeconds: 30,
      }),
    );
    const { settings } = await loadSettings(file, machine);
    settings.broker.urls = ['stomp://new:61613'];
    expect((await saveSettings(file, settings)).ok).toBe(true);
    const written = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    expect(Object.keys(written).slice(0, 5)).toEqual([
      '//',
      'futureSetting',
      'mode',
      'broker',
      'queueStatsRefreshSeconds',
    ]);
    expect(written['//']).toBe('managed by IT');
    expect(written.futureSetting).toEqual({ a: [1, 2] });
    expect(written.mode).toBe('demo');
    expect(written.queueStatsRefreshSeconds).toBe(30);
    expect(written.broker).toMatchObject({
      urls: ['stomp://new:61613'],
      futureBrokerOption: true,
      heartbeat: { outgoingMs: 10_000, incomingMs: 10_000 },
    });
    const reloaded = await loadSettings(file, machine);
    expect(problemFields(reloaded.problems)).toEqual(['futureSetting', 'broker.futureBrokerOption']);
    expect(reloaded.settings).toEqual(settings);
  });

  it('drops secret-looking keys from the file, and removes an optional setting that was cleared', async () => {
    await writeFile(
      file,
      JSON.stringify({
        broker: { passcode: 'hunter2', user: 'mq', caFile: '/etc/ca.pem' },
        notes: { token: 'x', y: 1 },
      }),
    );
    const { settings } = await loadSettings(file, machine);
    delete settings.broker.caFile;
    expect((await saveSettings(file, settings)).ok).toBe(true);
    const text = await readFile(file, 'utf8');
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('passcode');
    expect(text).not.toContain('caFile');
    expect(JSON.parse(text).notes).toEqual({ y: 1 });
    expect(await readdir(dir)).toEqual(['settings.json']);
  });

  it('copies a file that does not parse aside before replacing it, so the text is never lost', async () => {
    const broken = '{ "mode": "broker", "broker": { "urls": ["stomp://a:61613"] ';
    await writeFile(file, broken);
    expect((await saveSettings(file, configured())).ok).toBe(true);
    const names = (await readdir(dir)).sort();
    expect(names).toHaveLength(2);
    const aside = names.find((name) => name.startsWith('settings.json.broken-'));
    expect(aside).toMatch(/^settings\.json\.broken-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.\d{3}Z$/);
    expect(await readFile(join(dir, aside ?? ''), 'utf8')).toBe(broken);
    expect((await loadSettings(file, machine)).settings).toEqual(configured());
    if (posix) expect((await stat(join(dir, aside ?? ''))).mode & 0o777).toBe(0o600);
  });

  it('refuses invalid settings with a problem, writing nothing', async () => {
    const settings = configured();
    settings.broker.urls = ['tcp://mq:61616'];
    const result = await saveSettings(file, settings);
    expect(result).toEqual({
      ok: false,
      error: { field: 'broker.urls[0]', message: expect.stringContaining('OpenWire') },
    });
    const withSecret = { ...configured(), agent: { ...configured().agent, password: 'x' } } as Settings;
    expect(await saveSettings(file, withSecret)).toMatchObject({
      ok: false,
      error: { field: 'agent.password' },
    });
    expect(await readdir(dir)).toEqual([]);
  });

  it('reports a directory it cannot create as a problem, not a throw', async () => {
    await writeFile(join(dir, 'blocker'), 'a file, not a folder');
    const result = await saveSettings(join(dir, 'blocker', 'settings.json'), configured());
    expect(result).toMatchObject({ ok: false, error: { field: '' } });
  });

  it('serialises concurrent saves: the last one asked for wins, and the file is never torn', async () => {
    const variants = Array.from({ length: 20 }, (_, index) => {
      const settings = configured();
      settings.queueStatsRefreshSeconds = 10 + index;
      return settings;
    });
    const results = await Promise.all(variants.map((settings) => saveSettings(file, settings)));
    expect(results.every((result) => result.ok)).toBe(true);
    expect((await loadSettings(file, machine)).settings.queueStatsRefreshSeconds).toBe(29);
    expect(await readdir(dir)).toEqual(['settings.json']);
  });
});
