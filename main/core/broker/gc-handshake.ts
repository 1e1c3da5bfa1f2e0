// The GC handshake as a small explicit state machine (PROTOCOL.md, "Handshake"):
//
//   transport up ──► Hello ──► IN_SERVICE ──► Connect (when an agent is bound) ──► … Login …
//        ▲             ▲ every probe interval until GC answers              │
//        │             └──── OUT_OF_SERVICE: keep probing with Hello ◄────┤
//   transport down: back to offline; everything is redone on the next transport up
//
// In service, Hello goes on as GC's heartbeat while not logged in, and Beat replaces it while
// the bound agent is logged in. The machine is pure:
// it returns the commands to send and the timer it wants, and the GC session carries them out,
// so every transition is unit-tested without a broker.

import type { Command } from '../protocol/index.ts';

export type ServiceState = 'offline' | 'awaiting-service' | 'in-service' | 'out-of-service';

export interface BoundAgent {
  readonly agentId: string;
  readonly password: string;
  /** Newer GC: the SSO marker in Connect's third parameter. */
  readonly sso?: string;
}

export interface HandshakeState {
  readonly service: ServiceState;
  readonly clientDestination: string;
  readonly agent: BoundAgent | undefined;
  /** Connect went out for `agent` on this transport connection. */
  readonly connectSent: boolean;
  /** The bound agent's last State was something other than LOGOUT. */
  readonly loggedIn: boolean;
}

export type HandshakeInput =
  | { readonly type: 'transport-up' }
  | { readonly type: 'transport-down' }
  | { readonly type: 'in-service' }
  | { readonly type: 'out-of-service' }
  | { readonly type: 'bind-agent'; readonly agent: BoundAgent }
  | { readonly type: 'unbind-agent' }
  | { readonly type: 'agent-state'; readonly agentId: string; readonly state: string }
  | { readonly type: 'timer' };

/**
 * Which periodic message the session should schedule next: `probe` is Hello while GC has not
 * answered IN_SERVICE (short interval), `hello` is GC's "heartbeat while not logged in", `beat`
 * its heartbeat while logged in.
 */
export type HandshakeTimer = 'probe' | 'hello' | 'beat' | 'none';

export interface HandshakeStep {
  readonly state: HandshakeState;
  readonly send: readonly Command[];
  readonly timer: HandshakeTimer;
}

export function initialHandshake(clientDestination: string): HandshakeState {
  return { service: 'offline', clientDestination, agent: undefined, connectSent: false, loggedIn: false };
}

export function stepHandshake(state: HandshakeState, input: HandshakeInput): HandshakeStep {
  const hello: Command = { name: 'Hello', id: state.clientDestination };
  switch (input.type) {
    case 'transport-up': {
      // A new connection: GC may have restarted too, so nothing from before counts.
      const next: HandshakeState = { ...state, service: 'awaiting-service', connectSent: false };
      return step(next, [hello]);
    }
    case 'transport-down':
      return step({ ...state, service: 'offline', connectSent: false }, []);
    case 'in-service': {
      if (state.service === 'offline') return step(state, []);
      const next: HandshakeState = { ...state, service: 'in-service' };
      return withConnect(next);
    }
    case 'out-of-service':
      if (state.service === 'offline') return step(state, []);
      // GC lost Finesse: the binding will have to be made again when it comes back.
      return step({ ...state, service: 'out-of-service', connectSent: false }, []);
    case 'bind-agent': {
      const sameAgent =
        state.agent?.agentId === input.agent.agentId && state.agent.password === input.agent.password;
      const next: HandshakeState = {
        ...state,
        agent: input.agent,
        connectSent: sameAgent ? state.connectSent : false,
        loggedIn: sameAgent ? state.loggedIn : false,
      };
      return withConnect(next);
    }
    case 'unbind-agent':
      return step({ ...state, agent: undefined, connectSent: false, loggedIn: false }, []);
    case 'agent-state': {
      if (!state.agent || input.agentId !== state.agent.agentId) return step(state, []);
      return step({ ...state, loggedIn: input.state !== 'LOGOUT' }, []);
    }
    case 'timer': {
      const timer = timerFor(state);
      if (timer === 'probe' || timer === 'hello') return step(state, [hello]);
      if (timer === 'beat') return step(state, [{ name: 'Beat', id: state.clientDestination }]);
      return step(state, []);
    }
  }
}

function withConnect(state: HandshakeState): HandshakeStep {
  if (state.service !== 'in-service' || !state.agent || state.connectSent) return step(state, []);
  const { agentId, password, sso } = state.agent;
  const connect: Command = {
    name: 'Connect',
    id: agentId,
    clientDestination: state.clientDestination,
    password,
    ...(sso ? { sso } : {}),
  };
  return step({ ...state, connectSent: true }, [connect]);
}

function timerFor(state: HandshakeState): HandshakeTimer {
  switch (state.service) {
    case 'offline':
      return 'none';
    case 'awaiting-service':
    case 'out-of-service':
      return 'probe';
    case 'in-service':
      return state.loggedIn ? 'beat' : 'hello';
  }
}

function step(state: HandshakeState, send: readonly Command[]): HandshakeStep {
  return { state, send, timer: timerFor(state) };
}
