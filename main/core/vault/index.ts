// The vault: secrets in the OS keychain, nowhere else. See vault.ts for the naming and errors.ts for
// what the keychain binding throws and how it is classified.
export {
  brokerPasscodeAccount,
  createKeychainVault,
  SECRET_KINDS,
  type KeychainVaultOptions,
  type SecretKind,
  type Vault,
  type VaultAvailability,
} from './vault.ts';
export { classifyKeyringError, vaultErrors, type VaultError, type VaultErrorCode } from './errors.ts';
