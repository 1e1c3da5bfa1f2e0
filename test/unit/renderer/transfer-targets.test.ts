// The consult / transfer target picker's list (renderer/src/state/transfer-targets.ts): where the
// candidates come from in DeskState, what the picker loads when it opens, how typing filters
// and groups them, the typed number as the dial pad normalises it, and the arrow keys' walk.

import { describe, expect, it } from 'vitest';
import type { ContactView, TeamMemberView } from '../../../preload/contract.ts';
import {
  GROUP_LIMIT,
  buildTargetGroups,
  contactTarget,
  flattenGroups,
  matchesQuery,
  moveActive,
  numberFromQuery,
  pasteLooksLikeNumber,
  resolveTarget,
  targetLoads,
  targetSources,
  type TargetSources,
} from '../../../renderer/src/state/transfer-targets.ts';
import { agent, deskState } from './desk-state-fixture.ts';

function contact(
  id: string,
  firstName: string,
  lastName: string,
  phoneNumber: string,
  description = '',
): ContactView {
  return { id, firstName, lastName, phoneNumber, description };
}

function member(
  loginId: string,
  firstName: string,
  lastName: string,
  extension: string,
  state = 'READY',
): TeamMemberView {
  return {
    loginId,
    firstName,
    lastName,
    extension,
    state,
    pendingState: '',
    reasonLabel: '',
    stateSince: undefined,
  };
}

const SUPERVISORS = [
  { loginId: '9001', firstName: 'Grace', lastName: 'Okafor', extension: '5901' },
  { loginId: '9002', firstName: 'Hugo', lastName: 'Bauer', extension: '5902' },
];

const TEAM_BOOK = [
  contact('11-1', 'Alex', 'Abbott', '+44 20 7946 0000', 'Acme Logistics (team account)'),
  contact('11-2', 'Bea', 'Brennan', '+1 (202) 555-0001', 'Blue Harbor Bank (team account)'),
  contact('11-3', 'José', 'Castillo', '', 'No number'),
];

function agentSources(overrides: Partial<TargetSources> = {}): TargetSources {
  return {
    ownAgentId: '1001',
    ownExtension: '5001',
    members: [],
    supervisors: SUPERVISORS,
    teamContacts: TEAM_BOOK,
    loadedContacts: { team: TEAM_BOOK },
    ...overrides,
  };
}

const kinds = (groups: ReturnType<typeof buildTargetGroups>) => groups.map((group) => group.kind);
const targetsOf = (groups: ReturnType<typeof buildTargetGroups>, kind: string) =>
  groups.find((group) => group.kind === kind)?.targets.map((target) => target.target) ?? [];

describe('where the candidates come from', () => {
  it('takes the team members, the supervisors and the loaded contacts of the team books', () => {
    const state = deskState({
      agent: agent({ supervisors: SUPERVISORS }),
      team: { teamId: 't1', members: { '1002': member('1002', 'Ben', 'Bauer', '5002') } },
      phonebooks: {
        global: [{ id: '1', name: 'Company directory', type: 'GLOBAL' }],
        team: [
          { id: '11', name: 'Sales book', type: 'TEAM' },
          { id: '12', name: 'Other book', type: 'TEAM' },
        ],
        contacts: { '1': [contact('1-1', 'Not', 'Team', '+4420')], '11': TEAM_BOOK },
        loading: [],
      },
    });
    const sources = targetSources(state);
    expect(sources.ownAgentId).toBe('1001');
    expect(sources.ownExtension).toBe('5001');
    expect(sources.members.map((m) => m.loginId)).toEqual(['1002']);
    expect(sources.supervisors).toBe(SUPERVISORS);
    // Only the team books' contacts: the company directory is searched, not listed.
    expect(sources.teamContacts.map((c) => c.id)).toEqual(['11-1', '11-2', '11-3']);
  });

  it('loads only what is missing when the picker opens', () => {
    const books = {
      global: [],
      team: [
        { id: '11', name: 'Sales book', type: 'TEAM' },
        { id: '12', name: 'Support book', type: 'TEAM' },
        { id: '13', name: 'Loading book', type: 'TEAM' },
      ],
      contacts: { '11': TEAM_BOOK },
      loading: ['13'],
    };
    expect(targetLoads(agent({ supervisors: [] }), books)).toEqual({
      supervisors: true,
      phonebooks: false,
      contacts: ['12'],
    });
    expect(
      targetLoads(agent({ supervisors: SUPERVISORS }), { ...books, contacts: { '11': [], '12': [] } }),
    ).toEqual({
      supervisors: false,
      phonebooks: false,
      contacts: [],
    });
    // The team's books never came: ask for the books (their contacts on the next opening).
    const none = { global: [], team: [], contacts: {}, loading: [] };
    expect(targetLoads(agent({ teamId: '101' }), none).phonebooks).toBe(true);
    expect(targetLoads(agent({ teamId: undefined }), none).phonebooks).toBe(false);
  });
});

