// The simulation as a GC peer: raw command messages in (JMSType + body, as they arrive on the
// command queue), encoded events out (to `/topic/<clientDestination>`). Both faces (a broker
// client on a real ActiveMQ, and the embedded endpoint) are this plus a transport.

import { clientTopicDestination } from '../core/broker/gc-session.ts';
import {
  createCodec,
  type CommandError,
  type GcCodec,
  type WireNameOverrides,
} from '../core/protocol/index.ts';
import { ContactCenter, type ContactCenterOptions } from './sim/contact-center.ts';

export interface GcPeerOptions extends ContactCenterOptions {
  readonly wireNames?: WireNameOverrides;
}

export interface GcPeer {
  readonly center: ContactCenter;
  readonly codec: GcCodec;
  /** One message from the command queue: its `type` header (JMSType) and text body. */
  receive(type: string | undefined, body: string | undefined): void;
  readonly stats: {
    commands: number;
    refused: number;
    dropped: number;
    events: number;
    byCommand: Record<string, number>;
  };
}

/** `publish(destination, body)`: destination is the full `/topic/<clientDestination>`. */
export function createGcPeer(
  options: GcPeerOptions,
  publish: (destination: string, body: string) => void,
): GcPeer {
  const log = options.log ?? (() => {});
  const codec = createCodec(options.wireNames);
  const stats = { commands: 0, refused: 0, dropped: 0, events: 0, byCommand: {} as Record<string, number> };
  const center = new ContactCenter(options, (clientDestination, event) => {
    const encoded = codec.encodeEvent(event);
    if (!encoded.ok) {
      // Simulated data always travels; this would be a simulator bug, so say so loudly.
      log({ level: 'warn', event: 'sim.event-unencodable', kind: event.kind, error: encoded.error.message });
      return;
    }
    stats.events++;
    publish(clientTopicDestination(clientDestination), encoded.value);
  });

  function receive(type: string | undefined, body: string | undefined): void {
    stats.commands++;
    if (typeof type !== 'string' || type === '') {
      stats.dropped++;
      log({
        level: 'warn',
        event: 'sim.command-dropped',
        reason: 'the message has no type header (JMSType)',
      });
      return;
    }
    const decoded = codec.decodeCommand(type, body ?? '');
    if (!decoded.ok) {
      stats.refused++;
      const hash = type.indexOf('#');
      const id = hash >= 0 ? type.slice(hash + 1) : '';
      log({
        level: 'info',
        event: 'sim.command-refused',
        type: type.slice(0, 200),
        error: decoded.error.message,
      });
      center.refuse(id, gcErrorCode(decoded.error), decoded.error.message);
      return;
    }
    stats.byCommand[decoded.value.name] = (stats.byCommand[decoded.value.name] ?? 0) + 1;
    center.handle(decoded.value);
  }

  return { center, codec, receive, stats };
}

/** The GC error identifier for a command that broke the wire rules. */
function gcErrorCode(error: CommandError): string {
  if (error.code === 'missing-parameter') {
    switch (error.field) {
      case 'dialogId':
        return 'MISSING_DIALOG_ID';
      case 'extension':
        return 'MISSING_EXTENSION';
      case 'password':
        return 'MISSING_PASSWORD';
    }
  }
  if (error.code === 'unknown-command') return 'UNKNOWN_COMMAND';
  return 'GENERAL_ERROR';
}
