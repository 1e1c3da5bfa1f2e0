// Supervisor features: queue statistics (UCCE for supervisors only, UCCX for everyone), the team's
// users with their live state, and silent monitor, barge-in and dropping a conference participant.

import { recomputeState } from './agents.ts';
import type { QueueRuntime, SimContext } from './context.ts';
import { agentParty, forgetDialog, leaveDialog, newDialog } from './dialog-lifecycle.ts';
import { formatTime, isLive, liveParties, partyOf, type Dialog } from './dialogs.ts';
import { withAgent, withDialog, withUser } from './guards.ts';
import { broadcastDialog, refuse, send, sendDialog } from './output.ts';
import type { SimTeam } from './roster.ts';

export function queueList(ctx: SimContext, userId: string): void {
  withUser(ctx, userId, (user) => {
    if (ctx.deployment === 'ucce' && !user.isSupervisor) {
      return refuse(ctx, userId, 'AUTHORIZATION_FAILURE', 'Queue statistics are for supervisors.');
    }
    const queues = ctx.teamsOf(user).map((team) => ctx.queues.get(team.queue) as QueueRuntime);
    if (ctx.deployment === 'uccx') {
      send(ctx, userId, {
        kind: 'QueueList',
        form: 'uccx',
        queues: queues.map((queue) => {
          const members = ctx.membersOf(queue.team);
          return {
            name: queue.team.queue,
            waitingCalls: queue.waiting.length,
            agentsLoggedIn: members.filter((agent) => agent.state !== 'LOGOUT').length,
            agentsInAfterCallWork: members.filter(
              (agent) => agent.state === 'WORK' || agent.state === 'WORK_READY',
            ).length,
            agentsTalking: members.filter((agent) => agent.state === 'TALKING' || agent.state === 'HOLD')
              .length,
            agentsReserved: members.filter((agent) => agent.state.startsWith('RESERVED')).length,
            handledCalls: queue.handled,
            abandonedCalls: queue.abandoned,
            totalCalls: queue.total,
            longestHandleTime: String(Math.round(queue.longestHandleMs / 1000)),
          };
        }),
      });
      return;
    }
    send(ctx, userId, {
      kind: 'QueueList',
      form: 'ucce',
      queues: queues.map((queue) => {
        const members = ctx.membersOf(queue.team);
        const talking = (type: (dialog: Dialog) => boolean) =>
          members.filter(
            (agent) =>
              (agent.state === 'TALKING' || agent.state === 'HOLD') &&
              ctx.dialogsOf(agent.user.loginId).some(type),
          ).length;
        return {
          name: queue.team.queue,
          callsInQueue: queue.waiting.length,
          agentsReady: members.filter((agent) => agent.state === 'READY').length,
          agentsNotReady: members.filter((agent) => agent.state === 'NOT_READY').length,
          talkingInbound: talking((dialog) => dialog.callType === 'ACD_IN'),
          talkingOutbound: talking((dialog) => dialog.callType === 'OUT' || dialog.callType === 'OUTBOUND'),
          talkingInternal: talking(
            (dialog) => dialog.callType === 'AGENT_INSIDE' || dialog.callType === 'CONSULT',
          ),
          wrapUpReady: members.filter((agent) => agent.state === 'WORK_READY').length,
          wrapUpNotReady: members.filter((agent) => agent.state === 'WORK').length,
        };
      }),
    });
  });
}

export function teamUsers(
  ctx: SimContext,
  supervisorId: string,
  teamId: string,
  includeLoggedOut: boolean,
): void {
  withUser(ctx, supervisorId, (user) => {
    if (!user.isSupervisor || !user.supervisedTeamIds.includes(teamId)) {
      return refuse(
        ctx,
        supervisorId,
        'AUTHORIZATION_FAILURE',
        `${supervisorId} does not supervise team ${teamId}.`,
      );
    }
    const team = ctx.roster.team(teamId) as SimTeam;
    let watched = ctx.teamWatchers.get(supervisorId);
    if (!watched) ctx.teamWatchers.set(supervisorId, (watched = new Set()));
    watched.add(teamId);
    send(ctx, supervisorId, {
      kind: 'TeamUsersList',
      members: ctx
        .membersOf(team)
        .filter((agent) => includeLoggedOut || agent.state !== 'LOGOUT')
        .map((agent) => ({
          firstName: agent.user.firstName,
          lastName: agent.user.lastName,
          extension: agent.user.extension,
          loginId: agent.user.loginId,
          state: agent.state,
          pendingState: agent.pendingState,
          mediaType: 'voice',
          stateChangeTime: formatTime(agent.since),
          stateChangeLabel: agent.reasonLabel,
        })),
    });
  });
}

