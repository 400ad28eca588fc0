/**
 * What both stores write: records with their secret parts sealed (see encryption.ts), and the checks that keep
 * a malformed record out. The associated data names the row, so a sealed value only opens where it was written.
 */
import type { AuthConfigRecord, ConnectedAccountRecord } from './types.js';
import type { Sealer } from './encryption.js';
import type { CredentialCache } from './credential-cache.js';
import { ToolsmithError } from '../errors.js';
import { REDACTED } from '../auth/secrets.js';

/**
 * A connected account as stored: credentials sealed as one value, and (for records with `publicFields`) a redacted
 * view in clear (public values, `[redacted]` for the rest) that listings return without decrypting.
 */
export type StoredAccount = Omit<ConnectedAccountRecord, 'credentials'> & {
  readonly credentials: string;
  readonly publicView?: Readonly<Record<string, string>>;
};
/** An auth config as stored: credentials and webhook secret sealed. */
export type StoredAuthConfig = Omit<AuthConfigRecord, 'credentials' | 'webhookSecret'> & {
  readonly credentials: string;
  readonly webhookSecret?: string;
};

export const accountContext = (id: string): string => `account:${id}`;
export const authConfigContext = (id: string): string => `auth-config:${id}`;
export const webhookSecretContext = (id: string): string => `auth-config-webhook:${id}`;
export const recordContext = (collection: string, key: string): string => `record:${collection}:${key}`;

export function sealAccount(sealer: Sealer, record: ConnectedAccountRecord): StoredAccount {
  const stored = { ...record, credentials: sealer.seal(record.credentials, accountContext(record.id)) };
  if (record.publicFields === undefined) return stored;
  const visible = new Set(record.publicFields);
  const publicView: Record<string, string> = {};
  for (const [name, value] of Object.entries(record.credentials)) publicView[name] = visible.has(name) ? value : REDACTED;
  return { ...stored, publicView };
}

/** The record with its redacted view as credentials, or undefined when it was written without `publicFields`. */
export function redactedAccount(stored: StoredAccount): ConnectedAccountRecord | undefined {
  const { publicView, ...rest } = stored;
  if (publicView === undefined) return undefined;
  return { ...rest, credentials: { ...publicView }, connection: { ...rest.connection }, scopes: [...rest.scopes] };
}

/** Opens the credentials (through `cache` when given: decrypted once per stored version). */
export function unsealAccount(sealer: Sealer, stored: StoredAccount, cache?: CredentialCache): ConnectedAccountRecord {
  let credentials = cache?.get(stored.id, stored.credentials);
  if (credentials === undefined) {
    credentials = sealer.unseal<Record<string, string>>(stored.credentials, accountContext(stored.id));
    cache?.remember(stored.id, stored.credentials, credentials);
  }
  const { publicView: _view, ...rest } = stored;
  return { ...rest, credentials };
}

export function sealAuthConfig(sealer: Sealer, record: AuthConfigRecord): StoredAuthConfig {
  const { webhookSecret, ...rest } = record;
  return {
    ...rest,
    credentials: sealer.seal(record.credentials, authConfigContext(record.id)),
    ...(webhookSecret === undefined ? {} : { webhookSecret: sealer.seal(webhookSecret, webhookSecretContext(record.id)) }),
  };
}

export function unsealAuthConfig(sealer: Sealer, stored: StoredAuthConfig): AuthConfigRecord {
  const { webhookSecret, ...rest } = stored;
  return {
    ...rest,
    credentials: sealer.unseal<Record<string, string>>(stored.credentials, authConfigContext(stored.id)),
    ...(webhookSecret === undefined ? {} : { webhookSecret: sealer.unseal<string>(webhookSecret, webhookSecretContext(stored.id)) }),
  };
}

function checkStrings(value: unknown, what: string): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ToolsmithError('STORE_ERROR', `${what} must be an object of strings.`);
  }
  for (const [key, item] of Object.entries(value)) {
    if (typeof item !== 'string') throw new ToolsmithError('STORE_ERROR', `${what}.${key} must be a string, not ${typeof item}.`);
  }
}

/** Rejects records that would be stored half-formed (ids, owner, timestamps, string maps). */
export function checkAccountRecord(record: ConnectedAccountRecord): void {
  for (const field of ['id', 'userId', 'toolkit', 'scheme', 'status', 'createdAt', 'updatedAt'] as const) {
    if (typeof record[field] !== 'string' || record[field] === '') {
      throw new ToolsmithError('STORE_ERROR', `Connected account field "${field}" must be a non-empty string.`);
    }
  }
  checkStrings(record.credentials, 'Connected account credentials');
  checkStrings(record.connection, 'Connected account connection');
  if (!Array.isArray(record.scopes)) throw new ToolsmithError('STORE_ERROR', 'Connected account scopes must be an array.');
  if (record.publicFields !== undefined && (!Array.isArray(record.publicFields) || record.publicFields.some((name) => typeof name !== 'string'))) {
    throw new ToolsmithError('STORE_ERROR', 'Connected account publicFields must be an array of field names.');
  }
}

export function checkAuthConfigRecord(record: AuthConfigRecord): void {
  for (const field of ['id', 'toolkit', 'scheme', 'createdAt'] as const) {
    if (typeof record[field] !== 'string' || record[field] === '') {
      throw new ToolsmithError('STORE_ERROR', `Auth config field "${field}" must be a non-empty string.`);
    }
  }
  checkStrings(record.credentials, 'Auth config credentials');
}

/** Newest first by createdAt, then id (the order `accounts.list` promises). */
export function newestFirst(a: { createdAt: string; id: string }, b: { createdAt: string; id: string }): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/** JSON round trip: what a store hands back never aliases what the caller passed in. */
export function jsonCopy<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}
