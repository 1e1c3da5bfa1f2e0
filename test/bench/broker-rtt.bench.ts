// Round-trip latency of a bare STOMP publish -> receive on a private ActiveMQ: the floor every
// event and command of Switchboard stands on. Two plain @stomp/stompjs clients over TCP (no
// Switchboard code in the path), one publishing to a topic, one subscribed; the time from
// publish to delivery is measured with the publisher's clock (same process).
//
//   npx tsx test/bench/broker-rtt.bench.ts      (the bench runner imports runBrokerRttBench)

import type { IMessage } from '@stomp/stompjs';
import { startActiveMq, type ActiveMqBroker } from '../fixtures/activemq.ts';
import { connectBareStomp } from './bare-stomp.ts';
import { isEntryPoint, percentile } from './bench-kit.ts';

export interface BrokerRttResult {
  readonly messages: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

export async function runBrokerRttBench(
  options: { messages?: number; broker?: ActiveMqBroker } = {},
): Promise<BrokerRttResult> {
  const messages = options.messages ?? 2_000;
  const broker = options.broker ?? (await startActiveMq({ persistent: false }));
  const publisher = await connectBareStomp(broker);
  const subscriber = await connectBareStomp(broker);
  const destination = `/topic/bench-rtt-${process.pid}`;
  const samples: number[] = [];
  try {
    let pending: ((message: IMessage) => void) | undefined;
    subscriber.subscribe(destination, (message) => pending?.(message));
    // Let the subscription settle, then measure one message at a time (latency, not throughput).
    await new Promise((resolve) => setTimeout(resolve, 200));
    const warmUp = Math.min(200, Math.floor(messages / 5));
    for (let index = 0; index < messages + warmUp; index++) {
      const started = process.hrtime.bigint();
      const received = new Promise<void>((resolve) => {
        pending = () => resolve();
      });
      publisher.publish({
        destination,
        body: `1001#State#READY####2026-11-24 09:00:00#Bench#1001#5001##Bench#bench-${index}`,
        headers: { type: 'State' },
        skipContentLengthHeader: true,
      });
      await received;
      if (index >= warmUp) samples.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
  } finally {
    await publisher.deactivate();
    await subscriber.deactivate();
    if (!options.broker) await broker.dispose();
  }
  samples.sort((a, b) => a - b);
  return {
    messages: samples.length,
    p50Ms: percentile(samples, 0.5),
    p99Ms: percentile(samples, 0.99),
    maxMs: samples.at(-1) ?? Number.NaN,
  };
}

if (isEntryPoint(import.meta.url)) {
  const result = await runBrokerRttBench();
  console.log(
    `broker round trip (bare STOMP publish -> receive, ${result.messages} messages): ` +
      `p50 ${result.p50Ms.toFixed(3)} ms, p99 ${result.p99Ms.toFixed(3)} ms, max ${result.maxMs.toFixed(3)} ms`,
  );
}
