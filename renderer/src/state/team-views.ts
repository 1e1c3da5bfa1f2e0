// What the supervisor's views show, computed from DeskState: the team's members grouped by
// state, counted, filtered and sorted; the window of a long member list that is on screen; the
// call being listened to and the parties that may be dropped from a call. Plain functions, so
// they are tested in Node and the components wrap them in $derived.

import type {
  AgentSlice,
  DeskMethod,
  DialogView,
  DialogsSlice,
  ParticipantView,
  TeamMemberView,
} from '../../../preload/contract.ts';

// ---------------------------------------------------------------------------------------------
// States, grouped as a supervisor filters them

/**
 * GC's agent states (contract: LOGOUT, NOT_READY, READY, RESERVED…, TALKING, HOLD, WORK,
 * WORK_READY) in the groups a supervisor asks about: on hold counts as talking (the agent is on
 * a call), both wrap-up states as wrap-up, every reservation as reserved. A state GC adds later
 * is "other" rather than guessed into a group.
 */
export type StateGroup = 'ready' | 'not-ready' | 'talking' | 'wrap-up' | 'reserved' | 'signed-out' | 'other';

/** The filter's order; "other" is offered only while somebody is in it. */
export const STATE_GROUPS: readonly StateGroup[] = [
  'ready',
  'not-ready',
  'talking',
  'wrap-up',
  'reserved',
  'signed-out',
  'other',
];

export type StateFilter = 'all' | StateGroup;

export function stateGroup(state: string): StateGroup {
  switch (state) {
    case 'READY':
      return 'ready';
    case 'NOT_READY':
      return 'not-ready';
    case 'TALKING':
    case 'HOLD':
      return 'talking';
    case 'WORK':
    case 'WORK_READY':
      return 'wrap-up';
    case 'LOGOUT':
    case '':
      return 'signed-out';
    default:
      return state.startsWith('RESERVED') ? 'reserved' : 'other';
  }
}

export type GroupCounts = Readonly<Record<StateFilter, number>>;

export function countByGroup(members: readonly TeamMemberView[]): GroupCounts {
  const counts: Record<StateFilter, number> = {
    all: members.length,
    ready: 0,
    'not-ready': 0,
    talking: 0,
    'wrap-up': 0,
    reserved: 0,
    'signed-out': 0,
    other: 0,
  };
  for (const member of members) counts[stateGroup(member.state)]++;
  return counts;
}

/** The filters to offer: all, each group, and "other" only when somebody is in it. */
export function stateFilters(counts: GroupCounts): readonly StateFilter[] {
  return ['all', ...STATE_GROUPS.filter((group) => group !== 'other' || counts.other > 0)];
}

// ---------------------------------------------------------------------------------------------
// Names, text filter, sorting

export function memberName(member: TeamMemberView): string {
  return `${member.firstName} ${member.lastName}`.trim() || member.loginId;
}

