// Which DeskApi the renderer talks to: Electron's preload puts one on `window.switchboard`;
// in a browser tab served by the browser host, it is the host's WebSocket.

import type { DeskApi, ShellEvents } from '../../../preload/contract.ts';
import {
  createWebSocketDeskApi,
  deskSocketUrl,
  type BridgeLink,
  type OpenSocket,
} from './web-socket-desk-api.ts';

declare global {
  interface Window {
    readonly switchboard?: DeskApi;
    /** Only in the Electron shell: tel:/callto:/sip: links asking for the dial pad. */
    readonly switchboardShell?: ShellEvents;
  }
}

export interface DeskConnection {
  readonly api: DeskApi;
  /** Only a bridge that can be lost has a link to watch (IPC to main cannot drop). */
  readonly link: BridgeLink | undefined;
}

const openBrowserSocket: OpenSocket = (url, events) => {
  const socket = new WebSocket(url);
  socket.onopen = () => events.open();
  socket.onmessage = (event: MessageEvent) => {
    if (typeof event.data === 'string') events.message(event.data);
  };
  socket.onclose = () => events.close();
  return {
    send: (text) => socket.send(text),
    close: () => socket.close(),
  };
};

export function connectDesk(page: Window): DeskConnection {
  if (page.switchboard) return { api: page.switchboard, link: undefined };
  const { api, bridge } = createWebSocketDeskApi({
    url: deskSocketUrl(page.location.href),
    openSocket: openBrowserSocket,
  });
  return { api, link: bridge };
}
