// Words for what the supervisor's views show from the wire: queue statistics by their keys and
// call parties by their tags. A key this catalog does not know is still shown readably.

import { readableStatName, type KnownQueueStat } from '../state/queue-views.ts';
import type { PlainMessageKey, Translate } from './index.ts';

const QUEUE_STAT_WORDS: Readonly<Record<KnownQueueStat, PlainMessageKey>> = {
  callsInQueue: 'supervisor.queues.stat.callsInQueue',
  agentsReady: 'supervisor.queues.stat.agentsReady',
  agentsNotReady: 'supervisor.queues.stat.agentsNotReady',
  talkingInbound: 'supervisor.queues.stat.talkingInbound',
  talkingOutbound: 'supervisor.queues.stat.talkingOutbound',
  talkingInternal: 'supervisor.queues.stat.talkingInternal',
  wrapUpReady: 'supervisor.queues.stat.wrapUpReady',
  wrapUpNotReady: 'supervisor.queues.stat.wrapUpNotReady',
  waitingCalls: 'supervisor.queues.stat.waitingCalls',
  agentsLoggedIn: 'supervisor.queues.stat.agentsLoggedIn',
  agentsInAfterCallWork: 'supervisor.queues.stat.agentsInAfterCallWork',
  agentsTalking: 'supervisor.queues.stat.agentsTalking',
  agentsReserved: 'supervisor.queues.stat.agentsReserved',
  handledCalls: 'supervisor.queues.stat.handledCalls',
  abandonedCalls: 'supervisor.queues.stat.abandonedCalls',
  totalCalls: 'supervisor.queues.stat.totalCalls',
  longestHandleTime: 'supervisor.queues.stat.longestHandleTime',
};

const PARTY_TAG_WORDS: Readonly<Record<string, PlainMessageKey>> = {
  AGENT: 'supervisor.participants.tag.AGENT',
  CUSTOMER: 'supervisor.participants.tag.CUSTOMER',
  SUPERVISOR: 'supervisor.participants.tag.SUPERVISOR',
};

export function queueStatText(t: Translate, key: string): string {
  const words = Object.hasOwn(QUEUE_STAT_WORDS, key) ? QUEUE_STAT_WORDS[key as KnownQueueStat] : undefined;
  return words ? t(words) : readableStatName(key);
}

export function partyTagText(t: Translate, tag: string): string {
  const words = Object.hasOwn(PARTY_TAG_WORDS, tag) ? PARTY_TAG_WORDS[tag] : undefined;
  return words ? t(words) : tag;
}
