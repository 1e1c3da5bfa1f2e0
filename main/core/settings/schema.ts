// What settings.json may hold, as one zod schema with a default for every field, and the rules
// each field must follow. Every message reads as the first half of "expected …; found …": it is
// shown to a deployer next to the dotted path of the field (settings-file.ts adds what was found).
//
// Never a secret here: the agent's password and the broker passcode live in the OS keychain
// (ARCHITECTURE.md, "Security model"); settings-file.ts refuses secret-looking keys.

import { hostname, userInfo } from 'node:os';
import { posix, win32 } from 'node:path';

import { z } from 'zod';

import { parseBrokerUrl } from '../broker/broker-url.ts';
import type { CommandWireNames, EventWireNames } from '../protocol/index.ts';
import { findReservedCharacter } from '../protocol/wire.ts';
import { checkAccelerator } from './accelerator.ts';
import { wireNameSectionIssues, type WireNameSection } from './wire-names.ts';

export const SETTINGS_FILE_NAME = 'settings.json';

export interface Machine {
  readonly hostname: string;
  readonly username: string;
}

/** This computer's host name and the signed-in user's name; never throws. */
export function currentMachine(): Machine {
  let username: string;
  try {
    username = userInfo().username;
  } catch {
    // userInfo throws when the user has no entry in the password database (some containers).
    username = process.env.USER ?? process.env.USERNAME ?? 'user';
  }
  let host: string;
  try {
    host = hostname();
  } catch {
    host = 'host';
  }
  return { hostname: host, username };
}

export const CLIENT_DESTINATION_MAX_LENGTH = 100;
const CLIENT_DESTINATION_PATTERN = /^[A-Za-z0-9._-]+$/;

/**
 * `switchboard-<host>-<user>`, lower case, in [a-z0-9._-], at most 100 characters: the name GC
 * publishes this workstation's events to. It travels in `Hello#…`, `Beat#…` and `Connect`, and
 * names a topic, so `,` `#` `|` `/`, white space and ActiveMQ's wildcards (`*`, `>`) are out.
 * Lower case because Windows reports the same host name in either case, and the name must not
 * change between runs on one workstation; accents are dropped (José → jose) rather than replaced.
 */
export function defaultClientDestination(machine: Machine): string {
  const clean = (part: string) =>
    part
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9._-]+/g, '-')
      .replace(/-{2,}/g, '-')
      .replace(/^[-.]+|[-.]+$/g, '');
  const name = ['switchboard', clean(machine.hostname), clean(machine.username)]
    .filter((part) => part !== '')
    .join('-');
  return name.slice(0, CLIENT_DESTINATION_MAX_LENGTH).replace(/[-.]+$/, '');
}

/** Marks a custom message that says what it found; settings-file.ts adds "; found …" to the others. */
export const SAYS_WHAT_IT_FOUND = { saysWhatItFound: true } as const;

const BOOLEAN = 'expected true or false';

function wholeNumber(min: number, max: number, expected: string) {
  return z
    .number({ error: expected })
    .int({ error: expected })
    .min(min, { error: expected })
    .max(max, { error: expected });
}

/** A string matching `pattern` (and at most `max` characters), with one message for every way to miss. */
function text(expected: string, max: number, pattern?: RegExp) {
  const schema = z.string({ error: expected }).min(1, { error: expected }).max(max, { error: expected });
  return pattern === undefined ? schema : schema.regex(pattern, { error: expected });
}

/** An optional field; `null` in the file counts as "not set" too, as deployers write it. */
function optional<T extends z.ZodType>(schema: T) {
  return z.preprocess((value) => (value === null ? undefined : value), schema.optional());
}

const BROKER_URL_EXAMPLE = 'stomp://broker.example.com:61613';
export const MAX_BROKER_URLS = 16;
const MAX_BROKER_URL_LENGTH = 300;

const brokerUrl = z
  .string({ error: `expected a broker address such as "${BROKER_URL_EXAMPLE}"` })
  .superRefine((url, context) => {
    if (url.length > MAX_BROKER_URL_LENGTH) {
      context.addIssue({
        code: 'custom',
        params: SAYS_WHAT_IT_FOUND,
        message: `expected a broker address of at most ${MAX_BROKER_URL_LENGTH} characters; found one of ${url.length}`,
      });
      return;
    }
    const parsed = parseBrokerUrl(url);
    if (!parsed.ok) {
      // parseBrokerUrl quotes the address; a long one is shortened so a message stays readable.
      const shown = url.length > 100 ? `${url.slice(0, 100)}…` : url;
      const message = parsed.error.message.split(url).join(shown).replace(/\.$/, '');
      context.addIssue({
        code: 'custom',
        params: SAYS_WHAT_IT_FOUND,
        message: message.includes(shown) ? message : `${message}; found ${JSON.stringify(shown)}`,
      });
    }
  });

