// The checks every command starts with: the user exists, is an agent, is signed in and names a
// dialog that exists. Each refusal is an Error event, never silence.

import type { AgentRuntime, SimContext } from './context.ts';
import type { Dialog } from './dialogs.ts';
import { refuse } from './output.ts';
import type { SimUser } from './roster.ts';

export function withUser(ctx: SimContext, id: string, act: (user: SimUser) => void): void {
  const user = ctx.roster.byLoginId(id);
  if (!user) return refuse(ctx, id, 'USER_NOT_FOUND', `No agent with login id ${id} exists.`);
  act(user);
}

export function withAgent(ctx: SimContext, id: string, act: (agent: AgentRuntime) => void): void {
  const agent = ctx.agents.get(id);
  if (!agent) return refuse(ctx, id, 'USER_NOT_FOUND', `No agent with login id ${id} exists.`);
  act(agent);
}

export function withDialog(
  ctx: SimContext,
  id: string,
  dialogId: string,
  act: (agent: AgentRuntime, dialog: Dialog) => void,
): void {
  withAgent(ctx, id, (agent) => {
    if (agent.state === 'LOGOUT') return refuse(ctx, id, 'INVALID_STATE', 'Sign in first.');
    const dialog = ctx.dialogs.get(dialogId);
    if (!dialog) return refuse(ctx, id, 'NOT_FOUND', `Dialog ${dialogId} does not exist.`);
    act(agent, dialog);
  });
}
