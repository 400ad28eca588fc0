/**
 * Storage behind the runtime. Two real implementations: the embedded file store under `.toolsmith/`
 * (secrets encrypted at rest) and PostgreSQL. Stores hold records; they never log or print secrets.
 */
import type { AuthSchemeName } from '../types.js';

export type ConnectedAccountStatus = 'INITIATED' | 'ACTIVE' | 'INACTIVE' | 'EXPIRED' | 'FAILED';

export interface ConnectedAccountRecord {
  /** `ca_…` */
  readonly id: string;
  readonly userId: string;
  readonly toolkit: string;
  readonly scheme: AuthSchemeName;
  /** The auth config (`ac_…`) whose client credentials an OAuth2 account refreshes with. */
  readonly authConfigId?: string;
  readonly status: ConnectedAccountStatus;
  /** Why the status is what it is (e.g. "refresh token revoked"), never a secret. */
  readonly statusReason?: string;
  /** Secret and non-secret credential values by field name (access_token, refresh_token, expires_at, api_key…). */
  readonly credentials: Readonly<Record<string, string>>;
  /** Non-secret connection fields (`{{connection.x}}`). */
  readonly connection: Readonly<Record<string, string>>;
  /**
   * Credential field names that are not secret under the account's scheme (set by the accounts API). Stores keep a
   * redacted view (these values in clear, every other value `[redacted]`) so listings need not decrypt anything.
   */
  readonly publicFields?: readonly string[];
  readonly scopes: readonly string[];
  /** ISO 8601. */
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface AuthConfigRecord {
  /** `ac_…` */
  readonly id: string;
  readonly toolkit: string;
  readonly scheme: AuthSchemeName;
  readonly name?: string;
  /** The app's own credentials (client_id, client_secret…). */
  readonly credentials: Readonly<Record<string, string>>;
  readonly scopes: readonly string[];
  /** One signing secret for every webhook event of this app (Slack, Stripe…). */
  readonly webhookSecret?: string;
  readonly createdAt: string;
}

export interface AccountFilter {
  readonly userId?: string;
  readonly toolkit?: string;
  readonly statuses?: readonly ConnectedAccountStatus[];
  /**
   * True: the caller only needs the redacted view of credentials. Records written with `publicFields` then come back
   * with credentials holding those values and `[redacted]` for every other field, without decryption.
   */
  readonly redacted?: boolean;
}

export interface Store {
  readonly accounts: {
    insert(record: ConnectedAccountRecord): Promise<void>;
    /** Applies the patch and returns the updated record; throws CONNECTED_ACCOUNT_NOT_FOUND. */
    update(id: string, patch: Partial<Omit<ConnectedAccountRecord, 'id' | 'userId' | 'toolkit' | 'createdAt'>>): Promise<ConnectedAccountRecord>;
    get(id: string): Promise<ConnectedAccountRecord | undefined>;
    /** Newest first (by createdAt, then id). */
    list(filter?: AccountFilter): Promise<ConnectedAccountRecord[]>;
    delete(id: string): Promise<boolean>;
  };
  readonly authConfigs: {
    insert(record: AuthConfigRecord): Promise<void>;
    get(id: string): Promise<AuthConfigRecord | undefined>;
    list(filter?: { readonly toolkit?: string }): Promise<AuthConfigRecord[]>;
    delete(id: string): Promise<boolean>;
  };
  /**
   * Generic JSON records by collection, for everything else: OAuth2 states, trigger instances, poll cursors,
   * seen webhook ids, dead letters. Values are JSON-serializable; a `secret` value is encrypted at rest.
   */
  readonly records: {
    get<T = unknown>(collection: string, key: string): Promise<T | undefined>;
    put(collection: string, key: string, value: unknown, options?: { readonly ttlMs?: number; readonly secret?: boolean }): Promise<void>;
    /** Stores only when the key is absent (or expired); true when stored. Atomic across processes. */
    putIfAbsent(collection: string, key: string, value: unknown, options?: { readonly ttlMs?: number; readonly secret?: boolean }): Promise<boolean>;
    /** Deletes and returns the value, atomically (take-once, e.g. an OAuth2 state). */
    take<T = unknown>(collection: string, key: string): Promise<T | undefined>;
    delete(collection: string, key: string): Promise<boolean>;
    list<T = unknown>(collection: string, options?: { readonly prefix?: string }): Promise<Array<{ key: string; value: T }>>;
  };
  /**
   * Runs `fn` holding an exclusive lock on the account, across processes where the store is shared
   * (PostgreSQL: `SELECT … FOR UPDATE`). `fn` receives the freshly read record. Used to serialize refreshes.
   */
  withAccountLock<T>(accountId: string, fn: (fresh: ConnectedAccountRecord) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
