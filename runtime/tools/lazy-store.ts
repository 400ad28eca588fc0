/**
 * A Store that opens the real one on first use, so `new Toolsmith()` stays synchronous while the default
 * embedded store (which reads its key and log from disk) opens asynchronously.
 */
import type { Store } from '../store/types.js';

export function lazyStore(open: () => Promise<Store>): Store & { opened(): boolean } {
  let pending: Promise<Store> | undefined;
  const real = (): Promise<Store> => (pending ??= open().catch((error: unknown) => { pending = undefined; throw error; }));
  return {
    opened: () => pending !== undefined,
    accounts: {
      insert: async (record) => (await real()).accounts.insert(record),
      update: async (id, patch) => (await real()).accounts.update(id, patch),
      get: async (id) => (await real()).accounts.get(id),
      list: async (filter) => (await real()).accounts.list(filter),
      delete: async (id) => (await real()).accounts.delete(id),
    },
    authConfigs: {
      insert: async (record) => (await real()).authConfigs.insert(record),
      get: async (id) => (await real()).authConfigs.get(id),
      list: async (filter) => (await real()).authConfigs.list(filter),
      delete: async (id) => (await real()).authConfigs.delete(id),
    },
    records: {
      get: async <T>(collection: string, key: string) => (await real()).records.get<T>(collection, key),
      put: async (collection, key, value, options) => (await real()).records.put(collection, key, value, options),
      putIfAbsent: async (collection, key, value, options) => (await real()).records.putIfAbsent(collection, key, value, options),
      take: async <T>(collection: string, key: string) => (await real()).records.take<T>(collection, key),
      delete: async (collection, key) => (await real()).records.delete(collection, key),
      list: async <T>(collection: string, options?: { readonly prefix?: string }) => (await real()).records.list<T>(collection, options),
    },
    withAccountLock: async (id, fn) => (await real()).withAccountLock(id, fn),
    close: async () => { if (pending) await (await pending).close(); },
  };
}
