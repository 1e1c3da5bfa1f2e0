// Glue: carries out a ShellCommand from the tray, a notification button or a shortcut. Desk
// calls go through invokeDesk, like the page's; a refusal is logged and handed to `onRefused`
// (the agent sees it as a notification: a shortcut pressed with the window hidden has no other
// way to say it did nothing).

import type { DeskApi, DeskError } from '../../../preload/contract.ts';
import { invokeDesk } from '../../core/desk/api-schemas.ts';
import type { Logger } from '../../core/log/index.ts';
import type { ShellCommand } from '../shell-commands.ts';
import type { MainWindow } from './window.ts';

export type RunCommand = (command: ShellCommand) => void;

export function createCommandRunner(options: {
  readonly desk: DeskApi;
  readonly window: MainWindow;
  readonly log: Logger;
  readonly quit: () => void;
  readonly onRefused: (method: string, error: DeskError) => void;
}): RunCommand {
  const { desk, window, log } = options;
  return (command) => {
    switch (command.kind) {
      case 'show-window':
        window.show();
        return;
      case 'hide-window':
        window.hide();
        return;
      case 'quit':
        options.quit();
        return;
      case 'desk': {
        const { call } = command;
        log({ level: 'info', event: 'shell.command', method: call.method });
        void invokeDesk(desk, call, () =>
          log({ level: 'error', event: 'shell.command-failed', method: call.method }),
        ).then((result) => {
          if (result.ok) return;
          log({
            level: 'warn',
            event: 'shell.command-refused',
            method: call.method,
            code: result.error.code,
          });
          options.onRefused(call.method, result.error);
        });
        return;
      }
    }
  };
}
