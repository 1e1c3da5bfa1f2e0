// What the center says, and to whom: GC publishes an agent's events on the client destination
// that agent's Connect bound, so an agent nobody is bound to hears nothing. Supervisors who asked
// for a team's users also hear that team's State changes.

import type { GcEvent } from '../../core/protocol/index.ts';
import type { AgentRuntime, SimContext } from './context.ts';
import { dialogViewFor, formatTime, isLive, type Dialog } from './dialogs.ts';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export function send(ctx: SimContext, agentId: string, event: DistributiveOmit<GcEvent, 'receiver'>): void {
  const destination = ctx.bindings.get(agentId);
  if (!destination) return;
  ctx.sink(destination, { ...event, receiver: agentId } as GcEvent);
}

export function sendState(ctx: SimContext, agent: AgentRuntime): void {
  const id = agent.user.loginId;
  const destination = ctx.bindings.get(id);
  if (destination) ctx.sink(destination, stateEvent(agent, id));
  for (const [supervisorId, teams] of ctx.teamWatchers) {
    if (supervisorId === id || !teams.has(agent.user.teamId)) continue;
    const supervisorDestination = ctx.bindings.get(supervisorId);
    if (supervisorDestination) ctx.sink(supervisorDestination, stateEvent(agent, supervisorId));
  }
}

function stateEvent(agent: AgentRuntime, receiver: string): GcEvent {
  return {
    kind: 'State',
    receiver,
    state: agent.state,
    reasonCodeId: agent.state === 'READY' ? '' : agent.reasonCodeId,
    stateChangeTimeString: '',
    pendingState: agent.pendingState,
    stateChangeTime: formatTime(agent.since),
    fullName: agent.user.fullName,
    agentId: agent.user.loginId,
    extension: agent.user.extension,
    reasonLabel: agent.reasonLabel,
    loginName: agent.user.loginName,
  };
}

export function sendAgentInfo(ctx: SimContext, agent: AgentRuntime): void {
  const user = agent.user;
  send(ctx, user.loginId, {
    kind: 'AgentInfo',
    form: user.isSupervisor ? 'supervisor' : 'agent',
    firstName: user.firstName,
    lastName: user.lastName,
    isSupervisor: user.isSupervisor,
    wrapUpMode: user.wrapUpMode,
    teamId: user.teamId,
    fullName: user.fullName,
    loginName: user.loginName,
    teams: user.isSupervisor
      ? user.supervisedTeamIds.map((teamId) => ({
          id: teamId,
          name: ctx.roster.team(teamId)?.name ?? teamId,
        }))
      : [],
  });
}

export function sendDialog(ctx: SimContext, agent: AgentRuntime, dialog: Dialog): void {
  send(ctx, agent.user.loginId, dialogViewFor(dialog, agent.user.loginId));
}

/** Tells every agent still on the dialog; one who left was told when they left. */
export function broadcastDialog(ctx: SimContext, dialog: Dialog): void {
  const told = new Set<string>();
  for (const party of dialog.parties) {
    if (!party.agentId || told.has(party.agentId) || !isLive(party.state)) continue;
    told.add(party.agentId);
    sendDialog(ctx, ctx.agent(party.agentId), dialog);
  }
}

/**
 * Refuses a command with an Error event to the client bound to `id` (or to the destination itself,
 * once it said Hello); with nobody to tell, the refusal is dropped with a log line.
 */
export function refuse(ctx: SimContext, id: string, code: string, message: string): void {
  const destination = ctx.bindings.get(id) ?? (ctx.destinationSeen.has(id) ? id : undefined);
  if (!destination) {
    ctx.log({
      level: 'warn',
      event: 'sim.refusal-dropped',
      id,
      code,
      reason: 'no client is bound to this id',
    });
    return;
  }
  // The message may quote the refused input (the codec's messages do): "#" and line breaks
  // would break the event's layout, so they travel as spaces.
  const text = message.replace(/[#\0\r\n]/g, ' ');
  ctx.sink(destination, { kind: 'Error', receiver: id, code, message: text, detail: [] });
}
