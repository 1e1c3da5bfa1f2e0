// settings.json in the user-data directory: read forgivingly, written carefully.
//
// Reading never fails and never touches the file. A missing file means defaults. A file that
// cannot be used at all (unreadable, not UTF-8, not JSON, not an object, over 1 MiB, absurdly
// deep) means defaults and one problem naming the file. A file that parses keeps every valid
// field; each invalid one falls back to its default with a problem naming its dotted path, what
// was expected and what was found (primitives only, clipped: an object or a list is described,
// never printed). Unknown keys are reported and ignored, and stay in the file. Keys that look like
// secrets are reported without their value and never read.
//
// Writing merges: the known settings are written over the object now on disk, so keys this
// version does not know (a newer version's, a deployer's notes under "//" keys) survive a save.
// Known keys take the app's value (an invalid value on disk was reported at load and is replaced);
// an optional setting the app has cleared is removed; secret-looking keys are dropped, so a save
// is also how a pasted password leaves the file. A file that cannot be parsed, or whose invalid
// values a save replaces, is copied aside to settings.json.broken-<time> first (without its
// secret-looking keys, when it parsed), so the user's text is never lost. The write is atomic: a
// temporary file in the same directory, fsync, rename over the old one.

import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { chmod, copyFile, mkdir, open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

import { z } from 'zod';

import { literal, removeLeftoverTemporaries } from '../files/leftover-temporaries.ts';
import type { Logger } from '../log/logger.ts';
import { err, ok, type Result } from '../protocol/result.ts';
import { describeFound } from './found.ts';
import { findJsonSyntaxError } from './json-syntax.ts';
import { currentMachine, settingsSchemaFor, type Machine, type Settings } from './schema.ts';

export interface SettingsProblem {
  /** Dotted path of the setting, e.g. `broker.urls[1]`; empty for the file as a whole. */
  readonly field: string;
  /** Plain words for a deployer. */
  readonly message: string;
}

export interface LoadedSettings {
  readonly settings: Settings;
  readonly problems: SettingsProblem[];
  readonly source: 'defaults' | 'file' | 'file-with-problems' | 'unreadable-file';
}

export interface CheckedSettings {
  readonly settings: Settings;
  readonly problems: SettingsProblem[];
}

export const MAX_SETTINGS_BYTES = 1024 * 1024;
/** Deeper than any real settings file; also keeps every recursive walk here far from the stack's limit. */
export const MAX_SETTINGS_DEPTH = 64;
/** Problems reported per file; a file with more gets one last problem saying how many were left out. */
export const MAX_PROBLEMS = 50;

export const SECRET_MESSAGE =
  'secrets are never read from settings.json; Switchboard keeps them in the OS keychain';
export const UNKNOWN_MESSAGE = 'unknown setting, ignored';

/** Key names that announce a secret. `rememberPassword` is a known setting and does not count. */
const SECRET_KEY = /password|passwd|passcode|secret|token/i;

/** `"//": "…"` keys are notes: JSON has no comments. Kept in the file, not reported, not read. */
function isNoteKey(key: string): boolean {
  return key.startsWith('//');
}

// ---------------------------------------------------------------------------------------------
// Checking an object

/**
 * Every valid field of `raw`, defaults for the rest, and what was wrong. Never throws. Used for
 * settings.json as read, and by saveSettings (and the IPC layer) for settings coming from the app.
 */
export function checkSettings(raw: unknown, machine: Machine = currentMachine()): CheckedSettings {
  const schema = settingsSchemaFor(machine);
  const defaults = () => schema.parse({}) as Settings;
  if (!isPlainObject(raw)) {
    return {
      settings: defaults(),
      problems: [{ field: '', message: `expected an object of settings; found ${describeFound(raw)}` }],
    };
  }
  if (depthExceeds(raw, MAX_SETTINGS_DEPTH)) {
    return {
      settings: defaults(),
      problems: [
        { field: '', message: `the settings are nested more than ${MAX_SETTINGS_DEPTH} levels deep` },
      ],
    };
  }

  // Removing list elements shifts the ones after them; a problem names the index in the file.
  let working: Record<string, unknown> = {};
  const problems = new Problems(raw, (path) => originalPath(working, path));
  working = readable(raw, schema, [], problems) as Record<string, unknown>;
  // Each pass removes what zod refused (the default then applies) and parses again. Every pass
  // removes something, so this ends; the bound only guards against a mistake in that reasoning.
  const removed = new Set<string>();
  for (let pass = 0; pass < 100; pass++) {
    const parsed = schema.safeParse(working);
    if (parsed.success) return { settings: parsed.data as Settings, problems: problems.list() };
    const elementRemovals: Array<{ array: unknown[]; index: number }> = [];
    // A value can fail several checks at once (too long and a bad character): the first one speaks.
    const seenThisPass = new Set<string>();
    for (const issue of parsed.error.issues) {
      const path = issue.path.filter((part): part is string | number => typeof part !== 'symbol');
      if (issue.code !== 'unrecognized_keys') {
        if (seenThisPass.has(pathKey(path))) continue;
        seenThisPass.add(pathKey(path));
      }
      if (issue.code === 'unrecognized_keys') {
        const container = valueAt(working, path);
        for (const key of issue.keys) {
          problems.add(path.concat(key), unknownMessage(key, knownKeysAt(schema, path)), false);
          if (isPlainObject(container)) delete container[key];
        }
        continue;
      }
      // A message from a custom rule says what it found itself; zod's own say only what was expected.
      const found = valueAt(working, path);
      const saysWhatItFound = issue.code === 'custom' && issue.params?.saysWhatItFound === true;
      // A list or object refused only because of what was taken out of it (every broker address
      // was invalid) is said where the cause is: `broker.urls[0] …, so broker.urls falls back`.
      if (!problems.appendToDescendant(path, `, so ${problems.field(path)} falls back to its default`)) {
        problems.add(
          path,
          saysWhatItFound ? issue.message : `${issue.message}; found ${describeFound(found)}`,
        );
      }
      let target = path;
      // The same path refused again after its value was removed: the default itself does not fit
      // (a rule across fields), so the enclosing object falls back instead.
      while (target.length > 0 && removed.has(pathKey(target))) target = target.slice(0, -1);
      if (target.length !== path.length && target.length > 0) {
        problems.append(path, `, so ${problems.field(target)} falls back to its defaults`);
      }
      if (target.length === 0) {
        problems.add(
          [],
          'the settings could not be made consistent; all of them fall back to their defaults',
        );
        return { settings: defaults(), problems: problems.list() };
      }
      const parent = valueAt(working, target.slice(0, -1));
      const last = target[target.length - 1];
      if (Array.isArray(parent) && typeof last === 'number') {
        elementRemovals.push({ array: parent, index: last });
      } else if (isPlainObject(parent) && last !== undefined) {
        delete parent[String(last)];
        removed.add(pathKey(target));
      }
    }
    // Highest index first, so the earlier indices still point at the right elements.
    elementRemovals.sort((a, b) => b.index - a.index);
    for (const { array, index } of elementRemovals) {
      array.splice(index, 1);
      originalIndices.get(array)?.splice(index, 1);
    }
  }
  problems.add([], 'the settings could not be made consistent; all of them fall back to their defaults');
  return { settings: defaults(), problems: problems.list() };
}

type Path = readonly (string | number)[];

/** Problems by field, the first for each field kept, listed in the order the file has them. */
class Problems {
  readonly #byField = new Map<string, { path: Path; message: string; value: boolean }>();
  readonly #resolve: (path: Path) => Path;
  readonly #raw: unknown;
  #omitted = 0;

  /** `resolve` turns a path in the working copy into one in `raw`, the object as read. */
  constructor(raw: unknown, resolve: (path: Path) => Path) {
    this.#raw = raw;
    this.#resolve = resolve;
  }

  /** `value`: a value the schema refused (not an unknown or secret key). */
  add(path: Path, message: string, value = true): void {
    const resolved = this.#resolve(path);
    const field = formatPath(resolved);
    if (this.#byField.has(field)) return;
    if (this.#byField.size >= MAX_PROBLEMS) {
      this.#omitted++;
      return;
    }
    this.#byField.set(field, { path: resolved, message, value });
  }

  field(path: Path): string {
    return formatPath(this.#resolve(path));
  }

  append(path: Path, text: string): void {
    const problem = this.#byField.get(this.field(path));
    if (problem !== undefined && !problem.message.endsWith(text)) problem.message += text;
  }

  /** Appends `text` to the first problem inside `path` (not at it); false when there is none. */
  appendToDescendant(path: Path, text: string): boolean {
    const prefix = this.#resolve(path);
    for (const problem of this.#byField.values()) {
      const inside =
        problem.value &&
        problem.path.length > prefix.length &&
        prefix.every((part, index) => problem.path[index] === part);
      if (inside) {
        if (!problem.message.endsWith(text)) problem.message += text;
        return true;
      }
    }
    return false;
  }

  list(): SettingsProblem[] {
    const ranked = [...this.#byField].map(([field, { path, message }]) => ({
      field,
      message,
      rank: documentOrder(this.#raw, path),
    }));
    ranked.sort((a, b) => compareRanks(a.rank, b.rank));
    const problems: SettingsProblem[] = ranked.map(({ field, message }) => ({ field, message }));
    if (this.#omitted > 0) {
      problems.push({ field: '', message: `${this.#omitted} more problems were found and not listed` });
    }
    return problems;
  }
}

/** Where `path` sits in `root`: the position of each key among its siblings (missing keys last). */
function documentOrder(root: unknown, path: Path): number[] {
  const rank: number[] = [];
  let current = root;
  for (const part of path) {
    if (Array.isArray(current) && typeof part === 'number') {
      rank.push(part);
      current = current[part];
    } else if (isPlainObject(current)) {
      const index = Object.keys(current).indexOf(String(part));
      rank.push(index === -1 ? Number.MAX_SAFE_INTEGER : index);
      current = current[String(part)];
    } else {
      rank.push(Number.MAX_SAFE_INTEGER);
      current = undefined;
    }
  }
  return rank;
}

function compareRanks(a: readonly number[], b: readonly number[]): number {
  for (let index = 0; index < Math.min(a.length, b.length); index++) {
    const difference = (a[index] ?? 0) - (b[index] ?? 0);
    if (difference !== 0) return difference;
  }
  return a.length - b.length;
}

/**
 * A copy of `value` without secret-looking keys (reported) and notes: what the schema gets to see.
 * Walks with the schema alongside so that a known key (rememberPassword) is never taken for a secret.
 */
function readable(
  value: unknown,
  schema: z.ZodType | undefined,
  path: readonly (string | number)[],
  problems: Problems,
): unknown {
  if (Array.isArray(value)) {
    const element = schema === undefined ? undefined : arrayElement(schema);
    const copy = value.map((item, index) => readable(item, element, path.concat(index), problems));
    originalIndices.set(
      copy,
      copy.map((_, index) => index),
    );
    return copy;
  }
  if (!isPlainObject(value)) return value;
  const shape = schema === undefined ? undefined : objectShape(schema);
  const record = schema === undefined ? undefined : recordValue(schema);
  const copy: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    const known = shape !== undefined && Object.hasOwn(shape, key);
    if (!known && SECRET_KEY.test(key)) {
      problems.add(path.concat(key), SECRET_MESSAGE, false);
      continue;
    }
    if (!known && isNoteKey(key)) continue;
    setOwn(copy, key, readable(child, known ? shape[key] : record, path.concat(key), problems));
  }
  return copy;
}

/** For each list in a working copy, the index in the file of each of its elements. */
const originalIndices = new WeakMap<unknown[], number[]>();

function originalPath(root: unknown, path: Path): Path {
  const out: Array<string | number> = [];
  let current = root;
  for (const part of path) {
    if (Array.isArray(current) && typeof part === 'number') {
      out.push(originalIndices.get(current)?.[part] ?? part);
      current = current[part];
    } else {
      out.push(part);
      current = isPlainObject(current) ? current[String(part)] : undefined;
    }
  }
  return out;
}

function unknownMessage(key: string, known: readonly string[]): string {
  const near = known.find((name) => name.toLowerCase() === key.toLowerCase() || editDistance(name, key) <= 2);
  return near === undefined ? UNKNOWN_MESSAGE : `${UNKNOWN_MESSAGE} (did you mean "${near}"?)`;
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2 || a.length > 64 || b.length > 64) return 3;
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  let previous = Array.from({ length: y.length + 1 }, (_, index) => index);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (x[i - 1] === y[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[y.length] ?? 0;
}

// ---------------------------------------------------------------------------------------------
// Looking into the schema (zod 4's public classes and def)

function unwrap(schema: z.ZodType): z.ZodType {
  let current: z.ZodType = schema;
  for (let step = 0; step < 10; step++) {
    if (
      current instanceof z.ZodDefault ||
      current instanceof z.ZodPrefault ||
      current instanceof z.ZodOptional ||
      current instanceof z.ZodNullable
    ) {
      current = current.unwrap() as z.ZodType;
    } else if (current instanceof z.ZodPipe) {
      // optional(): a preprocess (a transform piped into the real schema).
      current = current.out as z.ZodType;
    } else {
      break;
    }
  }
  return current;
}

function objectShape(schema: z.ZodType): Record<string, z.ZodType> | undefined {
  const inner = unwrap(schema);
  return inner instanceof z.ZodObject ? (inner.shape as Record<string, z.ZodType>) : undefined;
}

function recordValue(schema: z.ZodType): z.ZodType | undefined {
  const inner = unwrap(schema);
  return inner instanceof z.ZodRecord ? (inner.valueType as z.ZodType) : undefined;
}

function arrayElement(schema: z.ZodType): z.ZodType | undefined {
  const inner = unwrap(schema);
  return inner instanceof z.ZodArray ? (inner.element as z.ZodType) : undefined;
}

function schemaAt(schema: z.ZodType, path: readonly (string | number)[]): z.ZodType | undefined {
  let current: z.ZodType | undefined = schema;
  for (const part of path) {
    if (current === undefined) return undefined;
    current =
      typeof part === 'number'
        ? arrayElement(current)
        : (objectShape(current)?.[part] ?? recordValue(current));
  }
  return current;
}

function knownKeysAt(schema: z.ZodType, path: readonly (string | number)[]): string[] {
  const at = schemaAt(schema, path);
  const shape = at === undefined ? undefined : objectShape(at);
  return shape === undefined ? [] : Object.keys(shape);
}

// ---------------------------------------------------------------------------------------------
// Reading the file

type FileContent =
  | { readonly kind: 'missing' }
  /** Could not be read at all (permissions, a directory): nothing to keep, and nothing we may overwrite blindly. */
  | { readonly kind: 'unreadable'; readonly what: string }
  /** Read, but not a settings object: copied aside before a save overwrites it. */
  | { readonly kind: 'broken'; readonly what: string }
  | { readonly kind: 'object'; readonly raw: Record<string, unknown> };

async function readSettingsFile(file: string): Promise<FileContent> {
  let bytes: Buffer;
  try {
    const handle = await open(file, 'r');
    try {
      const stats = await handle.stat();
      if (!stats.isFile()) return { kind: 'unreadable', what: 'is not a regular file' };
      if (stats.size > MAX_SETTINGS_BYTES) {
        return { kind: 'broken', what: `is larger than 1 MiB (${stats.size} bytes)` };
      }
      // Read one byte past the limit, in case the file grew since stat.
      const buffer = Buffer.alloc(MAX_SETTINGS_BYTES + 1);
      let length = 0;
      for (;;) {
        const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
        if (bytesRead === 0) break;
        length += bytesRead;
        if (length === buffer.length) break;
      }
      if (length > MAX_SETTINGS_BYTES) {
        return { kind: 'broken', what: 'is larger than 1 MiB' };
      }
      bytes = buffer.subarray(0, length);
    } finally {
      await handle.close().catch(() => {});
    }
  } catch (error) {
    const code = errorCode(error);
    if (code === 'ENOENT') return { kind: 'missing' };
    return { kind: 'unreadable', what: `cannot be read (${code ?? describeError(error)})` };
  }

  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { kind: 'broken', what: 'is not UTF-8 text (save it as UTF-8)' };
  }
  if (text.startsWith('\uFEFF')) text = text.slice(1); // Notepad's byte-order mark
  if (text.trim() === '') return { kind: 'broken', what: 'is empty' };

  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    const syntax = findJsonSyntaxError(text);
    return {
      kind: 'broken',
      what:
        syntax === undefined
          ? 'is not valid JSON'
          : `is not valid JSON: at line ${syntax.line}, column ${syntax.column}, ${syntax.description}`,
    };
  }
  if (!isPlainObject(json)) {
    return {
      kind: 'broken',
      what: `holds ${describeFound(json)} where an object of settings ({ … }) belongs`,
    };
  }
  if (depthExceeds(json, MAX_SETTINGS_DEPTH)) {
    return { kind: 'broken', what: `is nested more than ${MAX_SETTINGS_DEPTH} levels deep` };
  }
  return { kind: 'object', raw: json };
}

