// Who works in the simulated contact center: agents with login ids, extensions and passwords,
// teams with their queue and skill groups, and supervisors. Generated from a seed so the same
// options always give the same people.

import { pick, seededRandom, type RandomSource } from './random.ts';

export interface RosterOptions {
  /** Agents, supervisors not included (default 24). */
  readonly agents?: number;
  /** Teams (default 3 for up to 24 agents, else one per 25 agents). */
  readonly teams?: number;
  /** Supervisors (default 2); each supervises every team whose index falls to them round-robin. */
  readonly supervisors?: number;
  /** The password every simulated user signs in with (default "demo"). */
  readonly password?: string;
  readonly seed?: number;
}

export interface SimSkillGroup {
  readonly id: string;
  readonly name: string;
}

export interface SimTeam {
  readonly id: string;
  readonly name: string;
  /** The queue (UCCE skill group / UCCX CSQ) whose calls this team answers. */
  readonly queue: string;
  readonly skillGroups: readonly SimSkillGroup[];
  readonly supervisorIds: readonly string[];
}

export interface SimUser {
  readonly loginId: string;
  readonly loginName: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly fullName: string;
  readonly extension: string;
  readonly password: string;
  readonly teamId: string;
  readonly isSupervisor: boolean;
  /** Teams this user supervises (supervisors only). */
  readonly supervisedTeamIds: readonly string[];
  readonly wrapUpMode: 'REQUIRED' | 'OPTIONAL' | 'NOT_ALLOWED';
}

export interface Roster {
  readonly users: readonly SimUser[];
  readonly teams: readonly SimTeam[];
  byLoginId(loginId: string): SimUser | undefined;
  byExtension(extension: string): SimUser | undefined;
  team(teamId: string): SimTeam | undefined;
}

const FIRST_NAMES = [
  'Amira',
  'Ben',
  'Chen',
  'Dana',
  'Elif',
  'Farid',
  'Grace',
  'Hugo',
  'Ines',
  'Jonas',
  'Keiko',
  'Liam',
  'Maya',
  'Nikolai',
  'Olu',
  'Priya',
  'Quinn',
  'Rosa',
  'Sami',
  'Tomas',
  'Uma',
  'Victor',
  'Wen',
  'Yara',
  'Zoe',
];
const LAST_NAMES = [
  'Adeyemi',
  'Bauer',
  'Costa',
  'Dubois',
  'Eriksen',
  'Fischer',
  'Garcia',
  'Haddad',
  'Ivanova',
  'Jensen',
  'Kowalski',
  'Lopez',
  'Moreau',
  'Nakamura',
  'Okafor',
  'Patel',
  'Quintero',
  'Rossi',
  'Silva',
  'Tanaka',
  'Ulrich',
  'Varga',
  'Wright',
  'Yilmaz',
  'Zhang',
];
const QUEUE_NAMES = ['Sales', 'Support', 'Billing', 'Retention', 'Claims', 'Onboarding'];

export const FIRST_AGENT_LOGIN_ID = 1001;
export const FIRST_AGENT_EXTENSION = 5001;
export const FIRST_SUPERVISOR_LOGIN_ID = 9001;
export const FIRST_SUPERVISOR_EXTENSION = 5901;

export function createRoster(options: RosterOptions = {}): Roster {
  const agentCount = options.agents ?? 24;
  const teamCount = options.teams ?? (agentCount <= 24 ? 3 : Math.ceil(agentCount / 25));
  const supervisorCount = options.supervisors ?? 2;
  const password = options.password ?? 'demo';
  if (agentCount < 1 || teamCount < 1 || supervisorCount < 1 || teamCount > agentCount) {
    throw new RangeError(
      'A roster needs at least one agent, team and supervisor, and no more teams than agents.',
    );
  }
  const random: RandomSource = seededRandom(options.seed ?? 1);

  const teams: SimTeam[] = [];
  for (let index = 0; index < teamCount; index++) {
    const queue = index < QUEUE_NAMES.length ? (QUEUE_NAMES[index] as string) : `Queue ${index + 1}`;
    const supervisorIds = [String(FIRST_SUPERVISOR_LOGIN_ID + (index % supervisorCount))];
    teams.push({
      id: String(101 + index),
      name: `${queue} team`,
      queue,
      skillGroups: [
        { id: String(1100 + index * 10 + 1), name: `${queue}_EN` },
        { id: String(1100 + index * 10 + 2), name: `${queue}_ES` },
      ],
      supervisorIds,
    });
  }

  const users: SimUser[] = [];
  const person = (loginId: string) => {
    const firstName = pick(random, FIRST_NAMES);
    const lastName = pick(random, LAST_NAMES);
    return {
      firstName,
      lastName,
      fullName: `${firstName} ${lastName}`,
      loginName: `${firstName[0]}${lastName}${loginId}`.toLowerCase(),
    };
  };
  for (let index = 0; index < agentCount; index++) {
    const loginId = String(FIRST_AGENT_LOGIN_ID + index);
    const team = teams[index % teamCount] as SimTeam;
    users.push({
      loginId,
      ...person(loginId),
      extension: String(FIRST_AGENT_EXTENSION + index),
      password,
      teamId: team.id,
      isSupervisor: false,
      supervisedTeamIds: [],
      wrapUpMode: index % 3 === 2 ? 'REQUIRED' : 'OPTIONAL',
    });
  }
  for (let index = 0; index < supervisorCount; index++) {
    const loginId = String(FIRST_SUPERVISOR_LOGIN_ID + index);
    const supervised = teams.filter((team) => team.supervisorIds.includes(loginId)).map((team) => team.id);
    users.push({
      loginId,
      ...person(loginId),
      extension: String(FIRST_SUPERVISOR_EXTENSION + index),
      password,
      teamId: supervised[0] ?? (teams[0] as SimTeam).id,
      isSupervisor: true,
      supervisedTeamIds: supervised,
      wrapUpMode: 'OPTIONAL',
    });
  }

  const byLogin = new Map(users.map((user) => [user.loginId, user]));
  const byExtension = new Map(users.map((user) => [user.extension, user]));
  const byTeam = new Map(teams.map((team) => [team.id, team]));
  return {
    users,
    teams,
    byLoginId: (loginId) => byLogin.get(loginId),
    byExtension: (extension) => byExtension.get(extension),
    team: (teamId) => byTeam.get(teamId),
  };
}
