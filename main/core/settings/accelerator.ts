// Electron accelerators ("CommandOrControl+Shift+A"), checked loosely here, in plain Node: the
// shell registers them as global shortcuts and reports what the OS refuses (a combination another
// application holds). What can be told from the text alone is told here, in words a deployer can
// act on. Syntax: https://www.electronjs.org/docs/latest/api/accelerator (case-insensitive).

const MODIFIERS: ReadonlyMap<string, string> = new Map(
  [
    'Command',
    'Cmd',
    'Control',
    'Ctrl',
    'CommandOrControl',
    'CmdOrCtrl',
    'Alt',
    'Option',
    'AltGr',
    'Shift',
    'Super',
    'Meta',
  ].map((name) => [name.toLowerCase(), name]),
);

/** Keys that make sense on their own as a global shortcut: they do not type anything. */
const STANDALONE_KEYS = [
  ...Array.from({ length: 24 }, (_, index) => `F${index + 1}`),
  'VolumeUp',
  'VolumeDown',
  'VolumeMute',
  'MediaNextTrack',
  'MediaPreviousTrack',
  'MediaStop',
  'MediaPlayPause',
  'PrintScreen',
];

const NAMED_KEYS = [
  ...STANDALONE_KEYS,
  'Plus',
  'Space',
  'Tab',
  'Capslock',
  'Numlock',
  'Scrolllock',
  'Backspace',
  'Delete',
  'Insert',
  'Return',
  'Enter',
  'Up',
  'Down',
  'Left',
  'Right',
  'Home',
  'End',
  'PageUp',
  'PageDown',
  'Escape',
  'Esc',
  ...Array.from({ length: 10 }, (_, index) => `num${index}`),
  'numdec',
  'numadd',
  'numsub',
  'nummult',
  'numdiv',
];

const KEYS: ReadonlyMap<string, string> = new Map(NAMED_KEYS.map((name) => [name.toLowerCase(), name]));
const STANDALONE: ReadonlySet<string> = new Set(STANDALONE_KEYS.map((name) => name.toLowerCase()));
const PUNCTUATION = new Set(')!@#$%^&*(:;=<,_->.?/~`{][|\\}"\''.split(''));

export const ACCELERATOR_EXAMPLE = 'CommandOrControl+Shift+A';
const SYNTAX = `modifiers (CommandOrControl, Alt, Shift, Super) and one key, joined by "+", such as "${ACCELERATOR_EXAMPLE}"`;

function isKey(token: string): boolean {
  return /^[A-Za-z0-9]$/.test(token) || PUNCTUATION.has(token) || KEYS.has(token.toLowerCase());
}

function shown(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}

/** Undefined when `text` reads as an accelerator; otherwise what is wrong, as "expected …; found …". */
export function checkAccelerator(text: string): string | undefined {
  const found = `found ${shown(text)}`;
  if (text.trim() === '') return `expected ${SYNTAX}, or null for none; found an empty text`;
  if (text.length > 100) return `expected ${SYNTAX}; found ${text.length} characters`;
  if (/\s/.test(text)) return `expected ${SYNTAX}, without spaces; ${found}`;
  const tokens = text.split('+');
  if (tokens.some((token) => token === '')) {
    return `expected ${SYNTAX} (the + key is written Plus, as in "CommandOrControl+Plus"); ${found}`;
  }
  const key = tokens[tokens.length - 1] ?? '';
  const modifiers = tokens.slice(0, -1);
  if (MODIFIERS.has(key.toLowerCase())) {
    return `expected ${SYNTAX}: it ends in the modifier ${MODIFIERS.get(key.toLowerCase()) ?? key}, with no key after it; ${found}`;
  }
  if (!isKey(key)) {
    return `expected ${SYNTAX}: ${shown(key)} is not a key Electron knows (letters, digits, F1–F24, Space, Tab, Up, Home, …); ${found}`;
  }
  const seen = new Set<string>();
  for (const modifier of modifiers) {
    const canonical = MODIFIERS.get(modifier.toLowerCase());
    if (canonical === undefined) {
      return `expected ${SYNTAX}: ${shown(modifier)} is not a modifier, and only the last part is a key; ${found}`;
    }
    if (seen.has(canonical)) return `expected ${SYNTAX}: ${canonical} is written twice; ${found}`;
    seen.add(canonical);
  }
  if (modifiers.length === 0 && !STANDALONE.has(key.toLowerCase())) {
    return `expected ${SYNTAX}: a global shortcut of ${shown(key)} alone would take that key from every other application, so add a modifier; ${found}`;
  }
  return undefined;
}
