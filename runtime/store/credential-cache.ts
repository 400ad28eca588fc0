/**
 * Decrypted account credentials kept in memory, so a tool call does not pay AES-GCM (≈ 30 µs) on every lookup.
 * An entry is keyed by the account id and the exact sealed text it was opened from. Every write seals with a fresh
 * IV, so a changed, refreshed, disabled-then-changed or re-created account never matches an old entry: the cache
 * needs no invalidation to stay correct, in this process or after another process appended to the store. The
 * sealed text is bound to its account id (associated data), so an entry can only ever serve that account.
 * Status (disabled, expired) is not part of the sealed part: callers check it on the record each time.
 * Bounded (see the class: two generations, the older dropped whole); `delete` frees an entry early when an account is removed.
 */
export interface CredentialCacheOptions {
  /** Accounts kept decrypted; 0 disables the cache. Default 10,000. */
  readonly size?: number;
}

type Credentials = Readonly<Record<string, string>>;

/**
 * Two generations instead of a strict LRU list: entries go into `young`; when it holds half the capacity it becomes
 * `old` and the previous `old` is dropped whole. A hit in `old` moves the entry back into `young`. No per-entry
 * deletion on the hot path (a Map used as an LRU list with delete/set piles up tombstones that eviction must skip).
 */
export class CredentialCache {
  #young = new Map<string, Entry>();
  #old = new Map<string, Entry>();
  readonly #half: number;

  constructor(options: CredentialCacheOptions = {}) {
    const size = Math.max(0, Math.floor(options.size ?? 10_000));
    this.#half = size === 0 ? 0 : Math.max(1, Math.ceil(size / 2));
  }

  /** A fresh copy of the credentials opened from `sealed` for account `id`, or undefined when not cached. */
  get(id: string, sealed: string): Record<string, string> | undefined {
    let hit = this.#young.get(id);
    if (hit === undefined) {
      hit = this.#old.get(id);
      if (hit === undefined || hit.sealed !== sealed) return undefined;
      this.#put(id, hit);
    } else if (hit.sealed !== sealed) {
      return undefined;
    }
    return { ...hit.credentials };
  }

  /** Records what was just decrypted or sealed, so the next read of that version needs no decryption. */
  remember(id: string, sealed: string, credentials: Credentials): void {
    if (this.#half === 0) return;
    this.#put(id, { sealed, credentials: Object.isFrozen(credentials) ? credentials : Object.freeze({ ...credentials }) });
  }

  delete(id: string): void {
    this.#young.delete(id);
    this.#old.delete(id);
  }

  clear(): void {
    this.#young.clear();
    this.#old.clear();
  }

  /** Entries held (an id present in both generations counts twice). */
  get count(): number {
    return this.#young.size + this.#old.size;
  }

  #put(id: string, entry: Entry): void {
    this.#young.set(id, entry);
    if (this.#young.size >= this.#half) {
      this.#old = this.#young;
      this.#young = new Map();
    }
  }
}

interface Entry { readonly sealed: string; readonly credentials: Credentials }
