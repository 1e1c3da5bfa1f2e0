// The durable outbox for callback commands issued while the broker is unreachable (issue: "Staying
// right across failures"). A write-ahead file of JSON lines in the user-data directory:
//
//   {"op":"add","id":"…","at":1732440000000,"command":{"name":"ScheduleCallback",…}}
//   {"op":"done","id":"…"}
//
// `enqueue` returns only once its line is on disk (fsync), so a command the agent saw accepted
// survives a crash or a restart of the app. The desk sends pending entries in order once the
// session is back and marks each done after the broker's RECEIPT: exactly once in the normal
// path; a crash between the RECEIPT and the "done" line sends that one command again.

import { randomUUID } from 'node:crypto';
import { mkdir, open, readFile, rename, type FileHandle } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { literal, removeLeftoverTemporaries } from '../files/leftover-temporaries.ts';
import type { Logger } from '../log/logger.ts';
import { COMMANDS, type CommandOf, type ParameterSpec } from '../protocol/index.ts';

export type CallbackCommand =
  CommandOf<'ScheduleCallback'> | CommandOf<'UpdateCallback'> | CommandOf<'CancelCallback'>;

export interface OutboxEntry {
  readonly id: string;
  readonly at: number;
  readonly command: CallbackCommand;
}

const CALLBACK_COMMANDS = new Set(['ScheduleCallback', 'UpdateCallback', 'CancelCallback']);

/** A line from the file, checked: the file may have been cut mid-line or edited by hand. */
function parseLine(line: string): { op: 'add'; entry: OutboxEntry } | { op: 'done'; id: string } | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  if (record['op'] === 'done' && typeof record['id'] === 'string') return { op: 'done', id: record['id'] };
  if (record['op'] !== 'add' || typeof record['id'] !== 'string' || typeof record['at'] !== 'number')
    return undefined;
  const command = record['command'] as Record<string, unknown> | null;
  if (typeof command !== 'object' || command === null || typeof command['name'] !== 'string')
    return undefined;
  if (!CALLBACK_COMMANDS.has(command['name']) || typeof command['id'] !== 'string') return undefined;
  const params: readonly ParameterSpec[] = COMMANDS[command['name'] as CallbackCommand['name']].params;
  for (const param of params) {
    if (param.kind !== 'literal' && typeof command[param.name] !== 'string') return undefined;
  }
  return {
    op: 'add',
    entry: { id: record['id'], at: record['at'], command: command as unknown as CallbackCommand },
  };
}

export class CallbackOutbox {
  readonly #file: string;
  readonly #log: Logger;
  #pending: OutboxEntry[];
  #handle: FileHandle | undefined;
  #writes: Promise<void> = Promise.resolve();
  readonly #listeners = new Set<(pending: readonly OutboxEntry[]) => void>();

  private constructor(file: string, pending: OutboxEntry[], log: Logger) {
    this.#file = file;
    this.#pending = pending;
    this.#log = log;
  }

  /** Reads what a previous run left, keeps what was not sent, and rewrites the file compactly. */
  static async open(file: string, log: Logger = () => {}): Promise<CallbackOutbox> {
    await mkdir(dirname(file), { recursive: true, mode: 0o700 });
    let text = '';
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    const pending = new Map<string, OutboxEntry>();
    let skipped = 0;
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      const parsed = parseLine(line);
      if (!parsed) {
        // A torn last line (the app died mid-write) or a hand edit: that line is lost, nothing else.
        skipped++;
        continue;
      }
      if (parsed.op === 'add') pending.set(parsed.entry.id, parsed.entry);
      else pending.delete(parsed.id);
    }
    if (skipped > 0) log({ level: 'warn', event: 'outbox.lines-skipped', file, lines: skipped });
    const outbox = new CallbackOutbox(file, [...pending.values()], log);
    await outbox.#rewrite();
    // Compactions killed before their rename left their temporary file (see #rewrite's name).
    await removeLeftoverTemporaries(
      dirname(file),
      new RegExp(`^${literal(basename(file))}\\.tmp-(\\d+)$`),
      log,
    );
    if (outbox.#pending.length > 0)
      log({ level: 'info', event: 'outbox.recovered', commands: outbox.#pending.length });
    return outbox;
  }

  get pending(): readonly OutboxEntry[] {
    return this.#pending;
  }

  onChange(listener: (pending: readonly OutboxEntry[]) => void): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  /** Resolves once the command is on disk. */
  async enqueue(command: CallbackCommand, at: number): Promise<OutboxEntry> {
    const entry: OutboxEntry = { id: randomUUID(), at, command };
    await this.#append({ op: 'add', id: entry.id, at, command });
    this.#pending = [...this.#pending, entry];
    this.#notify();
    return entry;
  }

  async markDone(id: string): Promise<void> {
    if (!this.#pending.some((entry) => entry.id === id)) return;
    await this.#append({ op: 'done', id });
    this.#pending = this.#pending.filter((entry) => entry.id !== id);
    this.#notify();
    if (this.#pending.length === 0) await this.#rewrite();
  }

  async close(): Promise<void> {
    await this.#writes;
    await this.#handle?.close();
    this.#handle = undefined;
  }

  #append(record: unknown): Promise<void> {
    const line = `${JSON.stringify(record)}\n`;
    // Writes are serialised so lines never interleave and "done" never precedes its "add".
    const write = this.#writes.then(async () => {
      this.#handle ??= await open(this.#file, 'a', 0o600);
      await this.#handle.appendFile(line, 'utf8');
      await this.#handle.sync();
    });
    this.#writes = write.catch(() => {});
    return write;
  }

  /** Replaces the file with just the pending entries (temp file, fsync, rename). */
  async #rewrite(): Promise<void> {
    await this.#writes;
    await this.#handle?.close();
    this.#handle = undefined;
    const temporary = `${this.#file}.tmp-${process.pid}`;
    const handle = await open(temporary, 'w', 0o600);
    try {
      const text = this.#pending.map((entry) => `${JSON.stringify({ op: 'add', ...entry })}\n`).join('');
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, this.#file);
  }

  #notify(): void {
    for (const listener of this.#listeners) {
      try {
        listener(this.#pending);
      } catch (error) {
        this.#log({ level: 'warn', event: 'outbox.listener-failed', error: String(error) });
      }
    }
  }
}
