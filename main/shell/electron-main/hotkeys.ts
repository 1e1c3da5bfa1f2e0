// Glue: global shortcuts from the settings. hotkeyBindings says which to register (and what is
// wrong with the others); a press runs hotkeyCommand for the desk's state at that moment. What
// the OS refuses (another application holds the keys) is logged with the setting to change.

import { globalShortcut } from 'electron';
import type { DeskState } from '../../../preload/contract.ts';
import type { Logger } from '../../core/log/index.ts';
import { hotkeyBindings, hotkeyCommand, type HotkeySettings } from '../hotkeys.ts';
import type { RunCommand } from './commands.ts';

export function setupHotkeys(options: {
  readonly settings: HotkeySettings;
  readonly state: () => DeskState;
  readonly run: RunCommand;
  readonly log: Logger;
}): () => void {
  const { log } = options;
  const plan = hotkeyBindings(options.settings);
  for (const problem of plan.problems)
    log({ level: 'warn', event: 'shell.hotkey-invalid', action: problem.action, message: problem.message });
  const registered: string[] = [];
  for (const binding of plan.bindings) {
    const ok = globalShortcut.register(binding.accelerator, () => {
      const command = hotkeyCommand(binding.action, options.state());
      if (command) options.run(command);
    });
    if (ok) registered.push(binding.accelerator);
    else
      log({
        level: 'warn',
        event: 'shell.hotkey-taken',
        action: binding.action,
        accelerator: binding.accelerator,
        message: 'another application holds this shortcut; choose another in settings.json (hotkeys)',
      });
  }
  return () => registered.forEach((accelerator) => globalShortcut.unregister(accelerator));
}
