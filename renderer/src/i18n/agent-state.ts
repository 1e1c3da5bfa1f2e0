// GC's state names in words; a state this catalog does not know is shown as GC sent it.

import type { PlainMessageKey, Translate } from './index.ts';

const AGENT_STATES: Readonly<Record<string, PlainMessageKey>> = {
  READY: 'agentState.READY',
  NOT_READY: 'agentState.NOT_READY',
  TALKING: 'agentState.TALKING',
  HOLD: 'agentState.HOLD',
  RESERVED: 'agentState.RESERVED',
  RESERVED_OUTBOUND: 'agentState.RESERVED_OUTBOUND',
  RESERVED_OUTBOUND_PREVIEW: 'agentState.RESERVED_OUTBOUND_PREVIEW',
  WORK: 'agentState.WORK',
  WORK_READY: 'agentState.WORK_READY',
  LOGOUT: 'agentState.LOGOUT',
};

const CALL_STATES: Readonly<Record<string, PlainMessageKey>> = {
  ACTIVE: 'call.state.ACTIVE',
  HELD: 'call.state.HELD',
  INITIATING: 'call.state.INITIATING',
  INITIATED: 'call.state.INITIATED',
  ALERTING: 'call.state.ALERTING',
  FAILED: 'call.state.FAILED',
};

export function agentStateText(t: Translate, state: string): string {
  const key = Object.hasOwn(AGENT_STATES, state) ? AGENT_STATES[state] : undefined;
  return key ? t(key) : state;
}

export function callStateText(t: Translate, state: string): string {
  const key = Object.hasOwn(CALL_STATES, state) ? CALL_STATES[state] : undefined;
  return key ? t(key) : state;
}
