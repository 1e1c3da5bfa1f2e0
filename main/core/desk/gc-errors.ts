// GC's error identifiers in plain words for the agent. GC's own text follows where it adds
// something; unknown codes show GC's text as it came.

const PLAIN: Readonly<Record<string, string>> = {
  MISSING_EXTENSION: 'Enter your extension to sign in.',
  WRONG_EXTENSION: 'That extension is not your phone’s: check the extension you signed in with.',
  LICENSES_EXCEEDED:
    'Finesse has no free licence for another agent right now. Try again shortly or call your supervisor.',
  MISSING_PASSWORD: 'Enter your password to sign in.',
  USER_NOT_FOUND: 'Finesse does not know that agent id.',
  AUTHORIZATION_FAILURE: 'The agent id or password is wrong, or you are not allowed to do that.',
  GENERAL_ERROR: 'The connector reported an error.',
  CF_GENERIC_UNSPECIFIED: 'The phone system refused the request.',
  CF_INVALID_LOGON_DEVICE_SPECIFIED: 'The phone number for mobile sign-in cannot be used.',
  CF_RESOURCE_BUSY: 'Your phone is busy with another session.',
  MISSING_DIALOG_ID: 'That call no longer exists.',
  NOT_FOUND: 'That no longer exists: the call or item may have ended already.',
  INVALID_STATE: 'That is not possible in your current state.',
  INVALID_REASON_CODE: 'That reason code is not one of this contact center’s.',
  INVALID_CALLBACK_TIME: 'The callback time is not valid.',
  INVALID_CALLBACK_NUMBER: 'The callback number cannot be dialled.',
  CALLBACK_EXISTS: 'A callback is already scheduled for that call; change it instead.',
  UNKNOWN_COMMAND: 'The connector does not know that request (a version mismatch?).',
};

/** Every GC error code that has plain words of its own (GC's documented ones and the simulator's). */
export const GC_ERROR_CODES: readonly string[] = Object.keys(PLAIN);

export function plainGcError(code: string, gcMessage: string): string {
  const plain = PLAIN[code];
  if (!plain) return gcMessage || code || 'The connector reported an error.';
  return gcMessage && gcMessage !== plain ? `${plain} (${gcMessage})` : plain;
}
