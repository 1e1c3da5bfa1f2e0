// The simulated deployment's reason codes, per GC category (GC-REFERENCE §6.4).

import type { ReasonCode } from '../../core/protocol/index.ts';

export const NOT_READY_REASONS: readonly ReasonCode[] = [
  { id: '1', label: 'Break' },
  { id: '2', label: 'Lunch' },
  { id: '3', label: 'Meeting' },
  { id: '4', label: 'Training' },
  { id: '5', label: 'Coaching' },
  { id: '6', label: 'Outbound work' },
];

export const LOGOUT_REASONS: readonly ReasonCode[] = [
  { id: '21', label: 'End of shift' },
  { id: '22', label: 'Sick' },
  { id: '23', label: 'Personal' },
];

export const WRAP_UP_REASONS: readonly ReasonCode[] = [
  { id: '31', label: 'Sale' },
  { id: '32', label: 'Complaint' },
  { id: '33', label: 'Information given' },
  { id: '34', label: 'Follow-up needed' },
];

/** What Finesse reports when an agent did not answer a routed call in time (RONA). */
export const RONA_REASON: ReasonCode = { id: '32767', label: 'Call not answered' };

export function reasonLabel(codes: readonly ReasonCode[], id: string): string | undefined {
  return codes.find((code) => code.id === id)?.label;
}