export function silentMonitor(ctx: SimContext, supervisorId: string, extension: string): void {
  withAgent(ctx, supervisorId, (supervisor) => {
    const target = ctx.roster.byExtension(extension);
    if (!supervisor.user.isSupervisor)
      return refuse(ctx, supervisorId, 'AUTHORIZATION_FAILURE', 'Only supervisors monitor.');
    if (!target || !supervisor.user.supervisedTeamIds.includes(target.teamId)) {
      return refuse(
        ctx,
        supervisorId,
        'AUTHORIZATION_FAILURE',
        `${extension} is not an agent of your teams.`,
      );
    }
    if (supervisor.state !== 'NOT_READY')
      return refuse(ctx, supervisorId, 'INVALID_STATE', 'Go not ready before monitoring.');
    const call = ctx
      .dialogsOf(target.loginId)
      .find((dialog) => partyOf(dialog, target.loginId)?.state === 'ACTIVE');
    if (!call)
      return refuse(ctx, supervisorId, 'INVALID_STATE', `Agent ${target.loginId} is not on an active call.`);
    const monitor = newDialog(ctx, {
      callType: 'SM',
      queue: call.queue,
      caller: extension,
      parties: [
        { ...agentParty(supervisor, 'ACTIVE'), kind: 'SUPERVISOR', role: 'MONITOR' },
        // Views of the monitored parties, not their legs: the monitored agent must not see the monitor.
        ...liveParties(call).map((party) => ({ ...party, agentId: undefined })),
      ],
      acd: false,
      monitoredDialogId: call.id,
      variables: call.variables,
    });
    sendDialog(ctx, supervisor, monitor);
    recomputeState(ctx, supervisor);
  });
}

export function endMonitor(ctx: SimContext, supervisorId: string, dialogId: string): void {
  withDialog(ctx, supervisorId, dialogId, (supervisor, dialog) => {
    if (dialog.callType !== 'SM')
      return refuse(ctx, supervisorId, 'INVALID_STATE', `${dialogId} is not a monitor call.`);
    leaveDialog(ctx, supervisor, dialog);
  });
}

export function bargeIn(ctx: SimContext, supervisorId: string, extension: string, dialogId: string): void {
  withAgent(ctx, supervisorId, (supervisor) => {
    if (extension !== supervisor.user.extension) {
      return refuse(ctx, supervisorId, 'WRONG_EXTENSION', `${extension} is not your extension.`);
    }
    // The public client sends the monitored dialog; accept the monitor dialog's id too.
    const given = ctx.dialogs.get(dialogId);
    const monitor =
      given?.callType === 'SM'
        ? given
        : ctx
            .dialogsOf(supervisorId)
            .find((dialog) => dialog.callType === 'SM' && dialog.monitoredDialogId === dialogId);
    const call = monitor?.monitoredDialogId ? ctx.dialogs.get(monitor.monitoredDialogId) : undefined;
    if (!monitor || !call)
      return refuse(ctx, supervisorId, 'INVALID_STATE', 'Barge-in needs a call you are monitoring.');
    const own = partyOf(monitor, supervisorId);
    if (own) own.state = 'DROPPED';
    sendDialog(ctx, supervisor, monitor);
    forgetDialog(ctx, monitor);
    call.parties.push({
      ...agentParty(supervisor, 'ACTIVE'),
      kind: 'SUPERVISOR',
      role: 'SUPERVISOR_BARGE_IN',
    });
    broadcastDialog(ctx, call);
    recomputeState(ctx, supervisor);
  });
}

export function dropParticipant(
  ctx: SimContext,
  supervisorId: string,
  extension: string,
  dialogId: string,
): void {
  withDialog(ctx, supervisorId, dialogId, (supervisor, dialog) => {
    const party = dialog.parties.find(
      (candidate) => candidate.address === extension && isLive(candidate.state),
    );
    if (!party) return refuse(ctx, supervisorId, 'NOT_FOUND', `${extension} is not on dialog ${dialogId}.`);
    if (liveParties(dialog).length <= 2) {
      return refuse(ctx, supervisorId, 'INVALID_STATE', 'Only a conference participant can be dropped.');
    }
    if (party.agentId) {
      leaveDialog(ctx, ctx.agent(party.agentId), dialog, { keepOthers: true });
    } else {
      party.state = 'DROPPED';
      broadcastDialog(ctx, dialog);
    }
    send(ctx, supervisor.user.loginId, {
      kind: 'Control',
      code: 'PARTICIPANT_DROPPED',
      message: `${extension} was dropped from dialog ${dialogId}.`,
      detail: [],
    });
  });
}
