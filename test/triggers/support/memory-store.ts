/**
 * An in-memory Store for trigger tests until the file store lands: values round-trip through JSON
 * (like a real store), TTLs follow an injected clock, and `secret` values are kept apart so a test can
 * check that they were flagged for encryption.
 */
import type { AuthConfigRecord, ConnectedAccountRecord, Store } from '../../../runtime/store/types.js';

interface Entry { readonly json: string; readonly expiresAt?: number; readonly secret: boolean }

export class MemoryStore implements Store {
  readonly collections = new Map<string, Map<string, Entry>>();
  readonly accountRows = new Map<string, ConnectedAccountRecord>();
  readonly authRows = new Map<string, AuthConfigRecord>();
  /** A collection whose writes fail, so a test can make the store fail on purpose. */
  failPutsIn: string | undefined;

  constructor(private readonly now: () => number = () => Date.now()) {}

  #collection(name: string): Map<string, Entry> {
    let map = this.collections.get(name);
    if (!map) this.collections.set(name, (map = new Map()));
    return map;
  }

  #live(name: string, key: string): Entry | undefined {
    const entry = this.#collection(name).get(key);
    if (entry?.expiresAt !== undefined && entry.expiresAt <= this.now()) {
      this.#collection(name).delete(key);
      return undefined;
    }
    return entry;
  }

  readonly records: Store['records'] = {
    get: async <T>(collection: string, key: string) => {
      const entry = this.#live(collection, key);
      return entry ? (JSON.parse(entry.json) as T) : undefined;
    },
    put: async (collection, key, value, options) => {
      if (this.failPutsIn === collection) throw new Error('store unavailable');
      this.#collection(collection).set(key, { json: JSON.stringify(value), secret: options?.secret ?? false,
        ...(options?.ttlMs === undefined ? {} : { expiresAt: this.now() + options.ttlMs }) });
    },
    putIfAbsent: async (collection, key, value, options) => {
      if (this.#live(collection, key)) return false;
      await this.records.put(collection, key, value, options);
      return true;
    },
    take: async <T>(collection: string, key: string) => {
      const value = await this.records.get<T>(collection, key);
      this.#collection(collection).delete(key);
      return value;
    },
    delete: async (collection, key) => this.#collection(collection).delete(key),
    list: async <T>(collection: string, options?: { prefix?: string }) => [...this.#collection(collection).keys()]
      .filter((key) => !options?.prefix || key.startsWith(options.prefix))
      .map((key) => ({ key, entry: this.#live(collection, key) }))
      .filter((row): row is { key: string; entry: Entry } => row.entry !== undefined)
      .map(({ key, entry }) => ({ key, value: JSON.parse(entry.json) as T })),
  };

  readonly accounts: Store['accounts'] = {
    insert: async (record) => { this.accountRows.set(record.id, record); },
    update: async (id, patch) => {
      const current = this.accountRows.get(id);
      if (!current) throw new Error(`no account ${id}`);
      const next = { ...current, ...patch } as ConnectedAccountRecord;
      this.accountRows.set(id, next);
      return next;
    },
    get: async (id) => this.accountRows.get(id),
    list: async (filter = {}) => [...this.accountRows.values()].filter((row) =>
      (filter.userId === undefined || row.userId === filter.userId)
      && (filter.toolkit === undefined || row.toolkit === filter.toolkit)
      && (filter.statuses === undefined || filter.statuses.includes(row.status))),
    delete: async (id) => this.accountRows.delete(id),
  };

  readonly authConfigs: Store['authConfigs'] = {
    insert: async (record) => { this.authRows.set(record.id, record); },
    get: async (id) => this.authRows.get(id),
    list: async (filter = {}) => [...this.authRows.values()].filter((row) => filter.toolkit === undefined || row.toolkit === filter.toolkit),
    delete: async (id) => this.authRows.delete(id),
  };

  async withAccountLock<T>(accountId: string, fn: (fresh: ConnectedAccountRecord) => Promise<T>): Promise<T> {
    const account = this.accountRows.get(accountId);
    if (!account) throw new Error(`no account ${accountId}`);
    return fn(account);
  }

  async close(): Promise<void> {}
}
