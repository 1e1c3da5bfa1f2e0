// Glue: the DeskApi over IPC. ONE handler for every call: the event's sender facts and the
// arguments go through guardDeskCall (sender: our window, main frame, app:// page; payload:
// validateDeskCall) and only a ValidDeskCall reaches invokeDesk. The event object stays here:
// the page gets back a Result, nothing else. Patches go to our window only.

import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { IPC_CHANNELS } from '../../../preload/ipc-channels.ts';
import type { DeskApi, Result } from '../../../preload/contract.ts';
import { invokeDesk } from '../../core/desk/api-schemas.ts';
import type { Logger } from '../../core/log/index.ts';
import { guardDeskCall, resultForPage, type IpcSenderFacts } from '../ipc-guard.ts';
import type { MainWindow } from './window.ts';

function senderFacts(event: IpcMainInvokeEvent, window: MainWindow): IpcSenderFacts {
  const frame = event.senderFrame;
  return {
    frameUrl: frame?.url,
    isMainFrame: frame !== null && frame.parent === null,
    webContentsId: event.sender.id,
    ourWebContentsId: window.webContentsId(),
  };
}

/** Binds the desk to IPC; returns the function that unbinds it. */
export function setupDeskIpc(options: { desk: DeskApi; window: MainWindow; log: Logger }): () => void {
  const { desk, window, log } = options;

  ipcMain.handle(IPC_CHANNELS.deskCall, async (event, ...args: unknown[]): Promise<Result<unknown>> => {
    const guarded = guardDeskCall(senderFacts(event, window), args);
    if (!guarded.ok) {
      // The reason names the check and the field, never a value (it may be a password).
      log({ level: 'warn', event: 'shell.ipc-refused', reason: guarded.reason });
      return guarded.result;
    }
    const { call } = guarded;
    log({ level: 'debug', event: 'shell.ipc-call', method: call.method });
    const result = await invokeDesk(desk, call, (error) =>
      log({
        level: 'error',
        event: 'shell.ipc-call-failed',
        method: call.method,
        error: error instanceof Error ? error.name : typeof error,
      }),
    );
    return resultForPage(call, result);
  });

  const unsubscribe = desk.subscribe((patch) => window.send(IPC_CHANNELS.deskPatch, patch));

  return () => {
    unsubscribe();
    ipcMain.removeHandler(IPC_CHANNELS.deskCall);
  };
}
