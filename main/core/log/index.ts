// Structured logs: the Logger type every module takes (logger.ts), redaction (redact.ts), the
// line format (format.ts), and the sinks: the rotating file (file-logger.ts) and stderr for the
// CLI (console-logger.ts).

export { silentLogger, type LogEntry, type Logger, type LogLevel } from './logger.ts';
export {
  CIRCULAR,
  MAX_DEPTH,
  MIN_SECRET_LENGTH,
  REDACTED,
  TOO_DEEP,
  isSecretKey,
  redactEntry,
  redactText,
} from './redact.ts';
export { LOG_LEVELS, formatLogLine, isLevelEnabled } from './format.ts';
export {
  DEFAULT_LOG_FILE,
  DEFAULT_MAX_BYTES,
  DEFAULT_MAX_FILES,
  createFileLogger,
  type FileLogger,
  type FileLoggerOptions,
  type FileLoggerStats,
} from './file-logger.ts';
export { consoleLogger, type ConsoleLoggerOptions } from './console-logger.ts';
