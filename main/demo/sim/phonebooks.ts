// The simulated phonebooks: a company directory with 100,000 contacts (for search at scale), a
// small suppliers book, and team books for every team but the last (so the empty-result
// sentinel is exercised). Contacts are derived from their index, not stored twice.

import type { Contact, Phonebook } from '../../core/protocol/index.ts';
import type { SimTeam } from './roster.ts';

export interface SimPhonebook extends Phonebook {
  readonly size: number;
  /** Team books only: the team they belong to. */
  readonly teamId?: string;
}

const GIVEN = [
  'Alex',
  'Bea',
  'Carlos',
  'Dmitri',
  'Esther',
  'Felix',
  'Gita',
  'Hana',
  'Ivan',
  'Jade',
  'Kofi',
  'Lena',
  'Marco',
  'Nadia',
  'Oscar',
  'Pia',
  'Raj',
  'Sofia',
  'Theo',
  'Vera',
];
const FAMILY = [
  'Abbott',
  'Brennan',
  'Castillo',
  'Dvorak',
  'Engel',
  'Fontaine',
  'Gupta',
  'Holm',
  'Iqbal',
  'Jovanovic',
  'Kim',
  'Lindqvist',
  'Mensah',
  'Novak',
  'Ortiz',
  'Petrov',
  'Ramos',
  'Sato',
  'Torres',
  'Weber',
];
const COMPANIES = [
  'Acme Logistics',
  'Blue Harbor Bank',
  'Cedar Health',
  'Delta Freight',
  'Evergreen Energy',
  'Fjord Telecom',
  'Granite Insurance',
  'Helix Pharma',
];

export const COMPANY_DIRECTORY_ID = '1';
export const COMPANY_DIRECTORY_SIZE = 100_000;

export function createPhonebooks(teams: readonly SimTeam[]): {
  global: readonly SimPhonebook[];
  forTeam(teamId: string): readonly SimPhonebook[];
  byId(id: string): SimPhonebook | undefined;
  contacts(id: string): Contact[];
} {
  const global: SimPhonebook[] = [
    { id: COMPANY_DIRECTORY_ID, name: 'Company directory', type: 'GLOBAL', size: COMPANY_DIRECTORY_SIZE },
    { id: '2', name: 'Suppliers', type: 'GLOBAL', size: 40 },
  ];
  const team: SimPhonebook[] = teams.slice(0, Math.max(0, teams.length - 1)).map((simTeam, index) => ({
    id: String(11 + index),
    name: `${simTeam.name} book`,
    type: 'TEAM',
    size: 150,
    teamId: simTeam.id,
  }));
  const all = new Map([...global, ...team].map((book) => [book.id, book]));

  return {
    global,
    forTeam: (teamId) => team.filter((book) => book.teamId === teamId),
    byId: (id) => all.get(id),
    contacts(id) {
      const book = all.get(id);
      if (!book) return [];
      const contacts: Contact[] = new Array(book.size);
      for (let index = 0; index < book.size; index++) contacts[index] = contactAt(book, index);
      return contacts;
    },
  };
}

function contactAt(book: SimPhonebook, index: number): Contact {
  const seed = Number(book.id) * 7919 + index;
  const firstName = GIVEN[seed % GIVEN.length] as string;
  const lastName = FAMILY[Math.floor(seed / GIVEN.length) % FAMILY.length] as string;
  const company = COMPANIES[seed % COMPANIES.length] as string;
  // 555-01xx style and Ofcom drama ranges: realistic shapes that reach nobody.
  const local = String(index % 10_000).padStart(4, '0');
  const phoneNumber = index % 2 === 0 ? `+44 20 7946 ${local}` : `+1 (202) 555-${local}`;
  return {
    id: `${book.id}-${index + 1}`,
    firstName,
    lastName: index >= GIVEN.length * FAMILY.length ? `${lastName}-${Math.floor(index / 400)}` : lastName,
    phoneNumber,
    description: book.type === 'TEAM' ? `${company} (team account)` : company,
  };
}
