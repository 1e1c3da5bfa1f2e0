// sortMembers keeps the team's name order between sorts (the collator runs only when a name or a
// member is new: renderer/src/state/team-views.ts). These check that what it keeps never shows:
// a renamed or new member lands where their name belongs, and a part of the team sorts as the
// whole does.

import { describe, expect, it } from 'vitest';
import type { TeamMemberView } from '../../../preload/contract.ts';
import { sortMembers } from '../../../renderer/src/state/team-views.ts';

function member(loginId: string, firstName: string, lastName: string, state = 'READY'): TeamMemberView {
  return {
    loginId,
    firstName,
    lastName,
    extension: String(Number(loginId) + 4000),
    state,
    pendingState: '',
    reasonLabel: '',
    stateSince: 1_000,
  };
}

const ids = (members: readonly TeamMemberView[]) => members.map((entry) => entry.loginId);

const team = [
  member('1001', 'Priya', 'Adeyemi'),
  member('1002', 'Ben', 'Costa'),
  member('1003', 'Inés', 'Bauer'),
  member('1004', 'Zoe', 'Silva'),
];

describe('sortMembers between sorts', () => {
  it('puts a renamed member where the new name belongs', () => {
    expect(ids(sortMembers(team, 'name'))).toEqual(['1002', '1003', '1001', '1004']);
    const renamed = team.map((entry) =>
      entry.loginId === '1004' ? member('1004', 'Aaron', 'Silva') : entry,
    );
    expect(ids(sortMembers(renamed, 'name'))).toEqual(['1004', '1002', '1003', '1001']);
  });

  it('places a member it has not seen before', () => {
    sortMembers(team, 'name');
    const grown = [...team, member('1005', 'Carla', 'Diaz')];
    expect(ids(sortMembers(grown, 'name'))).toEqual(['1002', '1005', '1003', '1001', '1004']);
  });

  it('sorts a part of the team as the whole team orders it', () => {
    sortMembers(team, 'name');
    const part = [team[3], team[0], team[1]] as TeamMemberView[];
    expect(ids(sortMembers(part, 'name'))).toEqual(['1002', '1001', '1004']);
  });

  it('follows state changes while names stay', () => {
    sortMembers(team, 'state');
    const busy = team.map((entry) => (entry.loginId === '1004' ? { ...entry, state: 'TALKING' } : entry));
    expect(ids(sortMembers(busy, 'state'))).toEqual(['1004', '1002', '1003', '1001']);
  });

  it('orders a 2,000-member team by name, the same as sorting it afresh', () => {
    const big = Array.from({ length: 2_000 }, (_, index) =>
      member(
        String(1001 + index),
        ['Maya', 'Ben', 'Olu', 'Inés'][index % 4] as string,
        `Name${(index * 7919) % 2_000}`,
      ),
    );
    const first = ids(sortMembers(big, 'name'));
    const changed = big.map((entry, index) => (index % 3 === 0 ? { ...entry, state: 'NOT_READY' } : entry));
    expect(ids(sortMembers(changed, 'name'))).toEqual(first);
    const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
    const expected = [...big]
      .sort(
        (a, b) =>
          collator.compare(`${a.firstName} ${a.lastName}`, `${b.firstName} ${b.lastName}`) ||
          collator.compare(a.loginId, b.loginId),
      )
      .map((entry) => entry.loginId);
    expect(first).toEqual(expected);
  });
});
