/** Secrets at rest: AES-256-GCM cipher, encryption key loading, API token helpers. */
export { createSecretCipher, encryptionKeyId, SecretDecryptionError, type SecretCipher } from './cipher';
export { loadOrCreateEncryptionKey, type EncryptionKeySource } from './encryption-key';
export { generateToken, hashApiToken, randomBase32 } from './tokens';
