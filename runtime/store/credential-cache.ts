/**
 * Decrypted account credentials kept in memory, so a tool call does not pay AES-GCM (≈ 30 µs) on every lookup.
 * An entry is keyed by the account id and the exact sealed text it was opened from. Every write seals with a fresh
 * IV, so a changed, refreshed, disabled-then-changed or re-created account never matches an old entry: the cache
 * needs no invalidation to stay correct, in this process or after another process appended to the store. The
 * sealed text is bound to its account id (associated data), so an entry can only ever serve that account.
 * Status (disabled, expired) is not part of the sealed part: callers check it on the record each time.
 * Bounded (least recently used first out); `delete` frees an entry early when an account is removed.
 */
export interface CredentialCacheOptions {
  /** Accounts kept decrypted; 0 disables the cache. Default 10,000. */
  readonly size?: number;
}

type Credentials = Readonly<Record<string, string>>;

export class CredentialCache {
  readonly #entries = new Map<string, { readonly sealed: string; readonly credentials: Credentials }>();
  readonly #size: number;

  constructor(options: CredentialCacheOptions = {}) {
    this.#size = Math.max(0, Math.floor(options.size ?? 10_000));
  }

  /** A fresh copy of the credentials opened from `sealed` for account `id`, or undefined when not cached. */
  get(id: string, sealed: string): Record<string, string> | undefined {
    const hit = this.#entries.get(id);
    if (hit === undefined || hit.sealed !== sealed) return undefined;
    // Move to the young end of the map (insertion order is the LRU order).
    this.#entries.delete(id);
    this.#entries.set(id, hit);
    return { ...hit.credentials };
  }

  /** Records what a write just sealed, so the next read of that version needs no decryption. */
  remember(id: string, sealed: string, credentials: Credentials): void {
    if (this.#size === 0) return;
    this.#entries.delete(id);
    this.#entries.set(id, { sealed, credentials: Object.isFrozen(credentials) ? credentials : Object.freeze({ ...credentials }) });
    if (this.#entries.size > this.#size) {
      const oldest = this.#entries.keys().next();
      if (!oldest.done) this.#entries.delete(oldest.value);
    }
  }

  delete(id: string): void {
    this.#entries.delete(id);
  }

  clear(): void {
    this.#entries.clear();
  }

  get count(): number {
    return this.#entries.size;
  }
}
