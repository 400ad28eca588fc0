/** The stores behind the runtime. */
export { createFileStore } from './file-store.js';
export type { FileStoreOptions } from './file-store.js';
export { loadEncryptionKey, parseEncryptionKey } from './encryption.js';
export type { AccountFilter, AuthConfigRecord, ConnectedAccountRecord, ConnectedAccountStatus, Store } from './types.js';
export { createPostgresStore } from './postgres-store.js';
export type { PostgresStoreOptions } from './postgres-store.js';
