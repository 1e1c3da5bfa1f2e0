// The client session: Hello and Beat (is GC in service?), Connect (bind an agent to a client
// destination), Login (plain or mobile agent) and Logout.

import type { CommandOf } from '../../core/protocol/index.ts';
import { setState } from './agents.ts';
import { DIALABLE, type SimContext } from './context.ts';
import { leaveDialog } from './dialog-lifecycle.ts';
import { withAgent } from './guards.ts';
import { refuse, send, sendAgentInfo, sendDialog, sendState } from './output.ts';
import { LOGOUT_REASONS, reasonLabel } from './reason-codes.ts';

/** Hello and Beat: GC answers whether it is in service (whether it reaches Finesse). */
export function answerHello(ctx: SimContext, destination: string): void {
  ctx.destinationSeen.add(destination);
  ctx.sink(
    destination,
    ctx.inService
      ? { kind: 'InService', receiver: destination, detail: [] }
      : { kind: 'OutOfService', receiver: destination, detail: [] },
  );
}

/** GC losing (or regaining) Finesse: every bound client hears OUT_OF_SERVICE / IN_SERVICE. */
export function announceServiceChange(ctx: SimContext, inService: boolean): void {
  ctx.inService = inService;
  const destinations = new Set(ctx.bindings.values());
  for (const destination of destinations) {
    ctx.sink(
      destination,
      inService
        ? { kind: 'InService', receiver: destination, detail: [] }
        : { kind: 'OutOfService', receiver: destination, detail: [] },
    );
  }
}

export function connect(ctx: SimContext, command: CommandOf<'Connect'>): void {
  const user = ctx.roster.byLoginId(command.id);
  // Nothing is bound yet, so a refusal goes straight to the destination the client named.
  if (!user) {
    ctx.sink(command.clientDestination, {
      kind: 'Error',
      receiver: command.id,
      code: 'USER_NOT_FOUND',
      message: `No agent with login id ${command.id} exists.`,
      detail: [],
    });
    return;
  }
  if (user.password !== command.password) {
    ctx.sink(command.clientDestination, {
      kind: 'Error',
      receiver: command.id,
      code: 'AUTHORIZATION_FAILURE',
      message: 'The agent id or password is wrong.',
      detail: [],
    });
    return;
  }
  ctx.bindings.set(command.id, command.clientDestination);
  const agent = ctx.agent(command.id);
  // A human takes over from the autopilot.
  ctx.clock.clearTimeout(agent.autopilotTimer);
  agent.autopilotTimer = undefined;
}

export function login(
  ctx: SimContext,
  agentId: string,
  password: string,
  extension: string,
  mobile: { dialNumber: string; callByCall: boolean } | undefined,
): void {
  const user = ctx.roster.byLoginId(agentId);
  if (!user) return refuse(ctx, agentId, 'USER_NOT_FOUND', `No agent with login id ${agentId} exists.`);
  if (!ctx.bindings.has(agentId)) {
    ctx.log({
      level: 'warn',
      event: 'sim.login-without-connect',
      agentId,
      reason: 'Connect must bind the agent first',
    });
    return;
  }
  if (password === '') return refuse(ctx, agentId, 'MISSING_PASSWORD', 'The password is missing.');
  if (password !== user.password)
    return refuse(ctx, agentId, 'AUTHORIZATION_FAILURE', 'The agent id or password is wrong.');
  if (extension === '') return refuse(ctx, agentId, 'MISSING_EXTENSION', 'The extension is missing.');
  if (extension !== user.extension) {
    return refuse(
      ctx,
      agentId,
      'WRONG_EXTENSION',
      `Extension ${extension} is not the device of agent ${agentId}.`,
    );
  }
  if (mobile && !DIALABLE.test(mobile.dialNumber)) {
    return refuse(
      ctx,
      agentId,
      'CF_INVALID_LOGON_DEVICE_SPECIFIED',
      `The dial number ${mobile.dialNumber} cannot be called.`,
    );
  }
  const agent = ctx.agent(agentId);
  agent.mobile = mobile;
  sendAgentInfo(ctx, agent);
  if (agent.state === 'LOGOUT') {
    setState(ctx, agent, 'NOT_READY', '-1', '');
  } else {
    sendState(ctx, agent);
  }
  if (mobile) {
    send(ctx, agentId, {
      kind: 'Control',
      code: mobile.callByCall ? 'MOBILE_CALL_BY_CALL' : 'MOBILE_NAILED_CONNECTION',
      message: mobile.callByCall
        ? `Mobile agent: ${mobile.dialNumber} will be called for each call.`
        : `Mobile agent: a nailed connection to ${mobile.dialNumber} is up.`,
      detail: [],
    });
  }
  // Signing in again (after a reconnect) brings back the calls in progress.
  for (const dialog of ctx.dialogsOf(agentId)) sendDialog(ctx, agent, dialog);
}

export function logout(ctx: SimContext, agentId: string, reasonCode: string, force: boolean): void {
  withAgent(ctx, agentId, (agent) => {
    if (agent.state === 'LOGOUT') return sendState(ctx, agent);
    if (reasonCode !== '' && !reasonLabel(LOGOUT_REASONS, reasonCode)) {
      return refuse(ctx, agentId, 'INVALID_REASON_CODE', `${reasonCode} is not a logout reason code.`);
    }
    const busy = ctx.dialogsOf(agentId).length > 0;
    if (busy && !force) {
      return refuse(
        ctx,
        agentId,
        'INVALID_STATE',
        'An agent on a call cannot sign out; release the call first.',
      );
    }
    for (const dialog of ctx.dialogsOf(agentId)) leaveDialog(ctx, agent, dialog);
    ctx.clock.clearTimeout(agent.wrapUpTimer);
    agent.pendingState = '';
    setState(ctx, agent, 'LOGOUT', reasonCode || '-1', reasonLabel(LOGOUT_REASONS, reasonCode) ?? '');
  });
}
