/**
 * The account object users see: everything about a connected account except secret credential values, which are
 * replaced by `[redacted]` before the object is built. Since it never holds a secret, `JSON.stringify`, `console.log`
 * and error reporters cannot leak one.
 */
import { inspect } from 'node:util';
import type { AuthScheme, AuthSchemeName, CompiledToolkit } from '../types.js';
import type { ConnectedAccountRecord, ConnectedAccountStatus } from '../store/types.js';
import { redactCredentials } from '../auth/secrets.js';

export interface ConnectedAccountJson {
  readonly id: string;
  readonly userId: string;
  readonly toolkit: string;
  readonly scheme: AuthSchemeName;
  readonly authConfigId?: string;
  readonly status: ConnectedAccountStatus;
  readonly statusReason?: string;
  /** Non-secret credential fields as stored (expires_at, scope…); secret ones as `[redacted]`. */
  readonly credentials: Readonly<Record<string, string>>;
  readonly connection: Readonly<Record<string, string>>;
  readonly scopes: readonly string[];
  readonly createdAt: string;
  readonly updatedAt: string;
}

export class ConnectedAccount implements ConnectedAccountJson {
  readonly id: string;
  readonly userId: string;
  readonly toolkit: string;
  readonly scheme: AuthSchemeName;
  readonly authConfigId?: string;
  readonly status: ConnectedAccountStatus;
  readonly statusReason?: string;
  readonly credentials: Readonly<Record<string, string>>;
  readonly connection: Readonly<Record<string, string>>;
  readonly scopes: readonly string[];
  readonly createdAt: string;
  readonly updatedAt: string;

  constructor(record: ConnectedAccountRecord, scheme: AuthScheme | undefined) {
    this.id = record.id;
    this.userId = record.userId;
    this.toolkit = record.toolkit;
    this.scheme = record.scheme;
    if (record.authConfigId !== undefined) this.authConfigId = record.authConfigId;
    this.status = record.status;
    if (record.statusReason !== undefined) this.statusReason = record.statusReason;
    this.credentials = Object.freeze(redactCredentials(record.credentials, scheme));
    this.connection = Object.freeze({ ...record.connection });
    this.scopes = Object.freeze([...record.scopes]);
    this.createdAt = record.createdAt;
    this.updatedAt = record.updatedAt;
    Object.freeze(this);
  }

  /** True when tools can run with it. */
  get isActive(): boolean {
    return this.status === 'ACTIVE';
  }

  toJSON(): ConnectedAccountJson {
    return {
      id: this.id, userId: this.userId, toolkit: this.toolkit, scheme: this.scheme,
      ...(this.authConfigId === undefined ? {} : { authConfigId: this.authConfigId }),
      status: this.status,
      ...(this.statusReason === undefined ? {} : { statusReason: this.statusReason }),
      credentials: this.credentials, connection: this.connection, scopes: this.scopes,
      createdAt: this.createdAt, updatedAt: this.updatedAt,
    };
  }

  [inspect.custom](): string {
    return `ConnectedAccount ${inspect(this.toJSON(), { depth: 3 })}`;
  }
}

/** The public object for a stored record (secrets redacted by the toolkit scheme's field list). */
export function toConnectedAccount(record: ConnectedAccountRecord, toolkit: CompiledToolkit | undefined): ConnectedAccount {
  const scheme = toolkit?.auth.find((candidate) => candidate.scheme === record.scheme);
  return new ConnectedAccount(record, scheme);
}
