// One log line, the same in the file and on the CLI's stderr: a JSON object on one line,
// `{"time":…,"level":…,"event":…, ...fields}`, redacted before it is serialised.

import type { LogEntry, LogLevel } from './logger.ts';
import { redactEntry } from './redact.ts';

export const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];

const RANK: Readonly<Record<LogLevel, number>> = { debug: 0, info: 1, warn: 2, error: 3 };

/** Whether an entry at `level` passes a sink set to `threshold`. An unknown level always passes. */
export function isLevelEnabled(level: unknown, threshold: LogLevel): boolean {
  const rank = typeof level === 'string' ? RANK[level as LogLevel] : undefined;
  return rank === undefined || rank >= RANK[threshold];
}

/** Fields a log line sets itself; an entry's own field of that name is kept under `field.<name>`. */
const RESERVED = new Set(['time', 'level', 'event']);

/** The JSON line for `entry` (without the line break); never throws. */
export function formatLogLine(entry: LogEntry, secrets: readonly string[], time: Date): string {
  const redacted = redactEntry(entry, secrets);
  const line: Record<string, unknown> = {
    time: Number.isNaN(time.getTime()) ? String(time) : time.toISOString(),
    level: redacted.level,
    event: redacted.event,
  };
  for (const [key, value] of Object.entries(redacted)) {
    if (key === 'level' || key === 'event') continue;
    const name = RESERVED.has(key) ? `field.${key}` : key;
    Object.defineProperty(line, name, { value, enumerable: true, writable: true, configurable: true });
  }
  try {
    return JSON.stringify(line);
  } catch {
    // Redacted entries are plain data; this is only a last guard.
    return JSON.stringify({ time: line.time, level: redacted.level, event: 'log.unserialisable' });
  }
}
