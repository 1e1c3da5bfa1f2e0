// What a desk looks up: reason codes, skill groups, supervisors and phonebooks.

import type { ReasonCode } from '../../core/protocol/index.ts';
import type { SimContext } from './context.ts';
import { withAgent, withUser } from './guards.ts';
import { send } from './output.ts';

export function sendReasonCodes(
  ctx: SimContext,
  agentId: string,
  category: string,
  codes: readonly ReasonCode[],
): void {
  withUser(ctx, agentId, (user) => send(ctx, user.loginId, { kind: 'ReasonCodes', category, codes }));
}

export function sendSkillGroups(ctx: SimContext, agentId: string): void {
  withAgent(ctx, agentId, (agent) =>
    send(ctx, agent.user.loginId, {
      kind: 'SkillGroups',
      skillGroups: ctx.teamsOf(agent.user).flatMap((team) => team.skillGroups),
    }),
  );
}

export function sendSupervisors(ctx: SimContext, agentId: string): void {
  withAgent(ctx, agentId, (agent) =>
    send(ctx, agent.user.loginId, {
      kind: 'Supervisors',
      supervisors: ctx.supervisorsOf(agent.user).map((supervisor) => ({
        loginId: supervisor.loginId,
        firstName: supervisor.firstName,
        lastName: supervisor.lastName,
        extension: supervisor.extension,
      })),
    }),
  );
}

export function sendPhonebooks(ctx: SimContext, userId: string): void {
  withUser(ctx, userId, (user) =>
    send(ctx, user.loginId, {
      kind: 'Phonebooks',
      phonebooks: ctx.phonebooks.global.map(asPhonebook),
    }),
  );
}

export function sendTeamPhonebooks(ctx: SimContext, userId: string, teamId: string): void {
  withUser(ctx, userId, (user) =>
    send(ctx, user.loginId, {
      kind: 'TeamPhonebooks',
      phonebooks: ctx.phonebooks.forTeam(teamId).map(asPhonebook),
    }),
  );
}

export function sendPhonebookContacts(ctx: SimContext, userId: string, phonebookId: string): void {
  withUser(ctx, userId, (user) =>
    send(ctx, user.loginId, {
      kind: 'PhonebookContacts',
      contacts: ctx.phonebooks.contacts(phonebookId),
    }),
  );
}

function asPhonebook(book: { name: string; type: string; id: string }) {
  return { name: book.name, type: book.type, id: book.id };
}