describe('the typed number', () => {
  it('reads formatted numbers and extensions as dial strings, names as no number', () => {
    expect(numberFromQuery('5002')).toBe('5002');
    expect(numberFromQuery(' +44 (20) 7946-0958 ')).toBe('+442079460958');
    expect(numberFromQuery('+1 415.555.0134')).toBe('+14155550134');
    expect(numberFromQuery('Grace')).toBeUndefined();
    expect(numberFromQuery('59x1')).toBeUndefined();
    expect(numberFromQuery('+')).toBeUndefined();
    expect(numberFromQuery('   ')).toBeUndefined();
    // `#` and `*` are not dialable (the GC wire reserves `#`).
    expect(numberFromQuery('5002#')).toBeUndefined();
  });

  it('dials a contact’s number without its formatting', () => {
    expect(contactTarget('+1 (202) 555-0001')).toBe('+12025550001');
    expect(contactTarget('020 7946 0000')).toBe('02079460000');
    expect(contactTarget('')).toBe('');
  });

  it('treats a paste with three digits or more as a number, anything else as a name', () => {
    expect(pasteLooksLikeNumber('tel:+1-415-555-0134')).toBe(true);
    expect(pasteLooksLikeNumber('Grace Okafor')).toBe(false);
    expect(pasteLooksLikeNumber('Team 12')).toBe(false);
  });
});

describe('filtering', () => {
  it('needs every word, in any field, without regard to case or accents', () => {
    expect(matchesQuery('grace', ['Grace Okafor', '5901'])).toBe(true);
    expect(matchesQuery('okafor gr', ['Grace Okafor', '5901'])).toBe(true);
    expect(matchesQuery('jose', ['José Castillo'])).toBe(true);
    expect(matchesQuery('grace bauer', ['Grace Okafor', '5901'])).toBe(false);
    expect(matchesQuery('', ['anything'])).toBe(true);
  });

  it('matches digits through a number’s formatting', () => {
    expect(matchesQuery('2025550001', ['Bea', '+1 (202) 555-0001'])).toBe(true);
    expect(matchesQuery('555-0001', ['Bea', '+1 (202) 555-0001'])).toBe(true);
    expect(matchesQuery('7', ['Bea', '+1 (202) 555-0001'])).toBe(false);
  });
});

