// The command codec against the whole catalog: every command encodes to `<wire>#<id>` plus its
// body and decodes back; every way a command cannot travel is refused with a typed error.

import { describe, expect, it } from 'vitest';
import {
  COMMANDS,
  COMMAND_NAMES,
  createCodec,
  decodeCommand,
  encodeCommand,
  type Command,
  type CommandName,
  type ParameterSpec,
} from '../../../main/core/protocol/index.ts';

const RESERVED = [',', '#', '|', '\r', '\n', '\0'] as const;

const SAMPLE_TEXT: Readonly<Record<string, string>> = {
  clientDestination: 'ws-0a1b2c',
  password: 'Secr3t!pw',
  sso: 'SSO',
  extension: '5002',
  dialNumber: '+441632960961',
  reasonCode: '8',
  number: '03001234567',
  dialogId: '16821223',
  value: 'ANS_MACHINE',
  callbackTime: '2026-11-25 10:30:00',
  callbackNumber: '+441632960961',
  teamId: '5001',
  phonebookId: '17',
};

function paramsOf(name: CommandName): readonly ParameterSpec[] {
  return COMMANDS[name].params;
}

type NamedParameter = Extract<ParameterSpec, { name: string }>;

function namedParams(name: CommandName): NamedParameter[] {
  return paramsOf(name).filter((param): param is NamedParameter => param.kind !== 'literal');
}

/** A valid command with every parameter (optional ones included) and the body it travels with. */
function sample(
  name: CommandName,
  id = '1001',
): { command: Command; values: Record<string, unknown>; body: string } {
  const values: Record<string, unknown> = { name, id };
  const body: string[] = [];
  for (const param of paramsOf(name)) {
    if (param.kind === 'literal') {
      body.push(param.value);
    } else if (param.kind === 'boolean') {
      values[param.name] = true;
      body.push('true');
    } else {
      const text = SAMPLE_TEXT[param.name] ?? `value-of-${param.name}`;
      values[param.name] = text;
      body.push(text);
    }
  }
  return { command: values as unknown as Command, values, body: body.join(',') };
}

const asCommand = (values: Record<string, unknown>) => values as unknown as Command;