/** Reads settings.json; never throws and never changes the file. */
export async function loadSettings(
  file: string,
  machine: Machine = currentMachine(),
): Promise<LoadedSettings> {
  const content = await readSettingsFile(file);
  switch (content.kind) {
    case 'missing':
      return { settings: checkSettings({}, machine).settings, problems: [], source: 'defaults' };
    case 'unreadable':
    case 'broken':
      return {
        settings: checkSettings({}, machine).settings,
        problems: [
          {
            field: '',
            message: `${file} ${content.what}. Switchboard is using its default settings and has left the file as it is.`,
          },
        ],
        source: 'unreadable-file',
      };
    case 'object': {
      const checked = checkSettings(content.raw, machine);
      return {
        settings: checked.settings,
        problems: checked.problems,
        source: checked.problems.length === 0 ? 'file' : 'file-with-problems',
      };
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Writing the file

/** One save at a time per file within this process: the last one asked for is the one on disk. */
const saving = new Map<string, Promise<unknown>>();

/**
 * Writes `settings` to `file`, keeping what the file holds that this version does not know.
 * Invalid settings come back as the first problem found; nothing is written then.
 */
export async function saveSettings(file: string, settings: Settings): Promise<Result<void, SettingsProblem>> {
  const previous = saving.get(file) ?? Promise.resolve();
  const next = previous.then(
    () => writeSettings(file, settings),
    () => writeSettings(file, settings),
  );
  saving.set(file, next);
  try {
    return await next;
  } finally {
    if (saving.get(file) === next) saving.delete(file);
  }
}

async function writeSettings(file: string, settings: Settings): Promise<Result<void, SettingsProblem>> {
  const filed = (what: string, error?: unknown): SettingsProblem => ({
    field: '',
    message: `${what}${error === undefined ? '' : ` (${errorCode(error) ?? describeError(error)})`}`,
  });
  try {
    const checked = checkSettings(settings);
    const first = checked.problems[0];
    if (first !== undefined) return err(first);

    const directory = dirname(file);
    try {
      await mkdir(directory, { recursive: true, mode: 0o700 });
    } catch (error) {
      return err(filed(`cannot create the folder ${directory}`, error));
    }

    const current = await readSettingsFile(file);
    let base: Record<string, unknown> = {};
    if (current.kind === 'object') {
      base = current.raw;
      // Values refused at load (each reported then) are about to be replaced: the user's text is
      // kept aside first, as for a file that does not parse, so a hand edit is never lost.
      if (refusesValues(current.raw)) {
        const kept = await keepAside(file, current.raw);
        if (!kept.ok)
          return err(filed(`${file} has invalid values and ${kept.error}, so it was not replaced`));
      }
    } else if (current.kind === 'broken') {
      const kept = await keepAside(file, undefined);
      if (!kept.ok)
        return err(filed(`${file} could not be parsed and ${kept.error}, so it was not replaced`));
    } else if (current.kind === 'unreadable') {
      return err(filed(`${file} ${current.what}, so Switchboard will not replace it`));
    }

    const merged = mergeKnown(base, checked.settings, settingsSchemaFor());
    const text = `${JSON.stringify(merged, null, 2)}\n`;
    if (Buffer.byteLength(text) > MAX_SETTINGS_BYTES) {
      return err(filed(`the settings would take more than 1 MiB in ${file}; remove unknown keys from it`));
    }
    await writeAtomically(file, text);
    return ok(undefined);
  } catch (error) {
    return err(filed(`cannot write ${file}`, error));
  }
}

/** Does the file hold a value of a known setting that checking refuses (not just unknown or secret keys)? */
function refusesValues(raw: Record<string, unknown>): boolean {
  return checkSettings(knownKeysOnly(raw, settingsSchemaFor())).problems.length > 0;
}

/** `value` with only the keys the schema knows (a record's keys are all known), at every depth. */
function knownKeysOnly(value: unknown, schema: z.ZodType | undefined): unknown {
  if (Array.isArray(value)) {
    const element = schema === undefined ? undefined : arrayElement(schema);
    return value.map((item) => knownKeysOnly(item, element));
  }
  if (!isPlainObject(value) || schema === undefined) return value;
  const shape = objectShape(schema);
  const record = recordValue(schema);
  if (shape === undefined && record === undefined) return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    if (shape !== undefined && Object.hasOwn(shape, key)) setOwn(out, key, knownKeysOnly(child, shape[key]));
    else if (record !== undefined) setOwn(out, key, knownKeysOnly(child, record));
  }
  return out;
}

/**
 * Keeps the file as it is in `settings.json.broken-<time>` (private, never overwritten): its bytes,
 * or, when it parsed and holds secret-looking keys, its object without them (a save is how a
 * pasted password leaves the file; the copy must not keep it).
 */
async function keepAside(
  file: string,
  raw: Record<string, unknown> | undefined,
): Promise<Result<void, string>> {
  const aside = `${file}.broken-${fileTimestamp(new Date())}`;
  try {
    const clean = raw === undefined ? undefined : withoutSecretKeys(raw, settingsSchemaFor());
    if (clean === undefined || JSON.stringify(clean) === JSON.stringify(raw)) {
      await copyFile(file, aside, constants.COPYFILE_EXCL);
    } else {
      const handle = await open(aside, 'wx', 0o600);
      try {
        await handle.writeFile(`${JSON.stringify(clean, null, 2)}\n`, 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
    }
    await chmod(aside, 0o600).catch(() => {});
    return ok(undefined);
  } catch (error) {
    return err(`could not be copied aside to ${aside} (${errorCode(error) ?? describeError(error)})`);
  }
}

/**
 * `settings` written over `raw`: objects of the schema merge key by key (unknown keys stay, secret
 * ones go); everything else (values, lists, the wire-name maps) is replaced as a whole; a known
 * key whose setting is unset is removed.
 */
function mergeKnown(
  raw: Record<string, unknown>,
  settings: Record<string, unknown>,
  schema: z.ZodType,
): Record<string, unknown> {
  const shape = objectShape(schema) ?? {};
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (Object.hasOwn(shape, key)) {
      setOwn(out, key, value); // placeholder keeps the deployer's key order; replaced below
    } else if (!SECRET_KEY.test(key)) {
      setOwn(out, key, withoutSecrets(value));
    }
  }
  for (const key of Object.keys(shape)) {
    const value = settings[key];
    const field = shape[key];
    if (value === undefined) {
      delete out[key];
    } else if (field !== undefined && objectShape(field) !== undefined && isPlainObject(value)) {
      const existing = out[key];
      out[key] = mergeKnown(isPlainObject(existing) ? existing : {}, value, field);
    } else {
      out[key] = value;
    }
  }
  return out;
}

function withoutSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSecrets);
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    if (!SECRET_KEY.test(key)) setOwn(out, key, withoutSecrets(child));
  }
  return out;
}

