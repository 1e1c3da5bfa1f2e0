// Global shortcuts: from the settings (hotkeys.answerOrRelease, hotkeys.toggleReady; null for
// none) to the accelerators the glue registers with globalShortcut, and from a pressed shortcut
// to what it does in the desk's current state. The glue reports what the OS refuses (another
// application holding the combination); what can be told from the text is told here.

import type { DeskState } from '../../preload/contract.ts';
import { checkAccelerator } from '../core/settings/accelerator.ts';
import { answerOrReleaseCommand, toggleReadyCommand, type ShellCommand } from './shell-commands.ts';

export type HotkeyAction = 'answer-or-release' | 'toggle-ready';

export interface HotkeySettings {
  readonly answerOrRelease: string | null;
  readonly toggleReady: string | null;
}

export interface HotkeyBinding {
  readonly action: HotkeyAction;
  readonly accelerator: string;
}

export interface HotkeyProblem {
  readonly action: HotkeyAction;
  readonly accelerator: string;
  readonly message: string;
}

export interface HotkeyPlan {
  readonly bindings: readonly HotkeyBinding[];
  readonly problems: readonly HotkeyProblem[];
}

const SETTING_FOR: Readonly<Record<HotkeyAction, keyof HotkeySettings>> = {
  'answer-or-release': 'answerOrRelease',
  'toggle-ready': 'toggleReady',
};

const SYNONYMS: Readonly<Record<string, string>> = {
  cmd: 'command',
  ctrl: 'control',
  cmdorctrl: 'commandorcontrol',
  option: 'alt',
  esc: 'escape',
  return: 'enter',
  meta: 'super',
};

/** One spelling per combination, for telling two settings that name the same keys apart. */
export function canonicalAccelerator(accelerator: string): string {
  const tokens = accelerator.split('+').map((token) => {
    const lower = token.toLowerCase();
    return SYNONYMS[lower] ?? lower;
  });
  const key = tokens.pop() ?? '';
  return [...tokens.sort(), key].join('+');
}

export function hotkeyBindings(settings: HotkeySettings): HotkeyPlan {
  const bindings: HotkeyBinding[] = [];
  const problems: HotkeyProblem[] = [];
  const taken = new Map<string, HotkeyAction>();
  for (const action of Object.keys(SETTING_FOR) as HotkeyAction[]) {
    const accelerator = settings[SETTING_FOR[action]];
    if (accelerator === null) continue;
    const problem = checkAccelerator(accelerator);
    if (problem !== undefined) {
      problems.push({ action, accelerator, message: problem });
      continue;
    }
    const canonical = canonicalAccelerator(accelerator);
    const other = taken.get(canonical);
    if (other !== undefined) {
      problems.push({
        action,
        accelerator,
        message: `${accelerator} is already the shortcut for ${other}; each shortcut does one thing`,
      });
      continue;
    }
    taken.set(canonical, action);
    bindings.push({ action, accelerator });
  }
  return { bindings, problems };
}

/** What a pressed shortcut does now (undefined: nothing to do in this state). */
export function hotkeyCommand(action: HotkeyAction, state: DeskState): ShellCommand | undefined {
  return action === 'answer-or-release' ? answerOrReleaseCommand(state) : toggleReadyCommand(state);
}
