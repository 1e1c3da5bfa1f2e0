// The Electron shell's IPC channels, in one place: the preload (bridge.ts) and main
// (main/shell/electron-main/desk-ipc.ts) both import these names, so a channel cannot be spelled
// two ways. Imports nothing, so the sandboxed preload bundle stays tiny.
//
// One request channel carries every DeskApi call as (method, payload); main validates both with
// validateDeskCall before the Desk sees anything. Fewer channels, one wrapper, one check.

export const IPC_CHANNELS = {
  /** page -> main, invoke: (method: DeskMethod, payload?: unknown) -> Result<unknown>. */
  deskCall: 'switchboard:desk-call',
  /** main -> page: one DeskPatch per coalesced change. */
  deskPatch: 'switchboard:desk-patch',
  /** main -> page: a tel:/callto:/sip: link asks for the dial pad with this number. */
  dialRequest: 'switchboard:dial-request',
} as const;

export type IpcChannel = (typeof IPC_CHANNELS)[keyof typeof IPC_CHANNELS];

/** What main sends on `dialRequest` (the type lives with the contract). */
export type { DialRequest } from './contract.ts';
