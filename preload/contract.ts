// The one API contract between the renderer and the main process (ARCHITECTURE.md, "One API
// contract"). Main implements DeskApi once (the Desk); the Electron shell binds it to IPC, the
// browser host to a loopback WebSocket, the CLI calls it directly. The renderer knows only
// `window.switchboard: DeskApi`. This file is shared by every target, so it imports nothing.
//
// The desk issue fills in the methods and the DeskState snapshot; what is here is the part the
// wire layer already fixes: how every call reports success or a typed, explainable failure.

/** Every DeskApi call resolves (never rejects) with a value or an error a person can read. */
export type Result<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: DeskError };

export interface DeskError {
  /** Stable, machine-readable: `not-connected`, `reserved-character`, `receipt-timeout`, … */
  readonly code: string;
  /** Plain words for the agent: what happened and, where it helps, what to do. */
  readonly message: string;
}
