import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

describe('PostgreSQL store specifics', () => {
  it('needs an encryption key and says where to put it', async () => {
    const error = await createPostgresStore({ connectionString: cluster.connectionString, env: {} }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'ENCRYPTION_KEY_INVALID' });
    expect((error as Error).message).toContain('TOOLSMITH_ENCRYPTION_KEY');
  });

  it('reports an unreachable server as STORE_ERROR without the password', async () => {
    const error = await createPostgresStore({
      connectionString: 'postgres://app:hunter2-password@127.0.0.1:1/nothing', encryptionKey: randomBytes(32),
    }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'STORE_ERROR' });
    expect((error as Error).message).not.toContain('hunter2-password');
  });

  it('creates its tables once, even when several instances start together', async () => {
    const key = randomBytes(32);
    const stores = await Promise.all(Array.from({ length: 4 }, () =>
      createPostgresStore({ connectionString: cluster.connectionString, encryptionKey: key, tablePrefix: 'race_' })));
    const { rows } = await admin.query<{ version: number }>('SELECT version FROM race_migrations');
    expect(rows.map((row) => row.version)).toEqual([1]);
    await Promise.all(stores.map((store) => store.close()));
    await expect(createPostgresStore({ connectionString: cluster.connectionString, encryptionKey: key, tablePrefix: 'Bad-Prefix' }))
      .rejects.toMatchObject({ code: 'INVALID_OPTIONS' });
  });

  it('uses a pool the app owns and leaves it open on close', async () => {
    const pool = new pg.Pool({ connectionString: cluster.connectionString, max: 2 });
    const store = await createPostgresStore({ pool, encryptionKey: randomBytes(32), tablePrefix: 'owned_' });
    await store.records.put('c', 'k', 1);
    await store.close();
    expect((await pool.query('SELECT count(*)::int AS n FROM owned_records')).rows[0]).toEqual({ n: 1 });
    await pool.end();
  });
});
