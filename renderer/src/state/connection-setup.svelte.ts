// The sign-in view's connection choice: what the desk says about its connection, which choice is
// showing (the demo or "my contact center"), and saving a new one. Its errors are its own (shown
// in the form, next to the field), not the desk's last error.

import type {
  ConnectionSetupInput,
  ConnectionSetupView,
  DeskError,
  Result,
} from '../../../preload/contract.ts';

export interface ConnectionSetupApi {
  get(): Promise<Result<ConnectionSetupView>>;
  set(input: ConnectionSetupInput): Promise<Result<void>>;
}

export type ConnectionChoice = 'demo' | 'broker';

export class ConnectionSetup {
  readonly #api: ConnectionSetupApi;
  view = $state.raw<ConnectionSetupView | undefined>(undefined);
  loadError = $state.raw<DeskError | undefined>(undefined);
  /** The option picked in the form; follows the desk's mode until the agent picks another. */
  choice = $state<ConnectionChoice>('demo');
  /** In broker mode the settings are folded away behind "Connection settings". */
  unfolded = $state(false);
  saving = $state(false);
  error = $state.raw<DeskError | undefined>(undefined);
  /** What the last save switched to, for the confirmation. */
  saved = $state<ConnectionChoice | undefined>(undefined);

  /** The agent is changing the connection: the sign-in form steps aside. */
  readonly editing = $derived(
    this.view !== undefined && (this.view.mode === 'broker' ? this.unfolded : this.choice === 'broker'),
  );

  constructor(api: ConnectionSetupApi) {
    this.#api = api;
  }

  async load(): Promise<void> {
    const result = await this.#api.get();
    if (!result.ok) {
      this.loadError = result.error;
      return;
    }
    this.loadError = undefined;
    this.view = result.value;
    this.choice = result.value.mode;
  }

  unfold(): void {
    this.unfolded = true;
    this.saved = undefined;
  }

  fold(): void {
    this.unfolded = false;
    this.error = undefined;
    if (this.view) this.choice = this.view.mode;
  }

  pick(choice: ConnectionChoice): void {
    this.choice = choice;
    this.error = undefined;
    this.saved = undefined;
  }

  /** Saves and reconnects; false (and `error` set) when the desk refused. */
  async save(input: ConnectionSetupInput): Promise<boolean> {
    this.saving = true;
    this.error = undefined;
    this.saved = undefined;
    try {
      const result = await this.#api.set(input);
      if (!result.ok) {
        this.error = result.error;
        return false;
      }
      this.unfolded = false;
      this.saved = input.mode;
      await this.load();
      return true;
    } finally {
      this.saving = false;
    }
  }

  /** An error the form found itself (nothing was sent). */
  refuse(error: DeskError): void {
    this.error = error;
  }
}
