// Glue: tel:, callto: and sip: links. They arrive before the desk exists (a launch by a link)
// and after (macOS open-url; on Windows and Linux a second launch, whose argv the single-instance
// lock hands to us), so they wait in an inbox until `attach`. parseTelUrl and telLinkAction
// decide; a call the desk refuses (the agent is ready, or signed out) falls back to the dial pad.

import { app } from 'electron';
import { IPC_CHANNELS } from '../../../preload/ipc-channels.ts';
import type { DeskApi } from '../../../preload/contract.ts';
import { invokeDesk } from '../../core/desk/api-schemas.ts';
import type { Logger } from '../../core/log/index.ts';
import { parseTelUrl, telLinkAction, telUrlFromArgv } from '../tel-links.ts';
import type { MainWindow } from './window.ts';

export const TEL_SCHEMES = ['tel', 'callto', 'sip'] as const;

export interface TelLinkInbox {
  attach(handler: (url: string) => void): void;
}

/** Call before `ready`: macOS sends open-url for the link that launched us early. */
export function createTelLinkInbox(argv: readonly string[]): TelLinkInbox {
  const queued: string[] = [];
  let handler: ((url: string) => void) | undefined;
  const receive = (url: string) => (handler ? handler(url) : queued.push(url));
  app.on('open-url', (event, url) => {
    event.preventDefault();
    receive(url);
  });
  app.on('second-instance', (_event, secondArgv) => {
    const url = telUrlFromArgv(secondArgv);
    if (url !== undefined) receive(url);
  });
  const first = telUrlFromArgv(argv);
  if (first !== undefined) queued.push(first);
  return {
    attach(next) {
      handler = next;
      for (const url of queued.splice(0)) next(url);
    },
  };
}

/**
 * Windows: electron-builder registers the schemes for macOS (Info.plist) and Linux (.desktop
 * MimeType) but not for NSIS, so the packaged app registers itself. Never while developing: that
 * would make the bare Electron binary the handler.
 */
export function registerTelSchemes(platform: NodeJS.Platform, log: Logger): void {
  if (platform !== 'win32' || !app.isPackaged) return;
  for (const scheme of TEL_SCHEMES) {
    const registered = app.setAsDefaultProtocolClient(scheme); // eng-disable PROTOCOL_HANDLER_JS_CHECK -- tel/callto/sip only; every link goes through parseTelUrl
    if (!registered) log({ level: 'warn', event: 'shell.tel-scheme-not-registered', scheme });
  }
}

export function telLinkHandler(options: {
  readonly desk: DeskApi;
  readonly window: MainWindow;
  readonly callImmediately: boolean;
  readonly log: Logger;
}): (url: string) => void {
  const { desk, window, log } = options;
  return (url) => {
    const parsed = parseTelUrl(url);
    if (!parsed.ok) {
      // The reason only: the link itself may be anything.
      log({ level: 'warn', event: 'shell.tel-link-refused', reason: parsed.reason });
      return;
    }
    const action = telLinkAction(parsed.link, { callImmediately: options.callImmediately });
    const dialPad = () => {
      window.show();
      window.sendWhenLoaded(IPC_CHANNELS.dialRequest, {
        number: parsed.link.number,
        extension: parsed.link.extension,
      });
    };
    if (action.kind === 'dial-pad') return dialPad();
    log({ level: 'info', event: 'shell.tel-link-call', scheme: parsed.link.scheme });
    void invokeDesk(desk, action.call).then((result) => {
      if (result.ok) return;
      log({ level: 'warn', event: 'shell.tel-link-call-refused', code: result.error.code });
      dialPad();
    });
  };
}
