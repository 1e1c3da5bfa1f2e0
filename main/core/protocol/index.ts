// The GC protocol: one catalog of commands and events, and a codec for both directions.
// `createCodec(wireNames)` applies a deployment's wire-name overrides (settings); the default
// codec uses the catalog's spellings.

import { createCommandCodec, type CommandCodec, type CommandWireNames } from './command-codec.ts';
import { createEventCodec, type EventCodec, type EventWireNames } from './event-codec.ts';

export interface WireNameOverrides {
  readonly commands?: CommandWireNames;
  readonly events?: EventWireNames;
}

export interface GcCodec
  extends
    Pick<CommandCodec, 'encodeCommand' | 'decodeCommand'>,
    Pick<EventCodec, 'encodeEvent' | 'decodeEvent'> {
  commandWireName: CommandCodec['wireName'];
  eventWireName: EventCodec['wireName'];
}

export function createCodec(overrides: WireNameOverrides = {}): GcCodec {
  const commands = createCommandCodec(overrides.commands);
  const events = createEventCodec(overrides.events);
  return {
    encodeCommand: commands.encodeCommand,
    decodeCommand: commands.decodeCommand,
    encodeEvent: events.encodeEvent,
    decodeEvent: events.decodeEvent,
    commandWireName: commands.wireName,
    eventWireName: events.wireName,
  };
}

const defaultCodec = createCodec();
export const { encodeCommand, decodeCommand, encodeEvent, decodeEvent } = defaultCodec;

export { COMMANDS, COMMAND_NAMES } from './commands.ts';
export type {
  Command,
  CommandName,
  CommandOf,
  CommandSpec,
  CommandTarget,
  ParameterSpec,
} from './commands.ts';
export { EVENTS, EVENT_KINDS } from './events.ts';
export type { EventSpec } from './events.ts';
export type { CommandError, CommandWireNames, EncodedCommand } from './command-codec.ts';
export type { EventEncodeError, EventWireNames } from './event-codec.ts';
export * from './event-types.ts';
export type { Provenance } from './provenance.ts';
export { ok, err, type Result } from './result.ts';
