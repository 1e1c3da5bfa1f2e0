// Single-key shortcuts of the desk: `a` answers, `r` toggles ready. They act only when focus is
// not where the key types text or picks an item, and never with a modifier or on auto-repeat.

export type Shortcut = 'answer' | 'toggle-ready';

export interface KeyPress {
  readonly key: string;
  readonly altKey: boolean;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly repeat: boolean;
  /** Focus is in a text field, a select, editable content or an open menu. */
  readonly inField: boolean;
}

export function shortcutFor(press: KeyPress): Shortcut | undefined {
  if (press.inField || press.repeat || press.altKey || press.ctrlKey || press.metaKey) return undefined;
  switch (press.key.toLowerCase()) {
    case 'a':
      return 'answer';
    case 'r':
      return 'toggle-ready';
    default:
      return undefined;
  }
}
