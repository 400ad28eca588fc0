/**
 * The file store's memory: every entry of the log applied, with indexes by user + toolkit and by user so a
 * lookup among 100,000 accounts touches only that user's rows. Secrets stay sealed in memory too and are
 * opened only when a record is handed out.
 */
import type { LogEntry, LogState } from './append-log.js';
import type { StoredAccount, StoredAuthConfig } from './codec.js';
import type { Sealer } from './encryption.js';

export interface StoredValue {
  /** The JSON value, or a sealed string when `secret`. */
  readonly value: unknown;
  readonly secret: boolean;
  /** Epoch milliseconds. */
  readonly expiresAt?: number;
}

export const FORMAT_VERSION = 1;

function addTo(index: Map<string, Set<string>>, key: string, id: string): void {
  let set = index.get(key);
  if (!set) index.set(key, (set = new Set()));
  set.add(id);
}

function removeFrom(index: Map<string, Set<string>>, key: string, id: string): void {
  const set = index.get(key);
  if (!set) return;
  set.delete(id);
  if (set.size === 0) index.delete(key);
}

export const userToolkitKey = (userId: string, toolkit: string): string => `${userId}\u0000${toolkit}`;

export class FileState implements LogState {
  readonly accounts = new Map<string, StoredAccount>();
  readonly byUserToolkit = new Map<string, Set<string>>();
  readonly byUser = new Map<string, Set<string>>();
  readonly byToolkit = new Map<string, Set<string>>();
  readonly authConfigs = new Map<string, StoredAuthConfig>();
  readonly records = new Map<string, Map<string, StoredValue>>();
  #recordCount = 0;

  constructor(private readonly sealer: Sealer, private readonly where: string) {}

  header(): LogEntry {
    return { t: 'h', v: FORMAT_VERSION, kc: this.sealer.keyCheck };
  }

  reset(): void {
    this.accounts.clear();
    this.byUserToolkit.clear();
    this.byUser.clear();
    this.byToolkit.clear();
    this.authConfigs.clear();
    this.records.clear();
    this.#recordCount = 0;
  }

  liveCount(): number {
    return this.accounts.size + this.authConfigs.size + this.#recordCount;
  }

  *liveEntries(): Iterable<LogEntry> {
    for (const record of this.accounts.values()) yield { t: 'a', r: record };
    for (const record of this.authConfigs.values()) yield { t: 'c', r: record };
    const now = Date.now();
    for (const [collection, map] of this.records) {
      for (const [key, stored] of map) {
        if (stored.expiresAt !== undefined && stored.expiresAt <= now) continue;
        yield recordEntry(collection, key, stored);
      }
    }
  }

  apply(entry: LogEntry): void {
    switch (entry.t) {
      case 'h':
        this.sealer.verifyKeyCheck(String(entry['kc']), this.where);
        return;
      case 'a': this.#putAccount(entry['r'] as StoredAccount); return;
      case 'a-': this.#deleteAccount(String(entry['id'])); return;
      case 'c': { const record = entry['r'] as StoredAuthConfig; this.authConfigs.set(record.id, record); return; }
      case 'c-': this.authConfigs.delete(String(entry['id'])); return;
      case 'r': {
        const expiresAt = typeof entry['e'] === 'number' ? entry['e'] : undefined;
        this.#putRecord(String(entry['c']), String(entry['k']),
          { value: entry['v'], secret: entry['s'] === 1, ...(expiresAt === undefined ? {} : { expiresAt }) });
        return;
      }
      case 'r-': this.deleteRecord(String(entry['c']), String(entry['k'])); return;
      default: return; // entries of a newer version are skipped, not fatal
    }
  }

  /** A live record (an expired one is dropped from memory; compaction drops it from the file). */
  liveRecord(collection: string, key: string, now: number): StoredValue | undefined {
    const stored = this.records.get(collection)?.get(key);
    if (stored?.expiresAt !== undefined && stored.expiresAt <= now) {
      this.deleteRecord(collection, key);
      return undefined;
    }
    return stored;
  }

  deleteRecord(collection: string, key: string): boolean {
    const map = this.records.get(collection);
    if (!map?.delete(key)) return false;
    this.#recordCount -= 1;
    if (map.size === 0) this.records.delete(collection);
    return true;
  }

  #putRecord(collection: string, key: string, stored: StoredValue): void {
    let map = this.records.get(collection);
    if (!map) this.records.set(collection, (map = new Map()));
    if (!map.has(key)) this.#recordCount += 1;
    map.set(key, stored);
  }

  #putAccount(record: StoredAccount): void {
    const previous = this.accounts.get(record.id);
    if (previous) this.#deleteAccount(previous.id);
    this.accounts.set(record.id, record);
    addTo(this.byUserToolkit, userToolkitKey(record.userId, record.toolkit), record.id);
    addTo(this.byUser, record.userId, record.id);
    addTo(this.byToolkit, record.toolkit, record.id);
  }

  #deleteAccount(id: string): void {
    const record = this.accounts.get(id);
    if (!record) return;
    this.accounts.delete(id);
    removeFrom(this.byUserToolkit, userToolkitKey(record.userId, record.toolkit), id);
    removeFrom(this.byUser, record.userId, id);
    removeFrom(this.byToolkit, record.toolkit, id);
  }
}

export function recordEntry(collection: string, key: string, stored: StoredValue): LogEntry {
  return {
    t: 'r', c: collection, k: key, v: stored.value,
    ...(stored.secret ? { s: 1 } : {}),
    ...(stored.expiresAt === undefined ? {} : { e: stored.expiresAt }),
  };
}
