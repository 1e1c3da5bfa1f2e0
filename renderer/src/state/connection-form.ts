// The sign-in view's "connect to my contact center" form, as pure functions: the fields as the
// desk describes the connection, and the fields as a setUpConnection input. The desk checks what
// the addresses and names mean and says what is wrong, naming the field; the form only makes
// sure there is something to send.

import type {
  ConnectionSetupInput,
  ConnectionSetupView,
  ConnectionSlice,
  DeskError,
} from '../../../preload/contract.ts';

export interface BrokerFormFields {
  /** One address per line (commas and spaces separate too). */
  urls: string;
  user: string;
  /** Empty: keep the passcode the keychain holds. */
  passcode: string;
  commandQueue: string;
  clientDestination: string;
  caFile: string;
}

/** The fields of the form, as the desk names them in an error's `field`. */
export const CONNECTION_FIELDS = [
  'brokerUrls',
  'brokerUser',
  'brokerPasscode',
  'commandQueue',
  'clientDestination',
  'caFile',
] as const;

export type ConnectionField = (typeof CONNECTION_FIELDS)[number];

/** The fields under "More settings": opened when one of them is at fault. */
export const MORE_FIELDS: readonly ConnectionField[] = ['commandQueue', 'clientDestination', 'caFile'];

export function formFromView(view: ConnectionSetupView): BrokerFormFields {
  return {
    urls: view.brokerUrls.join('\n'),
    user: view.brokerUser,
    passcode: '',
    commandQueue: view.commandQueue,
    clientDestination: view.clientDestination,
    caFile: view.caFile,
  };
}

export function splitBrokerUrls(text: string): string[] {
  return text.split(/[\s,]+/).filter((url) => url !== '');
}

export type BrokerInputCheck =
  | { readonly ok: true; readonly input: ConnectionSetupInput }
  | { readonly ok: false; readonly field: ConnectionField; readonly problem: 'no-urls' };

/**
 * The input for setUpConnection. The passcode goes only when typed (as typed: spaces count);
 * the command queue and client destination only when given (the desk keeps what is configured);
 * the CA file always (empty clears it).
 */
export function brokerInput(fields: BrokerFormFields): BrokerInputCheck {
  const brokerUrls = splitBrokerUrls(fields.urls);
  if (brokerUrls.length === 0) return { ok: false, field: 'brokerUrls', problem: 'no-urls' };
  const commandQueue = fields.commandQueue.trim();
  const clientDestination = fields.clientDestination.trim();
  return {
    ok: true,
    input: {
      mode: 'broker',
      brokerUrls,
      brokerUser: fields.user.trim(),
      ...(fields.passcode === '' ? {} : { brokerPasscode: fields.passcode }),
      ...(commandQueue === '' ? {} : { commandQueue }),
      ...(clientDestination === '' ? {} : { clientDestination }),
      caFile: fields.caFile.trim(),
    },
  };
}

/** The form field an error is about, when it is one of the form's. */
export function fieldInError(error: DeskError | undefined): ConnectionField | undefined {
  const field = error?.field;
  return CONNECTION_FIELDS.find((name) => field === name || field?.startsWith(`${name}.`));
}

/**
 * Why the desk is not connected, for the sign-in view to say under where it connects (a broker
 * that refuses the passcode, an address nothing answers on); nothing while it works or tries
 * for the first time.
 */
export function connectionProblem(connection: ConnectionSlice | undefined): DeskError | undefined {
  if (!connection?.lastError) return undefined;
  const failing = connection.status === 'reconnecting' || connection.status === 'stopped';
  return failing ? connection.lastError : undefined;
}