const brokerUrls = z
  .array(brokerUrl, {
    error: `expected a list of broker addresses, preferred first, such as ["${BROKER_URL_EXAMPLE}"]`,
  })
  .min(1, { error: `expected at least one broker address, such as ["${BROKER_URL_EXAMPLE}"]` })
  .max(MAX_BROKER_URLS, { error: `expected at most ${MAX_BROKER_URLS} broker addresses` })
  .superRefine((urls, context) => {
    const seen = new Map<string, number>();
    urls.forEach((url, index) => {
      const parsed = parseBrokerUrl(url);
      if (!parsed.ok) return;
      // Host names match in any case; stomp:// URLs keep the case they were written in.
      const { scheme, host, port, path } = parsed.value;
      const key = `${scheme}://${host.toLowerCase()}:${port}${path}`;
      const earlier = seen.get(key);
      if (earlier === undefined) seen.set(key, index);
      else
        context.addIssue({
          code: 'custom',
          params: SAYS_WHAT_IT_FOUND,
          path: [index],
          message: `${parsed.value.url} is already in the list as broker.urls[${earlier}]; a broker is listed once`,
        });
    });
  });

const HEARTBEAT = 'expected a whole number of milliseconds: 0 (off) or from 1000 to 600000';
const heartbeatMs = (fallback: number) =>
  z
    .number({ error: HEARTBEAT })
    .int({ error: HEARTBEAT })
    .refine((ms) => ms === 0 || (ms >= 1_000 && ms <= 600_000), { error: HEARTBEAT })
    .default(fallback);

const isAbsolutePath = (path: string) => posix.isAbsolute(path) || win32.isAbsolute(path);

