/**
 * The PostgreSQL store, for several app instances sharing accounts. Same sealing as the file store (the key from
 * TOOLSMITH_ENCRYPTION_KEY or the `encryptionKey` option; a key check row catches a wrong key at start).
 * `withAccountLock` is a transaction holding `SELECT … FOR UPDATE` on the account row, so a refresh is serialized
 * across processes; store calls made inside `fn` run in that same transaction (AsyncLocalStorage), so updating the
 * locked row cannot deadlock. TTL records compare against the store's clock; `putIfAbsent` and `take` are single
 * statements (atomic).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import pg from 'pg';
import type { AccountFilter, AuthConfigRecord, ConnectedAccountRecord, Store } from './types.js';
import { ToolsmithError } from '../errors.js';
import {
  checkAccountRecord, checkAuthConfigRecord, jsonCopy, recordContext, redactedAccount, sealAccount, sealAuthConfig, unsealAccount, unsealAuthConfig,
  type StoredAccount, type StoredAuthConfig,
} from './codec.js';
import { Sealer, loadEncryptionKey } from './encryption.js';
import { CredentialCache } from './credential-cache.js';
import { migrate, tableNames, type Tables } from './postgres-schema.js';

export interface PostgresStoreOptions {
  readonly connectionString?: string;
  /** A pool the app owns (not closed by `close()`). */
  readonly pool?: pg.Pool;
  /** Default TOOLSMITH_ENCRYPTION_KEY. */
  readonly encryptionKey?: Buffer;
  /** Table name prefix, default `toolsmith_`. */
  readonly tablePrefix?: string;
  /**
   * Accounts whose credentials stay decrypted in memory, keyed by the sealed text read from the row (so another
   * instance's write is seen at the next read); 0 disables. Default 10,000.
   */
  readonly credentialCacheSize?: number;
  readonly now?: () => number;
  readonly env?: NodeJS.ProcessEnv;
}

type Queryable = Pick<pg.PoolClient, 'query'>;
type AccountPatch = Parameters<Store['accounts']['update']>[1];

function storeError(error: unknown, what: string): never {
  if (error instanceof ToolsmithError) throw error;
  throw new ToolsmithError('STORE_ERROR', `PostgreSQL store: ${what} failed: ${(error as Error).message}`);
}

export async function createPostgresStore(options: PostgresStoreOptions): Promise<Store> {
  const prefix = options.tablePrefix ?? 'toolsmith_';
  if (!/^[a-z_][a-z0-9_]{0,40}$/.test(prefix)) {
    throw new ToolsmithError('INVALID_OPTIONS', `tablePrefix "${prefix}" must match [a-z_][a-z0-9_]* (at most 41 characters).`);
  }
  if (!options.pool && !options.connectionString) {
    throw new ToolsmithError('INVALID_OPTIONS', 'createPostgresStore() needs a connectionString or a pool.');
  }
  const key = options.encryptionKey ?? await loadEncryptionKey(options.env ? { env: options.env } : {});
  const sealer = new Sealer(key);
  const ownsPool = !options.pool;
  const pool = options.pool ?? new pg.Pool({ connectionString: options.connectionString, max: 10 });
  try {
    const client = await pool.connect();
    try {
      sealer.verifyKeyCheck(await migrate(client, prefix, sealer.keyCheck), 'the PostgreSQL store');
    } finally {
      client.release();
    }
  } catch (error) {
    if (ownsPool) await pool.end().catch(() => undefined);
    storeError(error, 'opening the database');
  }
  const cache = new CredentialCache(options.credentialCacheSize === undefined ? {} : { size: options.credentialCacheSize });
  return new PostgresStore(pool, ownsPool, tableNames(prefix), sealer, options.now ?? Date.now, cache);
}

class PostgresStore implements Store {
  readonly #transaction = new AsyncLocalStorage<Queryable>();
  #closed = false;

  constructor(
    private readonly pool: pg.Pool,
    private readonly ownsPool: boolean,
    private readonly t: Tables,
    private readonly sealer: Sealer,
    private readonly now: () => number,
    private readonly credentials: CredentialCache,
  ) {}

  async #query<R extends pg.QueryResultRow>(what: string, text: string, values: unknown[] = []): Promise<pg.QueryResult<R>> {
    if (this.#closed) throw new ToolsmithError('STORE_ERROR', 'The PostgreSQL store is closed.');
    try {
      return await (this.#transaction.getStore() ?? this.pool).query<R>(text, values);
    } catch (error) {
      return storeError(error, what);
    }
  }

  #account(data: StoredAccount): ConnectedAccountRecord {
    return unsealAccount(this.sealer, data, this.credentials);
  }