describe.each(COMMAND_NAMES)('%s', (name) => {
  const wire = COMMANDS[name].wire;

  it('encodes to <wire>#<id> and its body in catalog order', () => {
    const { command, body } = sample(name);
    expect(encodeCommand(command)).toEqual({ ok: true, value: { type: `${wire}#1001`, body } });
  });

  it('decodes its own type and body to the same command', () => {
    const { command, body } = sample(name);
    expect(decodeCommand(`${wire}#1001`, body)).toEqual({ ok: true, value: command });
  });

  it('decodes its name in any case', () => {
    const { command, body } = sample(name);
    expect(decodeCommand(`${wire.toLowerCase()}#1001`, body)).toEqual({ ok: true, value: command });
    expect(decodeCommand(`${wire.toUpperCase()}#1001`, body)).toEqual({ ok: true, value: command });
  });

  it('refuses every reserved character in the id, returning nothing else', () => {
    for (const character of RESERVED) {
      const { values } = sample(name);
      const result = encodeCommand(asCommand({ ...values, id: `10${character}01` }));
      expect(result, JSON.stringify(character)).toStrictEqual({
        ok: false,
        error: {
          code: 'reserved-character',
          command: name,
          field: 'id',
          character,
          message: expect.any(String),
        },
      });
    }
  });

  it('refuses an empty or missing id', () => {
    const { values } = sample(name);
    for (const id of ['', undefined]) {
      expect(encodeCommand(asCommand({ ...values, id }))).toMatchObject({
        ok: false,
        error: { code: 'missing-parameter', field: 'id' },
      });
    }
  });

  const textParams = namedParams(name).filter((param) => param.kind === 'text');
  if (textParams.length > 0) {
    it.each(textParams.map((param) => param.name))(
      'refuses every reserved character in %s, returning nothing else',
      (field) => {
        for (const character of RESERVED) {
          for (const placed of [`${character}x`, `ab${character}cd`, `x${character}`, character]) {
            const { values } = sample(name);
            const result = encodeCommand(asCommand({ ...values, [field]: placed }));
            expect(result, `${JSON.stringify(placed)}`).toStrictEqual({
              ok: false,
              error: {
                code: 'reserved-character',
                command: name,
                field,
                character,
                message: expect.any(String),
              },
            });
          }
        }
      },
    );
  }

  const required = namedParams(name).filter((param) => !param.optional);
  if (required.length > 0) {
    it.each(required.map((param) => param.name))('refuses a missing or empty %s', (field) => {
      const { values } = sample(name);
      const without = { ...values };
      delete without[field];
      for (const candidate of [without, { ...values, [field]: '' }]) {
        expect(encodeCommand(asCommand(candidate))).toStrictEqual({
          ok: false,
          error: { code: 'missing-parameter', command: name, field, message: expect.any(String) },
        });
      }
    });

    it.each(required.map((param) => param.name))('decoding refuses a body without %s', (field) => {
      const index = paramsOf(name).findIndex((param) => param.kind !== 'literal' && param.name === field);
      const parts = sample(name).body.split(',');
      parts[index] = '';
      expect(decodeCommand(`${wire}#1001`, parts.join(','))).toMatchObject({
        ok: false,
        error: { code: 'missing-parameter', command: name, field },
      });
    });
  }

  it('decoding refuses one parameter too many', () => {
    const { body } = sample(name);
    const longer = paramsOf(name).length === 0 ? 'extra' : `${body},extra`;
    expect(decodeCommand(`${wire}#1001`, longer)).toMatchObject({
      ok: false,
      error: { code: 'too-many-parameters', command: name },
    });
  });

  it('decoding refuses an empty id or one with a reserved character', () => {
    const { body } = sample(name);
    for (const type of [`${wire}#`, `${wire}#10|01`, `${wire}#10#01`, `${wire}#10\n01`, `${wire}#10\r01`]) {
      expect(decodeCommand(type, body), JSON.stringify(type)).toMatchObject({
        ok: false,
        error: { code: 'malformed-type', command: name },
      });
    }
  });

  if (textParams.length > 0) {
    it.each(textParams.map((param) => param.name))(
      'decoding refuses a reserved character inside %s',
      (field) => {
        const index = paramsOf(name).findIndex((param) => param.kind !== 'literal' && param.name === field);
        for (const character of ['#', '|', '\r', '\n', '\0']) {
          const parts = sample(name).body.split(',');
          parts[index] = `ab${character}cd`;
          expect(decodeCommand(`${wire}#1001`, parts.join(',')), JSON.stringify(character)).toMatchObject({
            ok: false,
            error: { code: 'reserved-character', command: name, field, character },
          });
        }
      },
    );
  }
});

describe('boolean parameters', () => {
  const mobile = sample('MobileAgentLogin').values;

  it.each([['true'], ['false'], [1], [0], [null], ['yes']])('refuses callByCall = %j', (value) => {
    expect(encodeCommand(asCommand({ ...mobile, callByCall: value }))).toStrictEqual({
      ok: false,
      error: {
        code: 'invalid-parameter',
        command: 'MobileAgentLogin',
        field: 'callByCall',
        message: expect.any(String),
      },
    });
  });

  it('writes false as false', () => {
    expect(encodeCommand(asCommand({ ...mobile, callByCall: false }))).toEqual({
      ok: true,
      value: { type: 'MOBILEAGENTLOGIN#1001', body: 'Secr3t!pw,5002,+441632960961,false' },
    });
  });

  it('decodes true/false in any case and refuses anything else', () => {
    expect(decodeCommand('MOBILEAGENTLOGIN#1001', 'pw,5001,+44,TRUE')).toMatchObject({
      ok: true,
      value: { callByCall: true },
    });
    expect(decodeCommand('MOBILEAGENTLOGIN#1001', 'pw,5001,+44,False')).toMatchObject({
      ok: true,
      value: { callByCall: false },
    });
    for (const raw of ['maybe', '1', 'yes', ' true']) {
      expect(decodeCommand('MOBILEAGENTLOGIN#1001', `pw,5001,+44,${raw}`)).toMatchObject({
        ok: false,
        error: { code: 'invalid-parameter', command: 'MobileAgentLogin', field: 'callByCall' },
      });
    }
  });

  it('refuses a non-boolean optional flag', () => {
    expect(
      encodeCommand(
        asCommand({ name: 'GetTeamUsers', id: '9000', teamId: '5001', includeLoggedOut: 'true' }),
      ),
    ).toMatchObject({ ok: false, error: { code: 'invalid-parameter', field: 'includeLoggedOut' } });
  });
});