/** Lower case without accents: "Inés" is found by "ines". */
function folded(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The words of a query; a member matches when each word is in the name, login id or extension. */
export function queryWords(query: string): readonly string[] {
  return folded(query).split(/\s+/).filter(Boolean);
}

export function matchesQuery(member: TeamMemberView, words: readonly string[]): boolean {
  if (words.length === 0) return true;
  const haystack = folded(`${member.firstName} ${member.lastName} ${member.loginId} ${member.extension}`);
  return words.every((word) => haystack.includes(word));
}

export type MemberSort = 'name' | 'state' | 'time';

export const MEMBER_SORTS: readonly MemberSort[] = ['name', 'state', 'time'];

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/**
 * The name order of the members last sorted: each one's names and place, by login id. Sorting
 * 2,000 names with the collator takes tens of milliseconds, and the list is sorted again on every
 * patch, many times a second while a big team is busy; names almost never change. So the collator
 * runs only when a name or a member is new, and every other sort uses the places (issue 7's
 * event-to-screen benchmark). A place from a larger set orders any part of it the same way.
 */
interface NameOrder {
  readonly names: ReadonlyMap<string, { readonly first: string; readonly last: string }>;
  readonly places: ReadonlyMap<string, number>;
}

let nameOrder: NameOrder = { names: new Map(), places: new Map() };

function knownName(member: TeamMemberView): boolean {
  const known = nameOrder.names.get(member.loginId);
  return known !== undefined && known.first === member.firstName && known.last === member.lastName;
}

function namePlaces(members: readonly TeamMemberView[]): ReadonlyMap<string, number> {
  if (members.every(knownName)) return nameOrder.places;
  const named = members.map((member) => ({ member, name: memberName(member) }));
  named.sort(
    (a, b) => collator.compare(a.name, b.name) || collator.compare(a.member.loginId, b.member.loginId),
  );
  nameOrder = {
    names: new Map(
      named.map(({ member }) => [member.loginId, { first: member.firstName, last: member.lastName }]),
    ),
    places: new Map(named.map(({ member }, place) => [member.loginId, place])),
  };
  return nameOrder.places;
}

/** Longest in their state first; an unknown start last. Sorted by the start, not by "now": a
 * list sorted this way keeps its order while the timers tick. */
function byTimeInState(a: TeamMemberView, b: TeamMemberView): number {
  const since = (member: TeamMemberView) => member.stateSince ?? Number.POSITIVE_INFINITY;
  return since(a) === since(b) ? 0 : since(a) < since(b) ? -1 : 1;
}

/** Who a supervisor looks at first: on calls, reserved, in wrap-up, ready, not ready, the rest. */
const GROUP_ORDER: Readonly<Record<StateGroup, number>> = {
  talking: 0,
  reserved: 1,
  'wrap-up': 2,
  ready: 3,
  'not-ready': 4,
  other: 5,
  'signed-out': 6,
};

export function sortMembers(members: readonly TeamMemberView[], sort: MemberSort): TeamMemberView[] {
  const places = namePlaces(members);
  const place = (member: TeamMemberView) => places.get(member.loginId) ?? 0;
  const byName = (a: TeamMemberView, b: TeamMemberView) => place(a) - place(b);
  if (sort === 'name') {
    // Each member straight into its place: no comparisons at all.
    const slots = new Array<TeamMemberView>(places.size);
    for (const member of members) slots[place(member)] = member;
    return slots.filter((member) => member !== undefined);
  }
  const sorted = [...members];
  switch (sort) {
    case 'time':
      return sorted.sort((a, b) => byTimeInState(a, b) || byName(a, b));
    case 'state':
      return sorted.sort(
        (a, b) =>
          GROUP_ORDER[stateGroup(a.state)] - GROUP_ORDER[stateGroup(b.state)] ||
          byTimeInState(a, b) ||
          byName(a, b),
      );
  }
}

export interface TeamQuery {
  readonly filter: StateFilter;
  readonly text: string;
  readonly sort: MemberSort;
}

export interface TeamView {
  /** The members to list, filtered and sorted. */
  readonly rows: readonly TeamMemberView[];
  /** Per state group, over the members the text matches (so the counts say what a click shows). */
  readonly counts: GroupCounts;
  /** The whole team. */
  readonly total: number;
}

export function teamView(members: Readonly<Record<string, TeamMemberView>>, query: TeamQuery): TeamView {
  const all = Object.values(members);
  const words = queryWords(query.text);
  const matching = words.length === 0 ? all : all.filter((member) => matchesQuery(member, words));
  const shown =
    query.filter === 'all'
      ? matching
      : matching.filter((member) => stateGroup(member.state) === query.filter);
  return { rows: sortMembers(shown, query.sort), counts: countByGroup(matching), total: all.length };
}

// ---------------------------------------------------------------------------------------------
// The list on screen: fixed-height rows, only those in view (plus a few) rendered

export interface RangeInput {
  readonly count: number;
  /** px, the same for every row. */
  readonly rowHeight: number;
  readonly scrollTop: number;
  readonly viewportHeight: number;
  /** Rows rendered beyond each edge, so a quick scroll does not show blank space. */
  readonly overscan: number;
}

export interface VisibleRange {
  /** First row rendered. */
  readonly start: number;
  /** One past the last row rendered. */
  readonly end: number;
  /** px from the top of the list to the first row rendered. */
  readonly offset: number;
  /** px, the whole list's height. */
  readonly totalHeight: number;
}

export function visibleRange(input: RangeInput): VisibleRange {
  const count = Math.max(0, Math.floor(input.count));
  const rowHeight = input.rowHeight > 0 ? input.rowHeight : 1;
  const totalHeight = count * rowHeight;
  const viewport = Number.isFinite(input.viewportHeight) ? Math.max(0, input.viewportHeight) : 0;
  const overscan = Math.max(0, Math.floor(input.overscan));
  // A list that just got shorter (a filter) may still carry the old, larger scroll position.
  const maxTop = Math.max(0, totalHeight - viewport);
  const top = Number.isFinite(input.scrollTop) ? Math.min(Math.max(0, input.scrollTop), maxTop) : 0;
  const first = Math.floor(top / rowHeight);
  const last = Math.ceil((top + viewport) / rowHeight);
  const start = Math.min(count, Math.max(0, first - overscan));
  const end = Math.min(count, last + overscan);
  return { start, end: Math.max(start, end), offset: start * rowHeight, totalHeight };
}

/** The scroll position that shows row `index` whole, moving as little as possible. */
export function scrollToReveal(
  index: number,
  rowHeight: number,
  scrollTop: number,
  viewportHeight: number,
): number {
  const top = index * rowHeight;
  if (top < scrollTop) return top;
  if (top + rowHeight > scrollTop + viewportHeight) return Math.max(0, top + rowHeight - viewportHeight);
  return scrollTop;
}

/** Where a key moves the active row of a list (listbox keys); undefined: not a moving key. */
export function listKeyTarget(
  key: string,
  current: number,
  count: number,
  pageSize: number,
): number | undefined {
  if (count === 0) return undefined;
  const last = count - 1;
  const from = current < 0 ? -1 : Math.min(current, last);
  const page = Math.max(1, pageSize);
  switch (key) {
    case 'ArrowDown':
      return Math.min(last, from + 1);
    case 'ArrowUp':
      return from < 0 ? 0 : Math.max(0, from - 1);
    case 'PageDown':
      return Math.min(last, Math.max(0, from) + page);
    case 'PageUp':
      return Math.max(0, from - page);
    case 'Home':
      return 0;
    case 'End':
      return last;
    default:
      return undefined;
  }
}

/**
 * Type-ahead: the first row after `current` (wrapping) whose name starts with `prefix`; the
 * current row itself when a longer prefix still fits it, so typing "ma" stays on "Maya".
 */
export function typeaheadTarget(
  rows: readonly TeamMemberView[],
  current: number,
  prefix: string,
): number | undefined {
  const wanted = folded(prefix);
  if (wanted === '' || rows.length === 0) return undefined;
  const fits = (index: number) => folded(memberName(rows[index] as TeamMemberView)).startsWith(wanted);
  const start = wanted.length > 1 ? Math.max(0, current) : current + 1;
  for (let step = 0; step < rows.length; step++) {
    const index = (((start + step) % rows.length) + rows.length) % rows.length;
    if (fits(index)) return index;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// What may be done to a member (the desk checks again; these only decide what is offered)

export function canForceReady(member: TeamMemberView): boolean {
  return member.state !== 'LOGOUT' && member.state !== '' && member.state !== 'READY';
}

export function canForceNotReady(member: TeamMemberView): boolean {
  return member.state !== 'LOGOUT' && member.state !== '';
}

export function canForceSignOut(member: TeamMemberView): boolean {
  return member.state !== 'LOGOUT' && member.state !== '';
}

/** Listening in needs the agent talking on a call (not on hold), and no other call listened to. */
export function canMonitor(member: TeamMemberView, monitoring: boolean): boolean {
  return !monitoring && member.state === 'TALKING' && member.extension !== '';
}

/** The teams a supervisor may open: AgentInfo's list, else the supervisor's own team. */
export function teamChoices(agent: AgentSlice): readonly { readonly id: string; readonly name: string }[] {
  if (agent.teams.length > 0) return agent.teams;
  return agent.teamId ? [{ id: agent.teamId, name: agent.teamId }] : [];
}

// ---------------------------------------------------------------------------------------------
// Listening in, barge-in, dropping a participant

/** The call a supervisor is listening to (GC's call type SM). */
export function monitorCall(dialogs: DialogsSlice): DialogView | undefined {
  return dialogs.items.find((dialog) => dialog.kind === 'monitor');
}

function isLiveParty(participant: ParticipantView): boolean {
  return participant.state !== 'DROPPED' && participant.state !== 'FAILED';
}

export function memberByExtension(
  members: Readonly<Record<string, TeamMemberView>>,
  extension: string,
): TeamMemberView | undefined {
  if (extension === '') return undefined;
  return Object.values(members).find((member) => member.extension === extension);
}

/** The agent listened to: a party that is a member of the team, else the party tagged AGENT. */
export function monitoredParty(
  monitor: DialogView,
  members: Readonly<Record<string, TeamMemberView>>,
  ownExtension: string | undefined,
): { readonly address: string; readonly member: TeamMemberView | undefined } | undefined {
  const others = monitor.participants.filter(
    (participant) => isLiveParty(participant) && participant.address !== ownExtension,
  );
  for (const participant of others) {
    const member = memberByExtension(members, participant.address);
    if (member) return { address: participant.address, member };
  }
  const agent = others.find((participant) => participant.tag === 'AGENT');
  return agent ? { address: agent.address, member: undefined } : undefined;
}

/**
 * The parties a supervisor may drop from a call: only from a conference (more than two live
 * parties; GC refuses otherwise), and never the supervisor's own leg (that is hanging up).
 */
export function droppableParticipants(
  call: DialogView,
  ownExtension: string | undefined,
): readonly ParticipantView[] {
  const live = call.participants.filter(isLiveParty);
  if (live.length <= 2) return [];
  return live.filter((participant) => participant.address !== ownExtension && participant.address !== '');
}

// ---------------------------------------------------------------------------------------------
// Where an action's error shows: next to the controls that made it

/** The team section's actions; their errors show in that section, not at the top of the desk. */
export const TEAM_ACTIONS: readonly DeskMethod[] = [
  'loadTeam',
  'forceReady',
  'forceNotReady',
  'forceSignOut',
  'silentMonitor',
];

export function errorShownIn(method: DeskMethod | undefined): 'team' | 'queues' | 'desk' {
  if (method !== undefined && TEAM_ACTIONS.includes(method)) return 'team';
  if (method === 'watchQueues') return 'queues';
  return 'desk';
}
