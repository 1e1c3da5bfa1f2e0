// Waiting for a desk to reach a state, for tests that drive a real Desk: polls its snapshot and
// fails with what it was waiting for and where the desk stood.

import type { DeskState } from '../../preload/contract.ts';

export interface HasDeskState {
  readonly state: DeskState;
}

export function untilDesk(
  desk: HasDeskState,
  predicate: (state: DeskState) => boolean,
  what: string,
  timeoutMs = 15_000,
): Promise<DeskState> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = () => {
      if (predicate(desk.state)) return resolve(desk.state);
      if (Date.now() - started > timeoutMs) {
        const { agent, connection } = desk.state;
        return reject(
          new Error(
            `timed out waiting for ${what} (agent ${agent.signIn} ${agent.state}, connection ${connection.status})`,
          ),
        );
      }
      setTimeout(poll, 10);
    };
    poll();
  });
}