/** `value` without secret-looking keys, except known settings (rememberPassword), at every depth. */
function withoutSecretKeys(value: unknown, schema: z.ZodType | undefined): unknown {
  if (Array.isArray(value)) {
    const element = schema === undefined ? undefined : arrayElement(schema);
    return value.map((item) => withoutSecretKeys(item, element));
  }
  if (!isPlainObject(value)) return value;
  const shape = schema === undefined ? undefined : objectShape(schema);
  const record = schema === undefined ? undefined : recordValue(schema);
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    const known = shape !== undefined && Object.hasOwn(shape, key);
    if (!known && SECRET_KEY.test(key)) continue;
    setOwn(out, key, withoutSecretKeys(child, known ? shape[key] : record));
  }
  return out;
}

/** The temporary files writeAtomically names: `.settings.json.<pid>.<12 hex>.tmp`. */
function temporaryPattern(file: string): RegExp {
  return new RegExp(`^\\.${literal(basename(file))}\\.(\\d+)\\.[0-9a-f]{12}\\.tmp$`);
}

/**
 * Removes the temporary files of saves whose process was killed before its rename (the file
 * itself is whole either way); the app does this once at start. Returns the names removed.
 */
export function removeLeftoverSaves(file: string, log?: Logger): Promise<string[]> {
  return removeLeftoverTemporaries(dirname(file), temporaryPattern(file), log);
}

