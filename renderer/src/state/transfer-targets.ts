// Who a call can be consulted or transferred to, as pure functions for the target picker: the
// number typed (as the dial pad normalises it), the team (a supervisor's loaded team; an agent
// cannot load theirs, so for an agent the team's phonebooks stand in), the supervisors, and the
// phonebook contacts the desk's search finds. Grouped, filtered by what is typed, and flattened
// in the order the arrow keys walk them.

import type {
  AgentSlice,
  ContactView,
  DeskState,
  PhonebooksSlice,
  TeamMemberView,
} from '../../../preload/contract.ts';
import { dialableCharacters } from './dial-string.ts';

export type TargetKind = 'number' | 'team' | 'supervisor' | 'contact';

export interface TransferTarget {
  /** Unique in the list: the option's id is made from it. */
  readonly key: string;
  readonly kind: TargetKind;
  /** Who: a name, or for the number typed the number itself. */
  readonly name: string;
  /** What the consult or transfer dials: an extension or a dial string. */
  readonly target: string;
  /** A second line: a contact's description (a team member's state is in `state`). */
  readonly detail: string;
  /** A team member's GC agent state (READY, TALKING, …), for the picker to word. */
  readonly state?: string;
}

export interface TargetGroup {
  readonly kind: TargetKind;
  readonly targets: readonly TransferTarget[];
}

/** What the picker draws from, taken from the desk's state. */
export interface TargetSources {
  readonly ownAgentId: string | undefined;
  readonly ownExtension: string | undefined;
  /** A supervisor's loaded team; empty for an agent. */
  readonly members: readonly TeamMemberView[];
  readonly supervisors: AgentSlice['supervisors'];
  /** The contacts of the team's phonebooks that are loaded. */
  readonly teamContacts: readonly ContactView[];
  /**
   * Every loaded phonebook's contacts (what the contact search covers): a new record whenever the
   * phonebooks slice changes (a load, or its loading flags), so the picker searches again then.
   */
  readonly loadedContacts: PhonebooksSlice['contacts'];
}

/** The groups, in the order they show: the short lists before the long ones. */
export const GROUP_ORDER: readonly TargetKind[] = ['number', 'supervisor', 'team', 'contact'];

/** Entries per group: the list is a shortcut, typing narrows it. */
export const GROUP_LIMIT = 8;

/** Before the first state arrives. */
export const NO_TARGET_SOURCES: TargetSources = {
  ownAgentId: undefined,
  ownExtension: undefined,
  members: [],
  supervisors: [],
  teamContacts: [],
  loadedContacts: {},
};

export function targetSources(state: DeskState): TargetSources {
  const { agent, team, phonebooks } = state;
  return {
    ownAgentId: agent.agentId,
    ownExtension: agent.extension,
    members: Object.values(team.members),
    supervisors: agent.supervisors,
    teamContacts: phonebooks.team.flatMap((book) => phonebooks.contacts[book.id] ?? []),
    loadedContacts: phonebooks.contacts,
  };
}

/** What the picker should ask the desk for when it opens: only what is not there yet. */
export function targetLoads(
  agent: AgentSlice,
  phonebooks: PhonebooksSlice,
): { readonly supervisors: boolean; readonly phonebooks: boolean; readonly contacts: readonly string[] } {
  return {
    supervisors: agent.supervisors.length === 0,
    // The desk asks for the books at sign-in; ask again only if the team's never came.
    phonebooks: agent.teamId !== undefined && phonebooks.team.length === 0,
    contacts: phonebooks.team
      .map((book) => book.id)
      .filter((id) => phonebooks.contacts[id] === undefined && !phonebooks.loading.includes(id)),
  };
}

const NUMBER_LIKE = /^\+?[\d\s().\-/]*\d[\d\s().\-/]*$/;

/** The typed text as a dial string when it reads as a number ("+44 20 7946 0958"), else undefined. */
export function numberFromQuery(query: string): string | undefined {
  const trimmed = query.trim();
  if (!NUMBER_LIKE.test(trimmed)) return undefined;
  const dialable = dialableCharacters(trimmed);
  return dialable.replace('+', '') === '' ? undefined : dialable;
}

/** A contact's number as the desk dials it ("+1 (202) 555-0101" → "+12025550101"). */
export function contactTarget(phoneNumber: string): string {
  return dialableCharacters(phoneNumber);
}

/** A pasted text worth reading as a phone number (three digits or more), rather than a name. */
export function pasteLooksLikeNumber(text: string): boolean {
  return (text.match(/\d/g) ?? []).length >= 3;
}

