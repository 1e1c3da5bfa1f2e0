// The desk's log file: JSON lines, redacted (redact.ts), appended in the background, rotated by
// size. Logging never blocks and never throws into the caller: log() formats the line at once
// (so later changes to the entry's objects cannot leak into it) and queues it; one writer drains
// the queue. A disk that fails (full, gone, read-only) costs log lines, not the desk: they are
// counted, the outage is reported once (onWriteError), and when writing works again the count
// goes into the file as a `log.lines-dropped` line.
//
// Rotation: before a line would take the file past maxBytes, `switchboard.log` becomes
// `switchboard.log.1`, `.1` becomes `.2`, …, and the oldest goes, so that at most maxFiles files
// exist (the current one included) and the logs take at most maxFiles × maxBytes. A line is
// never split across files. The directory is created 0o700, files 0o600 (on Windows, mode bits
// are ignored; the user-data directory is already private to the user).

import { mkdir, open, readdir, rename, unlink, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';

import { formatLogLine, isLevelEnabled } from './format.ts';
import type { LogEntry, Logger, LogLevel } from './logger.ts';
import { redactText } from './redact.ts';

export interface FileLoggerOptions {
  readonly dir: string;
  /** Default `switchboard.log`. */
  readonly fileName?: string;
  /** Size at which the file is rotated. Default 5 MiB. */
  readonly maxBytes?: number;
  /** Files kept, the current one included. Default 5. */
  readonly maxFiles?: number;
  /** Entries below this level are not written. Default 'info'. */
  readonly level?: LogLevel;
  /** The secrets to redact, asked for each line (the vault's current password and passcode). */
  readonly secrets: () => readonly string[];
  /** Lines waiting for the disk beyond this many bytes are dropped (and counted). Default 8 MiB. */
  readonly maxQueuedBytes?: number;
  /** Called once when lines start being dropped; again only after writing has worked in between. Default: one line on stderr. */
  readonly onWriteError?: (error: unknown) => void;
  /** For tests. */
  readonly now?: () => Date;
}

export interface FileLoggerStats {
  /** Lines in the file(s) since creation. */
  readonly written: number;
  /** Lines lost: disk errors, a full queue, a secrets() that threw. */
  readonly dropped: number;
}

export interface FileLogger {
  readonly log: Logger;
  /** Resolves once every line logged so far is written (or dropped). Never rejects. */
  flush(): Promise<void>;
  /** Flushes, then closes the file; later lines are ignored. Never rejects. */
  close(): Promise<void>;
  stats(): FileLoggerStats;
}

export const DEFAULT_LOG_FILE = 'switchboard.log';
export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;
export const DEFAULT_MAX_FILES = 5;
const DEFAULT_MAX_QUEUED_BYTES = 8 * 1024 * 1024;

export function createFileLogger(options: FileLoggerOptions): FileLogger {
  const writer = new LogWriter(options);
  return {
    log: (entry) => writer.log(entry),
    flush: () => writer.flush(),
    close: () => writer.close(),
    stats: () => writer.stats(),
  };
}

class LogWriter {
  readonly #dir: string;
  readonly #fileName: string;
  readonly #path: string;
  readonly #maxBytes: number;
  readonly #maxFiles: number;
  readonly #level: LogLevel;
  readonly #secrets: () => readonly string[];
  readonly #maxQueuedBytes: number;
  readonly #onWriteError: (error: unknown) => void;
  readonly #now: () => Date;

  #queue: string[] = [];
  #queuedBytes = 0;
  #pumping: Promise<void> | undefined;
  #handle: FileHandle | undefined;
  #size = 0;
  #opened = false;
  #closed = false;
  #written = 0;
  #dropped = 0;
  /** Lines dropped since the last successful write; nonzero means an outage is under way. */
  #droppedInOutage = 0;
  #outageReported = false;

  constructor(options: FileLoggerOptions) {
    this.#dir = options.dir;
    this.#fileName = options.fileName ?? DEFAULT_LOG_FILE;
    this.#path = join(this.#dir, this.#fileName);
    this.#maxBytes = Math.max(1, Math.floor(options.maxBytes ?? DEFAULT_MAX_BYTES));
    this.#maxFiles = Math.max(1, Math.floor(options.maxFiles ?? DEFAULT_MAX_FILES));
    this.#level = options.level ?? 'info';
    this.#secrets = options.secrets;
    this.#maxQueuedBytes = options.maxQueuedBytes ?? DEFAULT_MAX_QUEUED_BYTES;
    this.#onWriteError = options.onWriteError ?? ((error) => reportToStderr(this.#dir, error));
    this.#now = options.now ?? (() => new Date());
  }

  log(entry: LogEntry): void {
    try {
      if (this.#closed || !isLevelEnabled(entry.level, this.#level)) return;
      // Without the secrets, a line cannot be redacted fully: it is dropped, not written.
      const line = `${this.#fitLine(formatLogLine(entry, this.#secrets(), this.#now()), entry)}\n`;
      const bytes = Buffer.byteLength(line);
      if (this.#queuedBytes + bytes > this.#maxQueuedBytes) {
        this.#drop(1, new Error('the log queue is full: the disk is slower than the log'));
        return;
      }
      this.#queue.push(line);
      this.#queuedBytes += bytes;
      this.#pumping ??= this.#pump();
    } catch (error) {
      this.#drop(1, error);
    }
  }

  async flush(): Promise<void> {
    while (this.#pumping !== undefined) await this.#pumping;
  }

  async close(): Promise<void> {
    this.#closed = true;
    await this.flush();
    await this.#closeHandle();
  }

  stats(): FileLoggerStats {
    return { written: this.#written, dropped: this.#dropped };
  }

  /** A line longer than a whole file is replaced by a short one saying so: rotation could not place it. */
  #fitLine(line: string, entry: LogEntry): string {
    if (Buffer.byteLength(line) + 1 <= this.#maxBytes) return line;
    const event = typeof entry.event === 'string' ? entry.event.slice(0, 100) : 'unknown';
    return JSON.stringify({
      time: this.#now().toISOString(),
      level: 'warn',
      event: 'log.line-too-long',
      droppedEvent: redactText(event, this.#secrets()),
      bytes: Buffer.byteLength(line),
    });
  }

  #drop(count: number, error: unknown): void {
    this.#dropped += count;
    this.#droppedInOutage += count;
    if (this.#outageReported) return;
    this.#outageReported = true;
    try {
      this.#onWriteError(error);
    } catch {
      // A reporter that throws must not throw into the caller either.
    }
  }

  async #pump(): Promise<void> {
    try {
      while (this.#queue.length > 0) {
        const batch = this.#queue;
        this.#queue = [];
        this.#queuedBytes = 0;
        await this.#writeBatch(batch);
      }
    } finally {
      this.#pumping = undefined;
    }
  }

  async #writeBatch(lines: readonly string[]): Promise<void> {
    let done = 0;
    try {
      const handle = await this.#open();
      if (this.#droppedInOutage > 0) {
        // Writing works again: say what was lost, once, before the lines that follow it.
        const notice = `${JSON.stringify({
          time: this.#now().toISOString(),
          level: 'warn',
          event: 'log.lines-dropped',
          count: this.#droppedInOutage,
        })}\n`;
        await this.#append(handle, [notice]);
        this.#droppedInOutage = 0;
        this.#outageReported = false;
      }
      let chunk: string[] = [];
      let chunkBytes = 0;
      for (const line of lines) {
        const bytes = Buffer.byteLength(line);
        if (this.#size + chunkBytes + bytes > this.#maxBytes && this.#size + chunkBytes > 0) {
          if (chunk.length > 0) {
            await this.#append(this.#handle ?? handle, chunk);
            done += chunk.length;
            chunk = [];
            chunkBytes = 0;
          }
          await this.#rotate();
        }
        chunk.push(line);
        chunkBytes += bytes;
      }
      if (chunk.length > 0) {
        await this.#append(this.#handle ?? (await this.#open()), chunk);
        done += chunk.length;
      }
    } catch (error) {
      this.#drop(lines.length - done, error);
      await this.#closeHandle();
    } finally {
      this.#written += done;
    }
  }

  async #append(handle: FileHandle, lines: readonly string[]): Promise<void> {
    const data = Buffer.from(lines.join(''), 'utf8');
    await handle.writeFile(data); // writes all of it (write() may write less); O_APPEND puts it at the end
    this.#size += data.length;
  }

  async #open(): Promise<FileHandle> {
    if (this.#handle !== undefined) return this.#handle;
    await mkdir(this.#dir, { recursive: true, mode: 0o700 });
    if (!this.#opened) await this.#removeSurplusFiles();
    const handle = await open(this.#path, 'a', 0o600);
    try {
      // An existing file keeps its old mode otherwise; best effort (Windows has no such bits).
      await handle.chmod(0o600).catch(() => {});
      this.#size = (await handle.stat()).size;
    } catch (error) {
      await handle.close().catch(() => {});
      throw error;
    }
    this.#handle = handle;
    this.#opened = true;
    return handle;
  }

  async #rotate(): Promise<void> {
    await this.#closeHandle();
    const numbered = (index: number) => (index === 0 ? this.#path : `${this.#path}.${index}`);
    await unlinkIfPresent(numbered(this.#maxFiles - 1));
    for (let index = this.#maxFiles - 2; index >= 0; index--) {
      try {
        await rename(numbered(index), numbered(index + 1));
      } catch (error) {
        if (!isMissing(error)) throw error;
      }
    }
    this.#size = 0;
    await this.#open();
  }

  /** Files past maxFiles, left by an earlier run with a larger setting. */
  async #removeSurplusFiles(): Promise<void> {
    let names: string[];
    try {
      names = await readdir(this.#dir);
    } catch {
      return;
    }
    const prefix = `${this.#fileName}.`;
    for (const name of names) {
      if (!name.startsWith(prefix)) continue;
      const suffix = name.slice(prefix.length);
      if (/^[1-9][0-9]*$/.test(suffix) && Number(suffix) >= this.#maxFiles) {
        await unlinkIfPresent(join(this.#dir, name)).catch(() => {});
      }
    }
  }

  async #closeHandle(): Promise<void> {
    const handle = this.#handle;
    this.#handle = undefined;
    await handle?.close().catch(() => {});
  }
}

async function unlinkIfPresent(path: string): Promise<void> {
  try {
    await unlink(path);
  } catch (error) {
    if (!isMissing(error)) throw error;
  }
}

function isMissing(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ENOENT';
}

function reportToStderr(dir: string, error: unknown): void {
  // The code (ENOSPC, EACCES) or our own message: never an arbitrary error text, which could hold anything.
  const reason =
    error instanceof Error && 'code' in error && typeof error.code === 'string'
      ? error.code
      : error instanceof Error && error.message.startsWith('the log queue')
        ? error.message
        : 'an error';
  process.stderr.write(
    `switchboard: cannot write the log in ${dir} (${reason}); log lines are dropped until it works again\n`,
  );
}

/** The CLI's sink (stderr), redacted the same way; in console-logger.ts, re-exported here for one import. */
export { consoleLogger } from './console-logger.ts';