  #value(collection: string, key: string, row: { value: unknown; secret: boolean }): unknown {
    return row.secret ? this.sealer.unseal(String(row.value), recordContext(collection, key)) : row.value;
  }

  #recordRow(collection: string, key: string, value: unknown, options?: { ttlMs?: number; secret?: boolean }): unknown[] {
    if (value === undefined) throw new ToolsmithError('STORE_ERROR', `Cannot store undefined under ${collection}/${key}.`);
    const secret = options?.secret === true;
    const stored = secret ? this.sealer.seal(value, recordContext(collection, key)) : jsonCopy(value);
    return [collection, key, JSON.stringify(stored), secret, options?.ttlMs === undefined ? null : this.now() + options.ttlMs];
  }

  readonly accounts: Store['accounts'] = {
    insert: async (record) => {
      checkAccountRecord(record);
      const data = sealAccount(this.sealer, jsonCopy(record));
      const result = await this.#query('inserting an account',
        `INSERT INTO ${this.t.accounts} (id, user_id, toolkit, status, created_at, data) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (id) DO NOTHING`,
        [record.id, record.userId, record.toolkit, record.status, record.createdAt, JSON.stringify(data)]);
      if (result.rowCount === 0) throw new ToolsmithError('STORE_ERROR', `A connected account with id ${record.id} already exists.`);
    },
    update: async (id: string, patch: AccountPatch) => {
      const apply = async (): Promise<ConnectedAccountRecord> => {
        const { rows } = await this.#query<{ data: StoredAccount }>('reading an account',
          `SELECT data FROM ${this.t.accounts} WHERE id = $1 FOR UPDATE`, [id]);
        if (!rows[0]) throw new ToolsmithError('CONNECTED_ACCOUNT_NOT_FOUND', `Connected account ${id} was not found.`, { connectedAccountId: id });
        const current = this.#account(rows[0].data);
        const next: ConnectedAccountRecord = jsonCopy({
          ...current, ...patch,
          id: current.id, userId: current.userId, toolkit: current.toolkit, createdAt: current.createdAt,
          updatedAt: patch.updatedAt ?? new Date(this.now()).toISOString(),
        });
        checkAccountRecord(next);
        const sealed = sealAccount(this.sealer, next);
        await this.#query('updating an account', `UPDATE ${this.t.accounts} SET status = $2, data = $3 WHERE id = $1`,
          [id, next.status, JSON.stringify(sealed)]);
        // A rolled-back transaction leaves this entry unused: no row will ever hold this sealed text.
        this.credentials.remember(id, sealed.credentials, next.credentials);
        return next;
      };
      return this.#transaction.getStore() ? apply() : this.#inTransaction(apply);
    },
    get: async (id) => {
      const { rows } = await this.#query<{ data: StoredAccount }>('reading an account',
        `SELECT data FROM ${this.t.accounts} WHERE id = $1`, [id]);
      return rows[0] ? this.#account(rows[0].data) : undefined;
    },
    list: async (filter: AccountFilter = {}) => {
      const where: string[] = [];
      const values: unknown[] = [];
      if (filter.userId !== undefined) { values.push(filter.userId); where.push(`user_id = $${values.length}`); }
      if (filter.toolkit !== undefined) { values.push(filter.toolkit); where.push(`toolkit = $${values.length}`); }
      if (filter.statuses) { values.push([...filter.statuses]); where.push(`status = ANY($${values.length}::text[])`); }
      const { rows } = await this.#query<{ data: StoredAccount }>('listing accounts',
        `SELECT data FROM ${this.t.accounts} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC, id DESC`, values);
      if (filter.redacted === true) return rows.map((row) => redactedAccount(row.data) ?? this.#account(row.data));
      return rows.map((row) => this.#account(row.data));
    },
    delete: async (id) => {
      const result = await this.#query('deleting an account', `DELETE FROM ${this.t.accounts} WHERE id = $1`, [id]);
      this.credentials.delete(id);
      return (result.rowCount ?? 0) > 0;
    },
  };

  readonly authConfigs: Store['authConfigs'] = {
    insert: async (record: AuthConfigRecord) => {
      checkAuthConfigRecord(record);
      const data = sealAuthConfig(this.sealer, jsonCopy(record));
      const result = await this.#query('inserting an auth config',
        `INSERT INTO ${this.t.authConfigs} (id, toolkit, created_at, data) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO NOTHING`,
        [record.id, record.toolkit, record.createdAt, JSON.stringify(data)]);
      if (result.rowCount === 0) throw new ToolsmithError('STORE_ERROR', `An auth config with id ${record.id} already exists.`);
    },
    get: async (id) => {
      const { rows } = await this.#query<{ data: StoredAuthConfig }>('reading an auth config',
        `SELECT data FROM ${this.t.authConfigs} WHERE id = $1`, [id]);
      return rows[0] ? unsealAuthConfig(this.sealer, rows[0].data) : undefined;
    },
    list: async (filter = {}) => {
      const { rows } = await this.#query<{ data: StoredAuthConfig }>('listing auth configs',
        `SELECT data FROM ${this.t.authConfigs} ${filter.toolkit === undefined ? '' : 'WHERE toolkit = $1'} ORDER BY created_at DESC, id DESC`,
        filter.toolkit === undefined ? [] : [filter.toolkit]);
      return rows.map((row) => unsealAuthConfig(this.sealer, row.data));
    },
    delete: async (id) => {
      const result = await this.#query('deleting an auth config', `DELETE FROM ${this.t.authConfigs} WHERE id = $1`, [id]);
      return (result.rowCount ?? 0) > 0;
    },
  };

  readonly records: Store['records'] = {
    get: async <T>(collection: string, key: string) => {
      const { rows } = await this.#query<{ value: unknown; secret: boolean }>('reading a record',
        `SELECT value, secret FROM ${this.t.records} WHERE collection = $1 AND key = $2 AND (expires_at IS NULL OR expires_at > $3)`,
        [collection, key, this.now()]);
      return rows[0] ? (this.#value(collection, key, rows[0]) as T) : undefined;
    },
    put: async (collection, key, value, options) => {
      await this.#query('writing a record',
        `INSERT INTO ${this.t.records} (collection, key, value, secret, expires_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (collection, key) DO UPDATE SET value = EXCLUDED.value, secret = EXCLUDED.secret, expires_at = EXCLUDED.expires_at`,
        this.#recordRow(collection, key, value, options));
    },
    putIfAbsent: async (collection, key, value, options) => {
      const result = await this.#query('writing a record',
        `INSERT INTO ${this.t.records} AS r (collection, key, value, secret, expires_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (collection, key) DO UPDATE SET value = EXCLUDED.value, secret = EXCLUDED.secret, expires_at = EXCLUDED.expires_at
         WHERE r.expires_at IS NOT NULL AND r.expires_at <= $6`,
        [...this.#recordRow(collection, key, value, options), this.now()]);
      return (result.rowCount ?? 0) > 0;
    },
    take: async <T>(collection: string, key: string) => {
      const { rows } = await this.#query<{ value: unknown; secret: boolean; expires_at: string | null }>('taking a record',
        `DELETE FROM ${this.t.records} WHERE collection = $1 AND key = $2 RETURNING value, secret, expires_at`, [collection, key]);
      const row = rows[0];
      if (!row || (row.expires_at !== null && Number(row.expires_at) <= this.now())) return undefined;
      return this.#value(collection, key, row) as T;
    },
    delete: async (collection, key) => {
      const result = await this.#query('deleting a record',
        `DELETE FROM ${this.t.records} WHERE collection = $1 AND key = $2 RETURNING expires_at`, [collection, key]);
      const row = result.rows[0] as { expires_at: string | null } | undefined;
      return row !== undefined && (row.expires_at === null || Number(row.expires_at) > this.now());
    },
    list: async <T>(collection: string, options?: { prefix?: string }) => {
      const values: unknown[] = [collection, this.now()];
      let condition = '';
      if (options?.prefix !== undefined) { values.push(options.prefix); condition = 'AND starts_with(key, $3)'; }
      const { rows } = await this.#query<{ key: string; value: unknown; secret: boolean }>('listing records',
        `SELECT key, value, secret FROM ${this.t.records}
         WHERE collection = $1 AND (expires_at IS NULL OR expires_at > $2) ${condition} ORDER BY key`, values);
      return rows.map((row) => ({ key: row.key, value: this.#value(collection, row.key, row) as T }));
    },
  };

  /**
   * `commitOnError`: keep what `fn` wrote before it threw (an account marked EXPIRED, then the error raised);
   * after a failed statement PostgreSQL turns that COMMIT into a rollback anyway.
   */
  async #inTransaction<T>(fn: (client: pg.PoolClient) => Promise<T>, commitOnError = false): Promise<T> {
    if (this.#closed) throw new ToolsmithError('STORE_ERROR', 'The PostgreSQL store is closed.');
    let client: pg.PoolClient;
    try { client = await this.pool.connect(); } catch (error) { return storeError(error, 'connecting'); }
    try {
      await client.query('BEGIN');
      const result = await this.#transaction.run(client, () => fn(client));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query(commitOnError ? 'COMMIT' : 'ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async withAccountLock<T>(accountId: string, fn: (fresh: ConnectedAccountRecord) => Promise<T>): Promise<T> {
    return this.#inTransaction(async () => {
      const { rows } = await this.#query<{ data: StoredAccount }>('locking an account',
        `SELECT data FROM ${this.t.accounts} WHERE id = $1 FOR UPDATE`, [accountId]);
      if (!rows[0]) {
        throw new ToolsmithError('CONNECTED_ACCOUNT_NOT_FOUND', `Connected account ${accountId} was not found.`, { connectedAccountId: accountId });
      }
      return fn(this.#account(rows[0].data));
    }, true);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.credentials.clear();
    if (this.ownsPool) await this.pool.end();
  }
}
