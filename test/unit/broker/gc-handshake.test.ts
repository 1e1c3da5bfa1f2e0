import { describe, expect, it } from 'vitest';
import {
  initialHandshake,
  stepHandshake,
  type HandshakeInput,
  type HandshakeState,
  type HandshakeStep,
} from '../../../main/core/broker/gc-handshake.ts';

const agent = { agentId: '1001', password: 'pw' };

function run(inputs: HandshakeInput[], start: HandshakeState = initialHandshake('ws-7')): HandshakeStep[] {
  const steps: HandshakeStep[] = [];
  let state = start;
  for (const input of inputs) {
    const step = stepHandshake(state, input);
    steps.push(step);
    state = step.state;
  }
  return steps;
}

const names = (step: HandshakeStep | undefined) => step?.send.map((command) => command.name) ?? [];

describe('GC handshake', () => {
  it('says Hello with the client destination as soon as the transport is up, and probes until IN_SERVICE', () => {
    const [up, tick] = run([{ type: 'transport-up' }, { type: 'timer' }]);
    expect(up?.send).toEqual([{ name: 'Hello', id: 'ws-7' }]);
    expect(up?.state.service).toBe('awaiting-service');
    expect(up?.timer).toBe('probe');
    expect(tick?.send).toEqual([{ name: 'Hello', id: 'ws-7' }]);
  });

  it('sends Connect once GC is in service and an agent is bound, in either order', () => {
    const bindFirst = run([{ type: 'bind-agent', agent }, { type: 'transport-up' }, { type: 'in-service' }]);
    expect(names(bindFirst[0])).toEqual([]);
    expect(bindFirst[2]?.send).toEqual([
      { name: 'Connect', id: '1001', clientDestination: 'ws-7', password: 'pw' },
    ]);

    const serviceFirst = run([
      { type: 'transport-up' },
      { type: 'in-service' },
      { type: 'bind-agent', agent },
    ]);
    expect(names(serviceFirst[1])).toEqual([]);
    expect(names(serviceFirst[2])).toEqual(['Connect']);
  });

  it('does not repeat Connect when GC answers a Beat or Hello with IN_SERVICE again', () => {
    const steps = run([
      { type: 'bind-agent', agent },
      { type: 'transport-up' },
      { type: 'in-service' },
      { type: 'in-service' },
    ]);
    expect(names(steps[3])).toEqual([]);
  });

  it('carries the SSO marker in Connect when given', () => {
    const steps = run([
      { type: 'transport-up' },
      { type: 'in-service' },
      { type: 'bind-agent', agent: { ...agent, sso: 'SSO' } },
    ]);
    expect(steps[2]?.send).toEqual([
      { name: 'Connect', id: '1001', clientDestination: 'ws-7', password: 'pw', sso: 'SSO' },
    ]);
  });

  it('beats while the bound agent is logged in and says Hello otherwise', () => {
    const steps = run([
      { type: 'bind-agent', agent },
      { type: 'transport-up' },
      { type: 'in-service' },
      { type: 'timer' },
      { type: 'agent-state', agentId: '1001', state: 'NOT_READY' },
      { type: 'timer' },
      { type: 'agent-state', agentId: '2002', state: 'LOGOUT' },
      { type: 'timer' },
      { type: 'agent-state', agentId: '1001', state: 'LOGOUT' },
      { type: 'timer' },
    ]);
    expect(steps[2]?.timer).toBe('hello');
    expect(names(steps[3])).toEqual(['Hello']);
    expect(steps[4]?.timer).toBe('beat');
    expect(steps[5]?.send).toEqual([{ name: 'Beat', id: 'ws-7' }]);
    // A team member's logout says nothing about the bound agent.
    expect(names(steps[7])).toEqual(['Beat']);
    expect(names(steps[9])).toEqual(['Hello']);
  });

  it('goes back to probing on OUT_OF_SERVICE and connects the agent again when service returns', () => {
    const steps = run([
      { type: 'bind-agent', agent },
      { type: 'transport-up' },
      { type: 'in-service' },
      { type: 'out-of-service' },
      { type: 'timer' },
      { type: 'in-service' },
    ]);
    expect(steps[3]?.state.service).toBe('out-of-service');
    expect(steps[3]?.timer).toBe('probe');
    expect(names(steps[4])).toEqual(['Hello']);
    expect(names(steps[5])).toEqual(['Connect']);
  });

  it('redoes Hello and Connect after the transport comes back, and sends nothing while it is down', () => {
    const steps = run([
      { type: 'bind-agent', agent },
      { type: 'transport-up' },
      { type: 'in-service' },
      { type: 'transport-down' },
      { type: 'timer' },
      { type: 'in-service' },
      { type: 'transport-up' },
      { type: 'in-service' },
    ]);
    expect(steps[3]?.state.service).toBe('offline');
    expect(steps[3]?.timer).toBe('none');
    expect(names(steps[4])).toEqual([]);
    // A stale IN_SERVICE delivered while offline changes nothing.
    expect(names(steps[5])).toEqual([]);
    expect(names(steps[6])).toEqual(['Hello']);
    expect(names(steps[7])).toEqual(['Connect']);
  });

  it('connects the new agent when a different agent is bound, and stops when unbound', () => {
    const steps = run([
      { type: 'transport-up' },
      { type: 'in-service' },
      { type: 'bind-agent', agent },
      { type: 'bind-agent', agent },
      { type: 'bind-agent', agent: { agentId: '1002', password: 'x' } },
      { type: 'unbind-agent' },
      { type: 'agent-state', agentId: '1002', state: 'READY' },
    ]);
    expect(names(steps[3])).toEqual([]);
    expect(steps[4]?.send).toEqual([
      { name: 'Connect', id: '1002', clientDestination: 'ws-7', password: 'x' },
    ]);
    expect(steps[5]?.state.agent).toBeUndefined();
    expect(steps[6]?.state.loggedIn).toBe(false);
  });
});