function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Every word of the query is in one of the fields; a word of digits matches digits anywhere. */
export function matchesQuery(query: string, fields: readonly string[]): boolean {
  const words = fold(query)
    .split(/\s+/)
    .filter((word) => word !== '');
  if (words.length === 0) return true;
  const text = fold(fields.join(' '));
  const digits = fields.join(' ').replace(/\D/g, '');
  return words.every((word) => {
    if (text.includes(word)) return true;
    const wordDigits = /^\+?[\d()\-.]+$/.test(word) ? word.replace(/\D/g, '') : '';
    return wordDigits.length >= 2 && digits.includes(wordDigits);
  });
}

function personName(firstName: string, lastName: string, fallback: string): string {
  return `${firstName} ${lastName}`.trim() || fallback;
}

function byName(a: TransferTarget, b: TransferTarget): number {
  return a.name.localeCompare(b.name);
}

function teamTargets(sources: TargetSources, query: string): TransferTarget[] {
  if (sources.members.length > 0) {
    return sources.members
      .filter((member) => member.loginId !== sources.ownAgentId && member.extension !== '')
      .map((member) => ({
        key: `team-${member.loginId}`,
        kind: 'team' as const,
        name: personName(member.firstName, member.lastName, member.loginId),
        target: member.extension,
        detail: '',
        state: member.state,
      }))
      .filter((target) => matchesQuery(query, [target.name, target.target]))
      .sort(byName);
  }
  return sources.teamContacts
    .filter((contact) => contactTarget(contact.phoneNumber) !== '')
    .filter((contact) =>
      matchesQuery(query, [contact.firstName, contact.lastName, contact.description, contact.phoneNumber]),
    )
    .map((contact) => contactOption(contact, 'team'));
}

function contactOption(contact: ContactView, kind: 'team' | 'contact'): TransferTarget {
  const target = contactTarget(contact.phoneNumber);
  return {
    key: `${kind}-${contact.id}`,
    kind,
    name: personName(contact.firstName, contact.lastName, contact.phoneNumber),
    target,
    detail: contact.description,
  };
}

/**
 * The picker's groups for what is typed: the number itself (if it reads as one), the supervisors,
 * the team, then the phonebook contacts the search found (`found`, those not already shown as the
 * team's). Empty groups are left out; each holds at most `limit` entries.
 */
export function buildTargetGroups(
  sources: TargetSources,
  query: string,
  found: readonly ContactView[],
  limit = GROUP_LIMIT,
): TargetGroup[] {
  const number = numberFromQuery(query);
  const shownAsTeam = new Set(sources.members.length > 0 ? [] : sources.teamContacts.map((c) => c.id));
  const groups: Record<TargetKind, TransferTarget[]> = {
    number: number ? [{ key: 'number', kind: 'number', name: number, target: number, detail: '' }] : [],
    team: teamTargets(sources, query),
    supervisor: sources.supervisors
      .filter((supervisor) => supervisor.loginId !== sources.ownAgentId && supervisor.extension !== '')
      .map((supervisor) => ({
        key: `supervisor-${supervisor.loginId}`,
        kind: 'supervisor' as const,
        name: personName(supervisor.firstName, supervisor.lastName, supervisor.loginId),
        target: supervisor.extension,
        detail: '',
      }))
      .filter((target) => matchesQuery(query, [target.name, target.target]))
      .sort(byName),
    contact:
      query.trim() === ''
        ? []
        : found
            .filter((contact) => !shownAsTeam.has(contact.id) && contactTarget(contact.phoneNumber) !== '')
            .map((contact) => contactOption(contact, 'contact')),
  };
  return GROUP_ORDER.map((kind) => ({ kind, targets: groups[kind].slice(0, limit) })).filter(
    (group) => group.targets.length > 0,
  );
}

/** The options in the order the arrow keys walk them. */
export function flattenGroups(groups: readonly TargetGroup[]): TransferTarget[] {
  return groups.flatMap((group) => group.targets);
}

/** The active option after a key: wraps around; -1 (none) with an empty list or a key it ignores. */
export function moveActive(active: number, key: string, count: number): number {
  if (count === 0) return -1;
  if (key === 'ArrowDown') return active < 0 ? 0 : (active + 1) % count;
  if (key === 'ArrowUp') return active < 0 ? count - 1 : (active - 1 + count) % count;
  return active;
}

/**
 * What Consult or Transfer would dial: the chosen entry while the field still shows its number,
 * otherwise the typed text if it reads as a number.
 */
export function resolveTarget(query: string, chosen: TransferTarget | undefined): string | undefined {
  if (chosen && query.trim() === chosen.target) return chosen.target;
  return numberFromQuery(query);
}