/**
 * Temporary file in the same directory (a rename across file systems is not atomic), written,
 * fsynced, renamed over the target, then the directory fsynced so the rename itself survives a
 * power cut (POSIX; Windows cannot open a directory, and NTFS journals the rename).
 *
 * On Windows, fs.rename replaces an existing file (libuv uses MoveFileEx with
 * MOVEFILE_REPLACE_EXISTING; Node ≥ 20), but fails with EPERM/EACCES/EBUSY while another process
 * (an antivirus scanner, a search indexer, an editor) holds the target open: retried briefly.
 */
async function writeAtomically(file: string, text: string): Promise<void> {
  const temporary = join(
    dirname(file),
    `.${basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`,
  );
  try {
    const handle = await open(temporary, 'wx', 0o600);
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    for (let attempt = 0; ; attempt++) {
      try {
        await rename(temporary, file);
        break;
      } catch (error) {
        const code = errorCode(error);
        if (attempt >= 5 || (code !== 'EPERM' && code !== 'EACCES' && code !== 'EBUSY')) throw error;
        await new Promise((resolve) => setTimeout(resolve, 20 * 2 ** attempt));
      }
    }
  } catch (error) {
    await unlink(temporary).catch(() => {});
    throw error;
  }
  try {
    const directory = await open(dirname(file), 'r');
    try {
      await directory.sync();
    } finally {
      await directory.close();
    }
  } catch {
    // Not supported on this platform or file system; the rename has happened either way.
  }
}