describe('the groups', () => {
  it('with nothing typed: the supervisors and the team (its phonebook, for an agent)', () => {
    const groups = buildTargetGroups(agentSources(), '', [TEAM_BOOK[0] as ContactView]);
    expect(kinds(groups)).toEqual(['supervisor', 'team']);
    // A contact without a number cannot be dialled, so it is not offered.
    expect(targetsOf(groups, 'team')).toEqual(['+442079460000', '+12025550001']);
    expect(targetsOf(groups, 'supervisor')).toEqual(['5901', '5902']);
  });

  it('with a name typed: what matches, and the phonebook contacts found that are not the team’s', () => {
    const found = [
      TEAM_BOOK[1] as ContactView,
      contact('1-7', 'Bea', 'Bauer', '+44 20 7946 0007', 'Cedar Health'),
    ];
    const groups = buildTargetGroups(agentSources(), 'bau', found);
    expect(kinds(groups)).toEqual(['supervisor', 'contact']);
    expect(targetsOf(groups, 'supervisor')).toEqual(['5902']);
    // The search also returned the team book's Bea Brennan: a team contact is never repeated
    // under the phonebooks. The directory's Bea Bauer is a phonebook contact.
    expect(targetsOf(groups, 'contact')).toEqual(['+442079460007']);
    expect(groups.at(-1)?.targets[0]).toMatchObject({
      kind: 'contact',
      name: 'Bea Bauer',
      detail: 'Cedar Health',
    });
  });

  it('with a number typed: the number itself first, then whoever has it', () => {
    const groups = buildTargetGroups(agentSources(), '590', []);
    expect(kinds(groups)).toEqual(['number', 'supervisor']);
    expect(groups[0]?.targets).toEqual([
      { key: 'number', kind: 'number', name: '590', target: '590', detail: '' },
    ]);
    expect(targetsOf(groups, 'supervisor')).toEqual(['5901', '5902']);
  });

  it('lists a supervisor’s loaded team (not the team books), without the supervisor themself', () => {
    const sources = agentSources({
      ownAgentId: '9001',
      ownExtension: '5901',
      members: [
        member('1003', 'Chen', 'Costa', '5003', 'TALKING'),
        member('9001', 'Grace', 'Okafor', '5901'),
        member('1002', 'Ben', 'Bauer', '5002'),
        member('1009', 'No', 'Extension', ''),
      ],
    });
    const groups = buildTargetGroups(sources, '', []);
    const team = groups.find((group) => group.kind === 'team')?.targets ?? [];
    expect(team.map((target) => [target.name, target.target, target.state])).toEqual([
      ['Ben Bauer', '5002', 'READY'],
      ['Chen Costa', '5003', 'TALKING'],
    ]);
    expect(targetsOf(groups, 'supervisor')).toEqual(['5902']);
  });

  it('holds at most the limit per group, and leaves empty groups out', () => {
    const many = Array.from({ length: 30 }, (_, index) =>
      contact(`11-${index}`, `Name${index}`, 'Book', `+4420794600${String(index).padStart(2, '0')}`),
    );
    const groups = buildTargetGroups(agentSources({ teamContacts: many, supervisors: [] }), 'book', many);
    expect(kinds(groups)).toEqual(['team']);
    expect(groups[0]?.targets).toHaveLength(GROUP_LIMIT);
    expect(buildTargetGroups(agentSources(), 'nobody', [])).toEqual([]);
  });

  it('gives every option a distinct key, in the order the arrow keys walk', () => {
    const found = [contact('1-1', 'Grace', 'Directory', '+4420 7946 1111')];
    const options = flattenGroups(buildTargetGroups(agentSources(), 'grace', found));
    expect(options.map((option) => option.kind)).toEqual(['supervisor', 'contact']);
    expect(new Set(options.map((option) => option.key)).size).toBe(options.length);
  });
});

describe('the keyboard and the target', () => {
  it('moves down and up through the options, wrapping, from nothing active', () => {
    expect(moveActive(-1, 'ArrowDown', 3)).toBe(0);
    expect(moveActive(2, 'ArrowDown', 3)).toBe(0);
    expect(moveActive(-1, 'ArrowUp', 3)).toBe(2);
    expect(moveActive(0, 'ArrowUp', 3)).toBe(2);
    expect(moveActive(1, 'Home', 3)).toBe(1);
    expect(moveActive(1, 'ArrowDown', 0)).toBe(-1);
  });

  it('dials the chosen entry while the field shows it, else the typed number', () => {
    const chosen = {
      key: 'supervisor-9001',
      kind: 'supervisor' as const,
      name: 'Grace Okafor',
      target: '5901',
      detail: '',
    };
    expect(resolveTarget('5901', chosen)).toBe('5901');
    expect(resolveTarget('59012', chosen)).toBe('59012');
    expect(resolveTarget('Grace', chosen)).toBeUndefined();
    expect(resolveTarget('+44 20 7946 0958', undefined)).toBe('+442079460958');
    expect(resolveTarget('', undefined)).toBeUndefined();
  });
});