describe('optional parameters', () => {
  it('leaves a trailing optional parameter out of the body', () => {
    expect(
      encodeCommand({ name: 'Connect', id: '1001', clientDestination: 'ws-0a1b2c', password: 'pw' }),
    ).toEqual({ ok: true, value: { type: 'Connect#1001', body: 'ws-0a1b2c,pw' } });
    expect(encodeCommand({ name: 'GetTeamUsers', id: '9000', teamId: '5001' })).toEqual({
      ok: true,
      value: { type: 'getteamusers#9000', body: '5001' },
    });
    expect(
      encodeCommand({ name: 'GetTeamUsers', id: '9000', teamId: '5001', includeLoggedOut: false }),
    ).toEqual({ ok: true, value: { type: 'getteamusers#9000', body: '5001,false' } });
  });

  it('decodes a body without the optional parameter, or with it empty', () => {
    const expected = { name: 'Connect', id: '1001', clientDestination: 'ws-0a1b2c', password: 'pw' };
    expect(decodeCommand('Connect#1001', 'ws-0a1b2c,pw')).toStrictEqual({ ok: true, value: expected });
    expect(decodeCommand('Connect#1001', 'ws-0a1b2c,pw,')).toStrictEqual({ ok: true, value: expected });
    expect(decodeCommand('getteamusers#9000', '5001,true')).toStrictEqual({
      ok: true,
      value: { name: 'GetTeamUsers', id: '9000', teamId: '5001', includeLoggedOut: true },
    });
  });

  it('refuses a reserved character in a given optional parameter', () => {
    expect(
      encodeCommand({ name: 'Connect', id: '1001', clientDestination: 'ws', password: 'pw', sso: 'a,b' }),
    ).toMatchObject({ ok: false, error: { code: 'reserved-character', field: 'sso', character: ',' } });
  });
});

describe('decodeCommand refusals', () => {
  it('refuses an unknown command name', () => {
    expect(decodeCommand('Frobnicate#1001', '')).toMatchObject({
      ok: false,
      error: { code: 'unknown-command', command: 'Frobnicate' },
    });
    // A misspelling the seed does not use is not the seed's command.
    expect(decodeCommand('GETSKILLGROUP#1001', '')).toMatchObject({
      ok: false,
      error: { code: 'unknown-command' },
    });
  });

  it('refuses a type without #, or with nothing before it', () => {
    for (const type of ['MakeCall', '', '#1001']) {
      expect(decodeCommand(type, '5551234'), JSON.stringify(type)).toMatchObject({
        ok: false,
        error: { code: 'malformed-type' },
      });
    }
  });

  it('refuses too many parameters', () => {
    expect(decodeCommand('MakeCall#1001', '5551234,extra')).toMatchObject({
      ok: false,
      error: { code: 'too-many-parameters', command: 'MakeCall' },
    });
    expect(decodeCommand('Hello#ws-0a1b2c', 'x')).toMatchObject({
      ok: false,
      error: { code: 'too-many-parameters', command: 'Hello' },
    });
  });

  it('refuses the wrong literal', () => {
    expect(decodeCommand('RejectOutboundPreview#1001', '12,ACCEPT')).toMatchObject({
      ok: false,
      error: { code: 'invalid-parameter', command: 'RejectOutboundPreview', field: 'REJECT' },
    });
    expect(decodeCommand('CloseOutboundPreview#1001', '12,REJECT')).toMatchObject({
      ok: false,
      error: { code: 'invalid-parameter', command: 'CloseOutboundPreview', field: 'CLOSE' },
    });
    expect(decodeCommand('RejectOutboundPreview#1001', '12')).toMatchObject({
      ok: false,
      error: { code: 'invalid-parameter', field: 'REJECT' },
    });
  });

  it('reads the literal in any case', () => {
    expect(decodeCommand('RejectOutboundPreview#1001', '12,reject')).toEqual({
      ok: true,
      value: { name: 'RejectOutboundPreview', id: '1001', dialogId: '12' },
    });
  });

  it('matches command names case-insensitively', () => {
    expect(decodeCommand('conferencecall#1001', '5002,16821223')).toEqual({
      ok: true,
      value: { name: 'ConferenceCall', id: '1001', extension: '5002', dialogId: '16821223' },
    });
    expect(decodeCommand('ConferenceCall#1001', '5002,16821223')).toMatchObject({
      ok: true,
      value: { name: 'ConferenceCall' },
    });
    expect(decodeCommand('mobileagentlogin#1001', 'pw,5001,+44,true')).toMatchObject({
      ok: true,
      value: { name: 'MobileAgentLogin' },
    });
    expect(decodeCommand('LOGOUT#1001', '')).toMatchObject({ ok: true, value: { name: 'Logout' } });
  });

  it('keeps the id after the first # whole', () => {
    expect(decodeCommand('MakeCall#agent.one@example', '5551234')).toEqual({
      ok: true,
      value: { name: 'MakeCall', id: 'agent.one@example', number: '5551234' },
    });
  });
});