/** An ISO time that is also a valid file name on Windows (no ":"). */
function fileTimestamp(date: Date): string {
  return date.toISOString().replaceAll(':', '-');
}

// ---------------------------------------------------------------------------------------------
// Helpers

/** `object[key] = value`, except that a key named __proto__ stays a key instead of replacing the prototype. */
function setOwn(object: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function depthExceeds(value: unknown, limit: number): boolean {
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 1 }];
  while (stack.length > 0) {
    const { value: current, depth } = stack.pop() as { value: unknown; depth: number };
    if (typeof current !== 'object' || current === null) continue;
    if (depth > limit) return true;
    for (const child of Object.values(current)) stack.push({ value: child, depth: depth + 1 });
  }
  return false;
}

function valueAt(root: unknown, path: readonly (string | number)[]): unknown {
  let current = root;
  for (const part of path) {
    if (Array.isArray(current) && typeof part === 'number') current = current[part];
    else if (isPlainObject(current)) current = current[String(part)];
    else return undefined;
  }
  return current;
}

function pathKey(path: readonly (string | number)[]): string {
  return JSON.stringify(path);
}

/** `broker.urls[1]`, `wireNames.commands.MakeCall`, `notes["my key"]`. */
export function formatPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(part)) out += out === '' ? part : `.${part}`;
    else out += `[${JSON.stringify(part.length > 60 ? `${part.slice(0, 60)}…` : part)}]`;
  }
  return out;
}

function errorCode(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
