// Commands in both directions: the desk encodes, the demo gateway decodes. A parameter that
// cannot travel (reserved character, missing value) is refused here, so nothing half-formed is
// ever sent.

import { COMMANDS, COMMAND_NAMES, type Command, type CommandName, type ParameterSpec } from './commands.ts';
import { err, ok, type Result } from './result.ts';
import { describeCharacter, findReservedCharacter, FIELD_SEPARATOR, ITEM_SEPARATOR } from './wire.ts';

/** What travels: the STOMP `type` header (JMSType) and the text body. */
export interface EncodedCommand {
  readonly type: string;
  readonly body: string;
}

export type CommandError =
  | {
      readonly code: 'reserved-character';
      readonly command: string;
      readonly field: string;
      readonly character: string;
      readonly message: string;
    }
  | {
      readonly code: 'missing-parameter';
      readonly command: string;
      readonly field: string;
      readonly message: string;
    }
  | {
      readonly code: 'invalid-parameter';
      readonly command: string;
      readonly field: string;
      readonly message: string;
    }
  | { readonly code: 'unknown-command'; readonly command: string; readonly message: string }
  | { readonly code: 'malformed-type'; readonly command: string; readonly message: string }
  | { readonly code: 'too-many-parameters'; readonly command: string; readonly message: string };

export type CommandWireNames = Partial<Record<CommandName, string>>;

export interface CommandCodec {
  encodeCommand(command: Command): Result<EncodedCommand, CommandError>;
  decodeCommand(type: string, body: string | null | undefined): Result<Command, CommandError>;
  wireName(name: CommandName): string;
}

