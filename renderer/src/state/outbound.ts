// Outbound campaign and callback views: the customer a preview offers, which calls may be
// reclassified, and the callback time as the datetime-local field and the desk each spell it.
// Plain functions, tested in Node.

import type { CallbacksSlice, CallbackView, DialogView } from '../../../preload/contract.ts';

/** The values GC accepts for ReclassifyCall (the CTI protocol's outbound option). */
export const RECLASSIFY_VALUES = [
  'VOICE',
  'FAX',
  'ANS_MACHINE',
  'INVALID',
  'DO_NOT_CALL',
  'WRONG_NUMBER',
  'WRONG_PARTY',
] as const;

export interface PreviewCustomer {
  readonly name: string;
  readonly number: string;
  readonly account: string;
  readonly campaign: string;
}

function variable(dialog: DialogView, name: string): string {
  return dialog.callVariables.find((entry) => entry.name === name)?.value ?? '';
}

/** The customer a preview reservation offers, from the campaign's BA* call variables. */
export function previewCustomer(dialog: DialogView): PreviewCustomer {
  return {
    name: variable(dialog, 'BABuddyName'),
    number: variable(dialog, 'BACustomerNumber') || dialog.otherParty,
    account: variable(dialog, 'BAAccountNumber'),
    campaign: variable(dialog, 'BACampaign'),
  };
}

/** Only campaign calls (outbound or preview) can be reclassified, once they are under way. */
export function canReclassify(dialog: DialogView): boolean {
  const campaign = dialog.callType.includes('OUTBOUND') || dialog.callType.includes('PREVIEW');
  return campaign && dialog.kind === 'call' && dialog.state !== 'ALERTING';
}

const LOCAL_INPUT = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?$/;
const DESK_TIME = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2})(?::\d{2})?$/;

/** `<input type="datetime-local">` gives `yyyy-MM-ddTHH:mm[:ss]`; the desk takes `yyyy-MM-dd HH:mm`. */
export function callbackTimeFromInput(value: string): string | undefined {
  const match = LOCAL_INPUT.exec(value);
  return match ? `${match[1]} ${match[2]}` : undefined;
}

/** The desk's callback time (seconds optional) as a datetime-local field's value. */
export function callbackTimeToInput(value: string): string {
  const match = DESK_TIME.exec(value);
  return match ? `${match[1]}T${match[2]}` : '';
}

/** The callback time to show: to the minute, as the agent typed it. */
export function callbackTimeText(value: string): string {
  const match = DESK_TIME.exec(value);
  return match ? `${match[1]} ${match[2]}` : value;
}

/** Callbacks soonest first (the desk's times sort as text). */
export function callbacksByTime(slice: CallbacksSlice): readonly CallbackView[] {
  return [...slice.items].sort((a, b) => a.callbackTime.localeCompare(b.callbackTime));
}
