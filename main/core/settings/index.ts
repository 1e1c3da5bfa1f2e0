// Settings: the schema (schema.ts), settings.json (settings-file.ts), and the way from settings
// to a GC session (session-options.ts). See settings-file.ts for how the file is read and written.

export {
  CLIENT_DESTINATION_MAX_LENGTH,
  SETTINGS_FILE_NAME,
  createSettingsSchema,
  currentMachine,
  defaultClientDestination,
  defaultSettings,
  settingsSchemaFor,
  type Machine,
  type Settings,
  type SettingsSchema,
} from './schema.ts';
export {
  MAX_SETTINGS_BYTES,
  checkSettings,
  loadSettings,
  removeLeftoverSaves,
  saveSettings,
  type CheckedSettings,
  type LoadedSettings,
  type SettingsProblem,
} from './settings-file.ts';
export { readCaFile, toSessionOptions, type SessionSecrets } from './session-options.ts';
export { ACCELERATOR_EXAMPLE, checkAccelerator } from './accelerator.ts';
export { WIRE_NAMES_EXAMPLE, loadWireNames, parseWireNames, wireNameIssues } from './wire-names.ts';
