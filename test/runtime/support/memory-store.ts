/** An in-memory Store for executor tests (the real stores are tested in test/store by their owner). */
import type { AuthConfigRecord, ConnectedAccountRecord, Store } from '../../../runtime/store/types.js';
import { ToolsmithError } from '../../../runtime/errors.js';

export function memoryStore(): Store {
  const accounts = new Map<string, ConnectedAccountRecord>();
  const configs = new Map<string, AuthConfigRecord>();
  const records = new Map<string, unknown>();
  const store: Store = {
    accounts: {
      insert: async (record) => { accounts.set(record.id, record); },
      update: async (id, patch) => {
        const current = accounts.get(id);
        if (!current) throw new ToolsmithError('CONNECTED_ACCOUNT_NOT_FOUND', `No account ${id}`);
        const next = { ...current, ...patch, updatedAt: new Date().toISOString() };
        accounts.set(id, next);
        return next;
      },
      get: async (id) => accounts.get(id),
      list: async (filter = {}) => [...accounts.values()]
        .filter((a) => (filter.userId === undefined || a.userId === filter.userId) && (filter.toolkit === undefined || a.toolkit === filter.toolkit)
          && (filter.statuses === undefined || filter.statuses.includes(a.status)))
        .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : a.id < b.id ? 1 : -1)),
      delete: async (id) => accounts.delete(id),
    },
    authConfigs: {
      insert: async (record) => { configs.set(record.id, record); },
      get: async (id) => configs.get(id),
      list: async (filter = {}) => [...configs.values()].filter((c) => filter.toolkit === undefined || c.toolkit === filter.toolkit),
      delete: async (id) => configs.delete(id),
    },
    records: {
      get: async <T>(collection: string, key: string) => records.get(`${collection}/${key}`) as T | undefined,
      put: async (collection, key, value) => { records.set(`${collection}/${key}`, value); },
      putIfAbsent: async (collection, key, value) => {
        if (records.has(`${collection}/${key}`)) return false;
        records.set(`${collection}/${key}`, value);
        return true;
      },
      take: async <T>(collection: string, key: string) => {
        const value = records.get(`${collection}/${key}`) as T | undefined;
        records.delete(`${collection}/${key}`);
        return value;
      },
      delete: async (collection, key) => records.delete(`${collection}/${key}`),
      list: async <T>(collection: string, options: { prefix?: string } = {}) => [...records.entries()]
        .filter(([key]) => key.startsWith(`${collection}/${options.prefix ?? ''}`))
        .map(([key, value]) => ({ key: key.slice(collection.length + 1), value: value as T })),
    },
    withAccountLock: async (id, fn) => {
      const account = accounts.get(id);
      if (!account) throw new ToolsmithError('CONNECTED_ACCOUNT_NOT_FOUND', `No account ${id}`);
      return fn(account);
    },
    close: async () => undefined,
  };
  return store;
}

let counter = 0;
/** An ACTIVE account record; `createdAt` increases per call so "newest" is well defined without the clock. */
export function account(partial: Partial<ConnectedAccountRecord> & Pick<ConnectedAccountRecord, 'userId' | 'toolkit' | 'scheme'>): ConnectedAccountRecord {
  counter++;
  const stamp = new Date(Date.UTC(2026, 0, 1, 0, 0, counter)).toISOString();
  return {
    id: `ca_test${counter}`, status: 'ACTIVE', credentials: {}, connection: {}, scopes: [], createdAt: stamp, updatedAt: stamp, ...partial,
  };
}
