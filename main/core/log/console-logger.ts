// The CLI's logger: the same redacted JSON lines as the log file, one per entry, on stderr.

import { formatLogLine, isLevelEnabled } from './format.ts';
import type { Logger, LogLevel } from './logger.ts';

export interface ConsoleLoggerOptions {
  /** Default process.stderr. */
  readonly stream?: { write(text: string): unknown };
  /** The secrets to redact; default none (names like passcode are redacted regardless). */
  readonly secrets?: () => readonly string[];
  readonly now?: () => Date;
}

export function consoleLogger(level: LogLevel = 'info', options: ConsoleLoggerOptions = {}): Logger {
  const secrets = options.secrets ?? (() => []);
  const now = options.now ?? (() => new Date());
  return (entry) => {
    try {
      if (!isLevelEnabled(entry.level, level)) return;
      (options.stream ?? process.stderr).write(`${formatLogLine(entry, secrets(), now())}\n`);
    } catch {
      // stderr closed, a secrets() that threw: the line is lost, the caller carries on.
    }
  };
}
