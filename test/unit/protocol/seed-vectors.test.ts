// The seed excerpt's wire layouts (and GC-REFERENCE §5's reconstructions) as concrete vectors:
// what the codec writes must be byte for byte what the seed shows, and what the seed shows must
// read back as the typed command or event.

import { describe, expect, it } from 'vitest';
import {
  COMMANDS,
  COMMAND_NAMES,
  EVENTS,
  EVENT_KINDS,
  decodeCommand,
  decodeEvent,
  encodeCommand,
  encodeEvent,
} from '../../../main/core/protocol/index.ts';
import {
  REFERENCE_AGENT_INFO_LITERAL,
  REFERENCE_EVENT_VECTORS,
  SEED_COMMAND_VECTORS,
  SEED_EVENT_VECTORS,
} from './vectors.ts';

describe('seed commands', () => {
  it.each(SEED_COMMAND_VECTORS)('$label: encodes to the seed’s JMSType and body', (vector) => {
    expect(encodeCommand(vector.command)).toEqual({
      ok: true,
      value: { type: vector.type, body: vector.body },
    });
  });

  it.each(SEED_COMMAND_VECTORS)('$label: decodes the seed’s strings back', (vector) => {
    expect(decodeCommand(vector.type, vector.body)).toEqual({ ok: true, value: vector.command });
  });

  it('covers every command whose wire form comes from the seed', () => {
    const seedCommands = COMMAND_NAMES.filter((name) => COMMANDS[name].provenance === 'seed');
    const covered = new Set(SEED_COMMAND_VECTORS.map((vector) => vector.command.name));
    expect(seedCommands.filter((name) => !covered.has(name))).toEqual([]);
  });

  it('keeps the seed’s spellings, misspellings included', () => {
    expect(SEED_COMMAND_VECTORS.map((vector) => vector.type.split('#')[0])).toEqual(
      expect.arrayContaining([
        'MOBILEAGENTLOGIN',
        'TransferCall',
        'Conferencecall',
        'RejectOutboundPreview',
        'CloseOutboundPreview',
        'GETSKILLGROPU',
        'GETSUPERVISOR',
        'SHCEDULECALLBACK',
        'UPDATECALLBACK',
        'CANCELSHCEDULECALLBACK',
        'RECLASSIFYCALL',
      ]),
    );
  });

  it('sends the seed’s body for commands without parameters as an empty body', () => {
    expect(decodeCommand('GETSKILLGROPU#1001', null)).toEqual({
      ok: true,
      value: { name: 'GetSkillGroups', id: '1001' },
    });
    expect(decodeCommand('GETSUPERVISOR#1001', undefined)).toEqual({
      ok: true,
      value: { name: 'GetSupervisors', id: '1001' },
    });
  });
});

describe('seed events', () => {
  it.each(SEED_EVENT_VECTORS)('$label: decodes', (vector) => {
    expect(decodeEvent(vector.text)).toEqual(vector.event);
  });

  it.each(SEED_EVENT_VECTORS)('$label: the decoded event travels back intact', (vector) => {
    const encoded = encodeEvent(vector.event);
    expect(encoded.ok).toBe(true);
    if (encoded.ok) expect(decodeEvent(encoded.value)).toEqual(vector.event);
  });

  it('covers every event kind whose layout comes from the seed', () => {
    const seedKinds = EVENT_KINDS.filter((kind) => EVENTS[kind].provenance === 'seed');
    const covered = new Set(SEED_EVENT_VECTORS.map((vector) => vector.event.kind));
    expect(seedKinds.filter((kind) => !covered.has(kind))).toEqual([]);
  });

  it('writes the seed’s sentinels for empty lists', () => {
    expect(encodeEvent({ kind: 'Phonebooks', receiver: '9000', phonebooks: [] })).toEqual({
      ok: true,
      value: '9000#Phonebooks#NoPhoneBookFound',
    });
    expect(encodeEvent({ kind: 'PhonebookContacts', receiver: '9000', contacts: [] })).toEqual({
      ok: true,
      value: '9000#PhonebookContacts#NoContactFound',
    });
    expect(encodeEvent({ kind: 'TeamPhonebooks', receiver: '9000', phonebooks: [] })).toEqual({
      ok: true,
      value: '9000#TeamPhoneBooks#NoTeamPhoneBookFound',
    });
  });

  it('writes the seed’s keys and literal words byte for byte', () => {
    const keyed = [
      '9000#TeamUsersList#FirstName:John,LastName:Smith,Extension:5001,LoginId:1001,State:READY,PendingState:,MediaType:voice,StateChangeTime:2026-11-24 09:15:02,StateChangeLabel:',
      '9000#Phonebooks#name:Company,type:GLOBAL,id:1#name:Suppliers,type:GLOBAL,id:2',
      '9000#PhonebookContacts#description:Key account,firstName:Ann,lastName:Lee,phoneNumber:+441632960961,id:17',
      '9000#TeamPhoneBooks#name:Sales team,type:TEAM,id:7',
      '1001#AgentInfo#John#Smith#false#OPTIONAL#5001#John Smith#jsmith',
      '9000#AgentInfo#Maria#Garcia#true#REQUIRED#TotalNumberOfTeams:2#5001,Sales|5002,Support#5001#Maria Garcia#mgarcia',
      '1001#State#NOT_READY#-1#Tue Nov 24 09:15:02 PKT 2026#READY#2026-11-24 09:15:02#John Smith#1001#5001#Not Ready#John Smith#jsmith',
    ];
    for (const text of keyed) {
      const decoded = decodeEvent(text);
      expect(decoded.kind).not.toBe('malformed');
      expect(decoded.kind).not.toBe('unknown');
      if (decoded.kind === 'malformed' || decoded.kind === 'unknown') continue;
      expect(encodeEvent(decoded)).toEqual({ ok: true, value: text });
    }
  });
});

describe('GC-REFERENCE §5 reconstructions', () => {
  it.each(REFERENCE_EVENT_VECTORS)('$label: decodes', (vector) => {
    expect(decodeEvent(vector.text)).toEqual(vector.event);
  });

  it.each(REFERENCE_EVENT_VECTORS)('$label: the decoded event travels back intact', (vector) => {
    const encoded = encodeEvent(vector.event);
    expect(encoded.ok).toBe(true);
    if (encoded.ok) expect(decodeEvent(encoded.value)).toEqual(vector.event);
  });

  it('§5.2 AgentInfo with the literal k:2 count still reads as AgentInfo with its attested fields', () => {
    expect(decodeEvent(REFERENCE_AGENT_INFO_LITERAL)).toMatchObject({
      kind: 'AgentInfo',
      receiver: '1001',
      firstName: 'John',
      lastName: 'Smith',
      isSupervisor: true,
      wrapUpMode: 'OPTIONAL',
    });
  });
});

describe('catalog examples', () => {
  it.each(EVENT_KINDS)('EVENTS.%s.example decodes to its own kind', (kind) => {
    const decoded = decodeEvent(EVENTS[kind].example);
    expect(decoded.kind).toBe(kind);
  });

  it.each(EVENT_KINDS)('EVENTS.%s.example travels back intact after decoding', (kind) => {
    const decoded = decodeEvent(EVENTS[kind].example);
    if (decoded.kind === 'malformed' || decoded.kind === 'unknown') {
      expect.unreachable(`${kind} example did not decode: ${JSON.stringify(decoded)}`);
      return;
    }
    const encoded = encodeEvent(decoded);
    expect(encoded.ok).toBe(true);
    if (encoded.ok) expect(decodeEvent(encoded.value)).toEqual(decoded);
  });
});
