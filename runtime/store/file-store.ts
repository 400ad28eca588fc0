/**
 * The embedded default store: everything under one directory (default `.toolsmith/`), surviving restarts.
 * - `store.log`: append-only JSON lines (see append-log.ts), rewritten atomically when mostly stale;
 * - `store.lock`: the writers' lock, so several processes may share the directory;
 * - `locks/`: per-account locks for `withAccountLock` (a refresh serialized across processes);
 * - `encryption.key`: created on first use (mode 0600) unless TOOLSMITH_ENCRYPTION_KEY is set.
 * Secrets (account credentials, auth-config credentials and webhook secrets, `secret` records) are sealed with
 * AES-256-GCM before they reach the log and stay sealed in the replayed state; the credentials of recently used
 * accounts are also kept decrypted in a bounded cache (credential-cache.ts) keyed by the sealed text they came from.
 */
import { createHash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { AccountFilter, AuthConfigRecord, ConnectedAccountRecord, Store } from './types.js';
import { ToolsmithError } from '../errors.js';
import { AppendLog, type LogEntry, type Mutation } from './append-log.js';
import {
  checkAccountRecord, checkAuthConfigRecord, jsonCopy, newestFirst, recordContext, redactedAccount, sealAccount, sealAuthConfig,
  unsealAccount, unsealAuthConfig, type StoredAccount,
} from './codec.js';
import { Sealer, loadEncryptionKey } from './encryption.js';
import { acquireFileLock, KeyedMutex } from './file-lock.js';
import { CredentialCache } from './credential-cache.js';
import { FileState, recordEntry, userToolkitKey, type StoredValue } from './file-state.js';

export interface FileStoreOptions {
  /** Default `.toolsmith` (relative to the working directory). */
  readonly dir?: string;
  /** A 32-byte key; default TOOLSMITH_ENCRYPTION_KEY, else `<dir>/encryption.key` (created when absent). */
  readonly encryptionKey?: Buffer;
  /** How stale a plain read may be with respect to other processes' writes (ms, default 20). Writes and locks always sync. */
  readonly syncMs?: number;
  /** How long to wait for another process's lock before failing (default 60 s). */
  readonly lockTimeoutMs?: number;
  /** Accounts whose credentials stay decrypted in memory (least recently used out); 0 disables. Default 10,000. */
  readonly credentialCacheSize?: number;
  /** The clock for record TTLs (tests). */
  readonly now?: () => number;
  readonly env?: NodeJS.ProcessEnv;
}

type AccountPatch = Parameters<Store['accounts']['update']>[1];

export async function createFileStore(options: FileStoreOptions = {}): Promise<Store> {
  const dir = resolve(options.dir ?? '.toolsmith');
  await mkdir(join(dir, 'locks'), { recursive: true, mode: 0o700 }).catch((error: unknown) => {
    throw new ToolsmithError('STORE_ERROR', `Cannot create the store directory ${dir}: ${(error as Error).message}`);
  });
  const key = options.encryptionKey
    ?? await loadEncryptionKey({ keyFile: join(dir, 'encryption.key'), ...(options.env ? { env: options.env } : {}) });
  const sealer = new Sealer(key);
  const state = new FileState(sealer, `the store in ${dir}`);
  const log = new AppendLog(join(dir, 'store.log'), join(dir, 'store.lock'), state,
    { syncMs: options.syncMs ?? 20, ...(options.lockTimeoutMs === undefined ? {} : { lockTimeoutMs: options.lockTimeoutMs }) });
  await log.open();
  return new FileStore(dir, log, state, sealer, options);
}

class FileStore implements Store {
  readonly #accountMutex = new KeyedMutex();
  readonly #credentials: CredentialCache;
  readonly #now: () => number;
  #closed = false;

  constructor(
    private readonly dir: string,
    private readonly log: AppendLog,
    private readonly state: FileState,
    private readonly sealer: Sealer,
    private readonly options: FileStoreOptions,
  ) {
    this.#now = options.now ?? Date.now;
    this.#credentials = new CredentialCache(options.credentialCacheSize === undefined ? {} : { size: options.credentialCacheSize });
  }

  async #read(force = false): Promise<void> {
    this.#checkOpen();
    await this.log.sync(force);
  }

  #mutate<T>(fn: () => Mutation<T>): Promise<T> {
    this.#checkOpen();
    return this.log.mutate(fn);
  }

  #checkOpen(): void {
    if (this.#closed) throw new ToolsmithError('STORE_ERROR', `The file store in ${this.dir} is closed.`);
  }

  #account(id: string): ConnectedAccountRecord | undefined {
    const stored = this.state.accounts.get(id);
    return stored ? this.#open(stored) : undefined;
  }

  /** Unsealed, with fresh containers: callers may mutate what they get without touching the store's memory. */
  #open(stored: StoredAccount): ConnectedAccountRecord {
    const record = unsealAccount(this.sealer, stored, this.#credentials) as { -readonly [K in keyof ConnectedAccountRecord]: ConnectedAccountRecord[K] };
    // unsealAccount made a new object; give it its own containers too.
    record.connection = { ...record.connection };
    record.scopes = [...record.scopes];
    return record;
  }

  #value(collection: string, key: string, stored: StoredValue): unknown {
    return stored.secret ? this.sealer.unseal(String(stored.value), recordContext(collection, key)) : jsonCopy(stored.value);
  }

  #recordEntries(collection: string, key: string, value: unknown, options?: { ttlMs?: number; secret?: boolean }): LogEntry[] {
    if (value === undefined) throw new ToolsmithError('STORE_ERROR', `Cannot store undefined under ${collection}/${key}.`);
    const secret = options?.secret === true;
    const ttl = options?.ttlMs;
    const stored: StoredValue = {
      value: secret ? this.sealer.seal(value, recordContext(collection, key)) : jsonCopy(value),
      secret,
      ...(ttl === undefined ? {} : { expiresAt: this.#now() + ttl }),
    };
    return [recordEntry(collection, key, stored)];
  }

  readonly accounts: Store['accounts'] = {
    insert: async (record) => {
      checkAccountRecord(record);
      const sealed = sealAccount(this.sealer, jsonCopy(record));
      await this.#mutate(() => {
        if (this.state.accounts.has(record.id)) {
          throw new ToolsmithError('STORE_ERROR', `A connected account with id ${record.id} already exists.`);
        }
        return { entries: [{ t: 'a', r: sealed }], result: undefined };
      });
    },
    update: async (id: string, patch: AccountPatch) => this.#mutate(() => {
      const current = this.#account(id);
      if (!current) throw new ToolsmithError('CONNECTED_ACCOUNT_NOT_FOUND', `Connected account ${id} was not found.`, { connectedAccountId: id });
      const next: ConnectedAccountRecord = jsonCopy({
        ...current, ...patch,
        id: current.id, userId: current.userId, toolkit: current.toolkit, createdAt: current.createdAt,
        updatedAt: patch.updatedAt ?? new Date(this.#now()).toISOString(),
      });
      checkAccountRecord(next);
      const sealed = sealAccount(this.sealer, next);
      // Harmless if the append then fails: no stored record will ever hold this sealed text.
      this.#credentials.remember(id, sealed.credentials, next.credentials);
      return { entries: [{ t: 'a', r: sealed }], result: next };
    }),
    get: async (id) => {
      await this.#read();
      return this.#account(id);
    },
    list: async (filter: AccountFilter = {}) => {
      await this.#read();
      let ids: Iterable<string>;
      if (filter.userId !== undefined && filter.toolkit !== undefined) {
        ids = this.state.byUserToolkit.get(userToolkitKey(filter.userId, filter.toolkit)) ?? [];
      } else if (filter.userId !== undefined) ids = this.state.byUser.get(filter.userId) ?? [];
      else if (filter.toolkit !== undefined) ids = this.state.byToolkit.get(filter.toolkit) ?? [];
      else ids = this.state.accounts.keys();
      // selectAccount asks for one status on every call: no Set for that.
      const only = filter.statuses?.length === 1 ? filter.statuses[0] : undefined;
      const statuses = filter.statuses && only === undefined ? new Set(filter.statuses) : undefined;
      const rows = [];
      for (const id of ids) {
        const stored = this.state.accounts.get(id);
        if (stored && (only !== undefined ? stored.status === only : !statuses || statuses.has(stored.status))) rows.push(stored);
      }
      if (rows.length > 1) rows.sort(newestFirst);
      return filter.redacted === true ? rows.map((stored) => redactedAccount(stored) ?? this.#open(stored)) : rows.map((stored) => this.#open(stored));
    },
    delete: async (id) => {
      const deleted = await this.#mutate(() => {
        const exists = this.state.accounts.has(id);
        return { entries: exists ? [{ t: 'a-', id }] : [], result: exists };
      });
      this.#credentials.delete(id);
      return deleted;
    },
  };

  readonly authConfigs: Store['authConfigs'] = {
    insert: async (record: AuthConfigRecord) => {
      checkAuthConfigRecord(record);
      const sealed = sealAuthConfig(this.sealer, jsonCopy(record));
      await this.#mutate(() => {
        if (this.state.authConfigs.has(record.id)) {
          throw new ToolsmithError('STORE_ERROR', `An auth config with id ${record.id} already exists.`);
        }
        return { entries: [{ t: 'c', r: sealed }], result: undefined };
      });
    },
    get: async (id) => {
      await this.#read();
      const stored = this.state.authConfigs.get(id);
      return stored ? unsealAuthConfig(this.sealer, stored) : undefined;
    },
    list: async (filter = {}) => {
      await this.#read();
      return [...this.state.authConfigs.values()]
        .filter((stored) => filter.toolkit === undefined || stored.toolkit === filter.toolkit)
        .sort(newestFirst)
        .map((stored) => unsealAuthConfig(this.sealer, stored));
    },
    delete: async (id) => this.#mutate(() => {
      const exists = this.state.authConfigs.has(id);
      return { entries: exists ? [{ t: 'c-', id }] : [], result: exists };
    }),
  };

  readonly records: Store['records'] = {
    get: async <T>(collection: string, key: string) => {
      await this.#read();
      const stored = this.state.liveRecord(collection, key, this.#now());
      return stored ? (this.#value(collection, key, stored) as T) : undefined;
    },
    put: async (collection, key, value, options) => {
      const entries = this.#recordEntries(collection, key, value, options);
      await this.#mutate(() => ({ entries, result: undefined }));
    },
    putIfAbsent: async (collection, key, value, options) => {
      const entries = this.#recordEntries(collection, key, value, options);
      return this.#mutate(() => {
        const present = this.state.liveRecord(collection, key, this.#now()) !== undefined;
        return { entries: present ? [] : entries, result: !present };
      });
    },
    take: async <T>(collection: string, key: string) => this.#mutate(() => {
      const stored = this.state.liveRecord(collection, key, this.#now());
      if (!stored) return { entries: [], result: undefined as T | undefined };
      return { entries: [{ t: 'r-', c: collection, k: key }], result: this.#value(collection, key, stored) as T };
    }),
    delete: async (collection, key) => this.#mutate(() => {
      const present = this.state.liveRecord(collection, key, this.#now()) !== undefined;
      return { entries: present ? [{ t: 'r-', c: collection, k: key }] : [], result: present };
    }),
    list: async <T>(collection: string, options?: { prefix?: string }) => {
      await this.#read();
      const now = this.#now();
      const rows: Array<{ key: string; value: T }> = [];
      for (const key of [...(this.state.records.get(collection)?.keys() ?? [])].sort()) {
        if (options?.prefix !== undefined && !key.startsWith(options.prefix)) continue;
        const stored = this.state.liveRecord(collection, key, now);
        if (stored) rows.push({ key, value: this.#value(collection, key, stored) as T });
      }
      return rows;
    },
  };

  async withAccountLock<T>(accountId: string, fn: (fresh: ConnectedAccountRecord) => Promise<T>): Promise<T> {
    this.#checkOpen();
    return this.#accountMutex.run(accountId, async () => {
      const name = createHash('sha256').update(accountId).digest('hex').slice(0, 32);
      const release = await acquireFileLock(join(this.dir, 'locks', `${name}.lock`),
        this.options.lockTimeoutMs === undefined ? {} : { timeoutMs: this.options.lockTimeoutMs });
      try {
        // Another process may have refreshed while we waited: read what is on disk now.
        await this.#read(true);
        const fresh = this.#account(accountId);
        if (!fresh) {
          throw new ToolsmithError('CONNECTED_ACCOUNT_NOT_FOUND', `Connected account ${accountId} was not found.`,
            { connectedAccountId: accountId });
        }
        return await fn(fresh);
      } finally {
        await release();
      }
    });
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    await this.log.drain();
    this.#closed = true;
    this.#credentials.clear();
  }
}
