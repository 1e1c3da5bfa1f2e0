// What the Desk asks of whoever hosts it when the agent changes how it connects (the sign-in
// view's demo-or-broker choice). The Desk knows sessions, not settings files, keychains or demo
// gateways: the runtime (main/runtime/connection-setup.ts) does, and hands the Desk this port.
// Without one (the CLI), getConnectionSetup and setUpConnection answer that it is not available.

import type { ConnectionSetupInput, ConnectionSetupView, Result } from '../../../preload/contract.ts';
import type { GcSessionOptions } from '../broker/gc-session.ts';

/** Where the desk connects after a change, and what to release once it has left the old place. */
export interface NewConnection {
  readonly mode: 'demo' | 'broker';
  readonly session: GcSessionOptions;
  /** Called once the old session has stopped: release what only it used (the old demo gateway). */
  readonly retireOld: () => Promise<void>;
  /** Said to the agent as a notice once switched (the passcode could not be kept, …). */
  readonly warning?: { readonly code: string; readonly message: string };
}

export interface ConnectionSetupPort {
  describe(): Promise<Result<ConnectionSetupView>>;
  /**
   * Checks the input, saves it and readies the new connection. `undefined`: saved, and the
   * connection stays as it is (the demo chosen while already in the demo).
   */
  apply(input: ConnectionSetupInput): Promise<Result<NewConnection | undefined>>;
}