export function createCommandCodec(wireNames: CommandWireNames = {}): CommandCodec {
  const wireByName = new Map<CommandName, string>();
  const nameByWire = new Map<string, CommandName>();
  const nameByLowerWire = new Map<string, CommandName>();
  for (const name of COMMAND_NAMES) {
    const wire = wireNames[name] ?? COMMANDS[name].wire;
    wireByName.set(name, wire);
    nameByWire.set(wire, name);
    nameByLowerWire.set(wire.toLowerCase(), name);
  }

  function wireName(name: CommandName): string {
    return wireByName.get(name) ?? COMMANDS[name].wire;
  }

  function encodeCommand(command: Command): Result<EncodedCommand, CommandError> {
    const spec = COMMANDS[command.name] as { params: readonly ParameterSpec[] } | undefined;
    if (!spec) {
      return err({
        code: 'unknown-command',
        command: String(command.name),
        message: `"${String(command.name)}" is not a GC command Switchboard knows.`,
      });
    }
    const values = command as unknown as Record<string, unknown>;
    const idProblem = checkValue(command.name, 'id', values.id);
    if (idProblem) return err(idProblem);

    const parts: string[] = [];
    let trailingOptionalMissing = false;
    for (const param of spec.params) {
      if (param.kind === 'literal') {
        parts.push(param.value);
        continue;
      }
      const value = values[param.name];
      if (value === undefined || value === '') {
        if (param.optional) {
          trailingOptionalMissing = true;
          continue;
        }
        return err({
          code: 'missing-parameter',
          command: command.name,
          field: param.name,
          message: `${command.name} needs ${param.name}.`,
        });
      }
      if (trailingOptionalMissing) {
        // Parameters are positional: an optional one may only be left out at the end.
        return err({
          code: 'invalid-parameter',
          command: command.name,
          field: param.name,
          message: `${command.name}: ${param.name} cannot follow an omitted optional parameter.`,
        });
      }
      if (param.kind === 'boolean') {
        if (typeof value !== 'boolean') {
          return err({
            code: 'invalid-parameter',
            command: command.name,
            field: param.name,
            message: `${command.name}: ${param.name} must be true or false.`,
          });
        }
        parts.push(value ? 'true' : 'false');
        continue;
      }
      const problem = checkValue(command.name, param.name, value);
      if (problem) return err(problem);
      parts.push(value as string);
    }
    return ok({
      type: `${wireName(command.name)}${FIELD_SEPARATOR}${command.id}`,
      body: parts.join(ITEM_SEPARATOR),
    });
  }

  function decodeCommand(type: string, body: string | null | undefined): Result<Command, CommandError> {
    // The gateway feeds raw frames in: a message without a type header must not throw.
    if (typeof type !== 'string') {
      return err({
        code: 'malformed-type',
        command: '',
        message: 'The message carries no JMSType (type header).',
      });
    }
    if (body !== null && body !== undefined && typeof body !== 'string') {
      return err({ code: 'malformed-type', command: type, message: 'The message body is not text.' });
    }
    const hash = type.indexOf(FIELD_SEPARATOR);
    if (hash <= 0) {
      return err({
        code: 'malformed-type',
        command: type,
        message: `The JMSType "${type}" is not of the form <Command>#<id>.`,
      });
    }
    const wire = type.slice(0, hash);
    const id = type.slice(hash + 1);
    // GC's own matching of names is undocumented; accepting any case costs nothing here.
    const name = nameByWire.get(wire) ?? nameByLowerWire.get(wire.toLowerCase());
    if (!name) {
      return err({ code: 'unknown-command', command: wire, message: `"${wire}" is not a GC command.` });
    }
    if (id === '' || findReservedCharacter(id)) {
      return err({
        code: 'malformed-type',
        command: name,
        message: `${name}: the id after "#" is empty or holds a reserved character.`,
      });
    }
    const params: readonly ParameterSpec[] = COMMANDS[name].params;
    // Hello and Beat travel with an empty (JMS null) body.
    const parts = body === null || body === undefined || body === '' ? [] : body.split(ITEM_SEPARATOR);
    if (parts.length > params.length) {
      return err({
        code: 'too-many-parameters',
        command: name,
        message: `${name} takes at most ${params.length} parameters, got ${parts.length}.`,
      });
    }
    const decoded: Record<string, unknown> = { name, id };
    for (let index = 0; index < params.length; index++) {
      const param = params[index] as ParameterSpec;
      const raw = parts[index];
      if (param.kind === 'literal') {
        if (raw === undefined || raw.toUpperCase() !== param.value) {
          return err({
            code: 'invalid-parameter',
            command: name,
            field: param.value,
            message: `${name}: parameter ${index + 1} must be ${param.value}.`,
          });
        }
        continue;
      }
      if (raw === undefined || raw === '') {
        if (param.optional) continue;
        return err({
          code: 'missing-parameter',
          command: name,
          field: param.name,
          message: `${name} needs ${param.name}.`,
        });
      }
      if (findReservedCharacter(raw)) {
        return err({
          code: 'reserved-character',
          command: name,
          field: param.name,
          character: findReservedCharacter(raw) as string,
          message: `${name}: ${param.name} holds a reserved character.`,
        });
      }
      if (param.kind === 'boolean') {
        const lower = raw.toLowerCase();
        if (lower !== 'true' && lower !== 'false') {
          return err({
            code: 'invalid-parameter',
            command: name,
            field: param.name,
            message: `${name}: ${param.name} must be true or false, got "${raw}".`,
          });
        }
        decoded[param.name] = lower === 'true';
        continue;
      }
      decoded[param.name] = raw;
    }
    return ok(decoded as unknown as Command);
  }

  return { encodeCommand, decodeCommand, wireName };
}

function checkValue(command: string, field: string, value: unknown): CommandError | undefined {
  if (typeof value !== 'string' || value === '') {
    return { code: 'missing-parameter', command, field, message: `${command} needs ${field}.` };
  }
  const character = findReservedCharacter(value);
  if (character === undefined) return undefined;
  return {
    code: 'reserved-character',
    command,
    field,
    character,
    message: `${command}: ${field} contains ${describeCharacter(character)}, which GC reserves; nothing was sent.`,
  };
}
