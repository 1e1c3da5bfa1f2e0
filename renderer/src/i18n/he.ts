// A stub to prove the catalog's shape for a right-to-left language. It is chosen only when asked
// for (`?lang=he`): until it is complete, keys it lacks fall back to English.

import type { MessageKey } from './en.ts';

export const he: Partial<Record<MessageKey, string>> = {
  'app.name': 'סוויצ׳בורד',
  'signIn.title': 'כניסה',
  'status.goReady': 'זמין',
};