describe('the catalog', () => {
  it('has no two wire names that differ only in case (decoding ignores case)', () => {
    const lower = COMMAND_NAMES.map((name) => COMMANDS[name].wire.toLowerCase());
    expect(new Set(lower).size).toBe(lower.length);
  });

  it('has no wire name containing a reserved character', () => {
    for (const name of COMMAND_NAMES) expect(COMMANDS[name].wire).not.toMatch(/[,#|\r\n\0\s]/);
  });
});

describe('wire-name overrides', () => {
  const codec = createCodec({ commands: { ConferenceCall: 'ConferenceCall' } });

  it('changes the JMSType of the overridden command only', () => {
    expect(
      codec.encodeCommand({ name: 'ConferenceCall', id: '1001', extension: '5002', dialogId: '1' }),
    ).toEqual({
      ok: true,
      value: { type: 'ConferenceCall#1001', body: '5002,1' },
    });
    expect(
      codec.encodeCommand({ name: 'TransferCall', id: '1001', extension: '5002', dialogId: '1' }),
    ).toEqual({
      ok: true,
      value: { type: 'TransferCall#1001', body: '5002,1' },
    });
    expect(codec.commandWireName('ConferenceCall')).toBe('ConferenceCall');
    expect(codec.commandWireName('GetSkillGroups')).toBe('GETSKILLGROPU');
  });

  it('decodes the overridden name', () => {
    expect(codec.decodeCommand('ConferenceCall#1001', '5002,1')).toEqual({
      ok: true,
      value: { name: 'ConferenceCall', id: '1001', extension: '5002', dialogId: '1' },
    });
  });

  it('leaves the default codec alone', () => {
    expect(
      encodeCommand({ name: 'ConferenceCall', id: '1001', extension: '5002', dialogId: '1' }),
    ).toMatchObject({
      ok: true,
      value: { type: 'Conferencecall#1001' },
    });
  });

  it('replaces the catalog spelling when the override is a different word', () => {
    const fixed = createCodec({ commands: { GetSkillGroups: 'GETSKILLGROUP' } });
    expect(fixed.encodeCommand({ name: 'GetSkillGroups', id: '1001' })).toEqual({
      ok: true,
      value: { type: 'GETSKILLGROUP#1001', body: '' },
    });
    expect(fixed.decodeCommand('GETSKILLGROUP#1001', '')).toEqual({
      ok: true,
      value: { name: 'GetSkillGroups', id: '1001' },
    });
    expect(fixed.decodeCommand('GETSKILLGROPU#1001', '')).toMatchObject({
      ok: false,
      error: { code: 'unknown-command' },
    });
  });
});
