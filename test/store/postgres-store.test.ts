import { afterAll, beforeAll } from 'vitest';
import pg from 'pg';
import { createPostgresStore } from '../../runtime/store/postgres-store.js';
import { startPostgres, type PostgresCluster } from '../support/postgres.js';
import { storeConformance } from './conformance.js';

let cluster: PostgresCluster;
let admin: pg.Pool;
let counter = 0;

beforeAll(async () => {
  cluster = await startPostgres();
  admin = new pg.Pool({ connectionString: cluster.connectionString, max: 2 });
}, 120_000);

afterAll(async () => {
  await admin?.end();
  await cluster?.stop();
});

storeConformance('postgres', async () => {
  // Each test gets its own tables on the one throwaway cluster.
  const tablePrefix = `t${(counter += 1)}_`;
  return {
    open: ({ key, now }) => createPostgresStore({ connectionString: cluster.connectionString, encryptionKey: key, now, tablePrefix }),
    rawText: async () => {
      const tables = ['accounts', 'auth_configs', 'records', 'meta'];
      const dumps = await Promise.all(tables.map(async (table) =>
        JSON.stringify((await admin.query(`SELECT * FROM ${tablePrefix}${table}`)).rows)));
      return dumps.join('\n');
    },
  };
});
