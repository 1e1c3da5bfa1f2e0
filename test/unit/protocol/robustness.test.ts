import { describe, expect, it } from 'vitest';
import { decodeCommand, decodeEvent } from '../../../main/core/protocol/index.ts';

describe('codec robustness at the edges of its types', () => {
  it('refuses a message without a type header or with a non-text body instead of throwing', () => {
    const noType = decodeCommand(undefined as unknown as string, '');
    expect(noType).toMatchObject({ ok: false, error: { code: 'malformed-type' } });
    const objectBody = decodeCommand('MakeCall#1001', { length: 3 } as unknown as string);
    expect(objectBody).toMatchObject({ ok: false, error: { code: 'malformed-type' } });
  });

  it('reads the supervisor AgentInfo form when the team count carries the reconstruction key k:', () => {
    const event = decodeEvent(
      '1001#AgentInfo#John#Smith#true#OPTIONAL#k:2#5001,Sales|5002,Support#5001#John Smith',
    );
    expect(event).toMatchObject({
      kind: 'AgentInfo',
      form: 'supervisor',
      teams: [
        { id: '5001', name: 'Sales' },
        { id: '5002', name: 'Support' },
      ],
      teamId: '5001',
      fullName: 'John Smith',
    });
    // An agent (not a supervisor) keeps the agent form whatever field [6] holds.
    expect(decodeEvent('1001#AgentInfo#A#B#false#OPTIONAL#k:2#Full#login')).toMatchObject({
      form: 'agent',
      teamId: 'k:2',
    });
  });
});
