// One shape for structured log lines across the core and the demo: a level, an event name
// (`sim.command-refused`, `broker.reconnecting`, …) and fields. Sinks (console, rotating file
// with redaction) come with the desk; modules only ever call a Logger they were given.

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface LogEntry {
  readonly level: LogLevel;
  readonly event: string;
  readonly [field: string]: unknown;
}

export type Logger = (entry: LogEntry) => void;

export const silentLogger: Logger = () => {};