const agentToken = (what: string, max: number) => {
  const expected = `expected ${what}: up to ${max} characters, without white space, "," "#" or "|"`;
  return text(expected, max).refine(
    (token) => !/[\s,#|]/.test(token) && findReservedCharacter(token) === undefined,
    { error: expected },
  );
};

function hasControlCharacter(value: string): boolean {
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

const accelerator = (fallback: string) =>
  z
    .string({ error: 'expected a key combination such as "CommandOrControl+Shift+A", or null for none' })
    .superRefine((value, context) => {
      const problem = checkAccelerator(value);
      if (problem !== undefined)
        context.addIssue({ code: 'custom', params: SAYS_WHAT_IT_FOUND, message: problem });
    })
    .nullable()
    .default(fallback);

const reminderMinutes = (fallback: number, max: number) =>
  wholeNumber(1, max, `expected a whole number of minutes from 1 to ${max}, or null for no reminder`)
    .nullable()
    .default(fallback);

function wireNameSection(section: WireNameSection) {
  return z
    .record(z.string(), z.string({ error: 'expected a non-empty wire name' }), {
      error: `expected an object of catalog name → wire name, such as { "ConferenceCall": "ConferenceCall" }`,
    })
    .superRefine((entries, context) => {
      for (const issue of wireNameSectionIssues(entries, section)) {
        context.addIssue({
          code: 'custom',
          params: SAYS_WHAT_IT_FOUND,
          path: issue.name === undefined ? [] : [issue.name],
          message: issue.detail,
        });
      }
    })
    .default({});
}

/** A group of settings: an object, whose unknown keys are reported (settings-file.ts). */
function section<Shape extends z.ZodRawShape>(shape: Shape) {
  return z.strictObject(shape, { error: 'expected an object of settings ({ … })' });
}

/** The schema, with this workstation's default client destination. */
export function createSettingsSchema(machine: Machine = currentMachine()) {
  return section({
    mode: z.enum(['demo', 'broker'], { error: 'expected "demo" or "broker"' }).default('demo'),
    broker: section({
      urls: brokerUrls.default(['stomp://localhost:61613']),
      caFile: optional(
        text('expected the absolute path of a PEM file with the CA certificate', 4_096).refine(
          isAbsolutePath,
          {
            error: 'expected the absolute path of a PEM file (such as C:\\certs\\ca.pem or /etc/ssl/ca.pem)',
          },
        ),
      ),
      user: optional(
        text('expected the broker user name (up to 256 characters, one line)', 256).refine(
          (user) => !hasControlCharacter(user),
          { error: 'expected the broker user name (up to 256 characters, one line)' },
        ),
      ),
      commandQueue: text(
        'expected the name of GC’s command queue, such as "Connector1" or "/queue/Connector1" (letters, digits, ".", "_", "-")',
        200,
        /^(\/queue\/)?[A-Za-z0-9._-]+$/,
      ).default('Connector1'),
      clientDestination: text(
        `expected this workstation's name for GC: up to ${CLIENT_DESTINATION_MAX_LENGTH} letters, digits, ".", "_" or "-"`,
        CLIENT_DESTINATION_MAX_LENGTH,
        CLIENT_DESTINATION_PATTERN,
      ).default(defaultClientDestination(machine)),
      heartbeat: section({ outgoingMs: heartbeatMs(10_000), incomingMs: heartbeatMs(10_000) }).prefault({}),
      backoff: section({
        initialDelayMs: wholeNumber(
          10,
          60_000,
          'expected a whole number of milliseconds from 10 to 60000',
        ).default(250),
        maxDelayMs: wholeNumber(
          1_000,
          3_600_000,
          'expected a whole number of milliseconds from 1000 to 3600000',
        ).default(30_000),
      })
        .superRefine((backoff, context) => {
          if (backoff.maxDelayMs < backoff.initialDelayMs) {
            context.addIssue({
              code: 'custom',
              params: SAYS_WHAT_IT_FOUND,
              path: ['maxDelayMs'],
              message: `expected at least initialDelayMs (${backoff.initialDelayMs}); found ${backoff.maxDelayMs}`,
            });
          }
        })
        .prefault({}),
    }).prefault({}),
    agent: section({
      agentId: optional(agentToken('the agent’s Finesse login id', 64)),
      extension: optional(agentToken('the agent’s extension', 32)),
      rememberPassword: z.boolean({ error: BOOLEAN }).default(false),
      mobile: optional(
        section({
          enabled: z.boolean({ error: BOOLEAN }).default(false),
          dialNumber: optional(
            text(
              'expected the phone number to reach the mobile agent: digits, optionally after "+", no spaces (such as +441632960961)',
              32,
              /^\+?[0-9]{2,31}$/,
            ),
          ),
          mode: z
            .enum(['call-by-call', 'nailed'], { error: 'expected "call-by-call" or "nailed"' })
            .default('call-by-call'),
        }).superRefine((mobile, context) => {
          if (mobile.enabled && mobile.dialNumber === undefined) {
            context.addIssue({
              code: 'custom',
              params: SAYS_WHAT_IT_FOUND,
              path: ['dialNumber'],
              message: 'expected the phone number to reach the mobile agent, since mobile.enabled is true',
            });
          }
        }),
      ),
    }).prefault({}),
    hotkeys: section({
      answerOrRelease: accelerator('CommandOrControl+Shift+A'),
      toggleReady: accelerator('CommandOrControl+Shift+R'),
    }).prefault({}),
    notifications: section({
      incomingCall: z.boolean({ error: BOOLEAN }).default(true),
      notReadyReminderMinutes: reminderMinutes(15, 480),
      wrapUpReminderMinutes: reminderMinutes(2, 120),
    }).prefault({}),
    telLinks: section({ callImmediately: z.boolean({ error: BOOLEAN }).default(false) }).prefault({}),
    startup: section({
      startMinimised: z.boolean({ error: BOOLEAN }).default(false),
      startAtLogin: z.boolean({ error: BOOLEAN }).default(false),
    }).prefault({}),
    queueStatsRefreshSeconds: wholeNumber(5, 300, 'expected a whole number of seconds from 5 to 300').default(
      15,
    ),
    wireNames: section({ commands: wireNameSection('commands'), events: wireNameSection('events') }).prefault(
      {},
    ),
  });
}

export type SettingsSchema = ReturnType<typeof createSettingsSchema>;

let cached: { key: string; schema: SettingsSchema } | undefined;

/** createSettingsSchema, built once per machine (building it takes about a millisecond). */
export function settingsSchemaFor(machine: Machine = currentMachine()): SettingsSchema {
  const key = `${machine.hostname}\u0000${machine.username}`;
  if (cached?.key !== key) cached = { key, schema: createSettingsSchema(machine) };
  return cached.schema;
}

type ParsedSettings = z.output<SettingsSchema>;

/** The settings as the app uses them: every field present, each valid. */
export type Settings = Omit<ParsedSettings, 'wireNames'> & {
  wireNames: { commands: CommandWireNames; events: EventWireNames };
};

export function defaultSettings(machine: Machine = currentMachine()): Settings {
  return settingsSchemaFor(machine).parse({}) as Settings;
}
