/** The decrypted-credential cache of the PostgreSQL store: the shared rules with two store instances on one table set. */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import { createPostgresStore } from '../../runtime/store/postgres-store.js';
import { startPostgres, type PostgresCluster } from '../support/postgres.js';
import { credentialCacheRules } from './credential-cache-rules.js';

let cluster: PostgresCluster;
let counter = 0;
beforeAll(async () => { cluster = await startPostgres(); }, 120_000);
afterAll(async () => { await cluster?.stop(); });

credentialCacheRules('postgres store', async () => {
  const tablePrefix = `cache${(counter += 1)}_`;
  const key = randomBytes(32);
  return { open: (options = {}) => createPostgresStore({ connectionString: cluster.connectionString, encryptionKey: key, tablePrefix, ...options }) };
});
