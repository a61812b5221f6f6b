// Secrets at rest: the AES-256-GCM box and its key file in the data directory.
// Only the API process opens it; nothing sealed here is ever logged or returned.
export { SecretBox, SecretBoxError } from './secret-box.js';
export { credentialsKeyPath, loadSecretBox } from './key-file.js';
