/**
 * The PostgreSQL store's tables, created on first use by numbered migrations recorded in `<prefix>migrations`.
 * Concurrent first starts are serialized by a transaction-scoped advisory lock. Timestamps the runtime compares
 * as strings (createdAt) are text with the C collation, so the order matches the file store's exactly.
 */
import type { PoolClient } from 'pg';

export interface Tables {
  readonly migrations: string;
  readonly meta: string;
  readonly accounts: string;
  readonly authConfigs: string;
  readonly records: string;
}

export function tableNames(prefix: string): Tables {
  return {
    migrations: `${prefix}migrations`, meta: `${prefix}meta`, accounts: `${prefix}accounts`,
    authConfigs: `${prefix}auth_configs`, records: `${prefix}records`,
  };
}

const MIGRATIONS: ReadonlyArray<(t: Tables) => string> = [
  (t) => `
    CREATE TABLE ${t.meta} (key text PRIMARY KEY, value text NOT NULL);
    CREATE TABLE ${t.accounts} (
      id text COLLATE "C" PRIMARY KEY,
      user_id text NOT NULL,
      toolkit text NOT NULL,
      status text NOT NULL,
      created_at text COLLATE "C" NOT NULL,
      data jsonb NOT NULL
    );
    CREATE INDEX ${t.accounts}_user_toolkit ON ${t.accounts} (user_id, toolkit, created_at DESC, id DESC);
    CREATE INDEX ${t.accounts}_toolkit ON ${t.accounts} (toolkit);
    CREATE TABLE ${t.authConfigs} (
      id text COLLATE "C" PRIMARY KEY,
      toolkit text NOT NULL,
      created_at text COLLATE "C" NOT NULL,
      data jsonb NOT NULL
    );
    CREATE TABLE ${t.records} (
      collection text NOT NULL,
      key text COLLATE "C" NOT NULL,
      value jsonb NOT NULL,
      secret boolean NOT NULL,
      expires_at bigint,
      PRIMARY KEY (collection, key)
    );
    CREATE INDEX ${t.records}_expiry ON ${t.records} (expires_at) WHERE expires_at IS NOT NULL;
  `,
];

/** A stable 64-bit advisory lock id for the migrations of one table prefix. */
function lockId(prefix: string): string {
  let hash = 0n;
  for (const char of `toolsmith-migrations:${prefix}`) hash = (hash * 131n + BigInt(char.codePointAt(0) ?? 0)) % 9_223_372_036_854_775_783n;
  return hash.toString();
}

/** Applies pending migrations and records (or checks) the encryption key check value. Returns the stored check. */
export async function migrate(client: PoolClient, prefix: string, keyCheck: string): Promise<string> {
  const t = tableNames(prefix);
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1::bigint)', [lockId(prefix)]);
    await client.query(`CREATE TABLE IF NOT EXISTS ${t.migrations} (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
    const { rows } = await client.query<{ version: number }>(`SELECT coalesce(max(version), 0) AS version FROM ${t.migrations}`);
    for (let version = (rows[0]?.version ?? 0) + 1; version <= MIGRATIONS.length; version += 1) {
      await client.query(MIGRATIONS[version - 1]!(t));
      await client.query(`INSERT INTO ${t.migrations} (version) VALUES ($1)`, [version]);
    }
    await client.query(`INSERT INTO ${t.meta} (key, value) VALUES ('key_check', $1) ON CONFLICT (key) DO NOTHING`, [keyCheck]);
    const stored = await client.query<{ value: string }>(`SELECT value FROM ${t.meta} WHERE key = 'key_check'`);
    await client.query('COMMIT');
    return stored.rows[0]?.value ?? keyCheck;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
