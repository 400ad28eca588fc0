/**
 * `authConfigs.*`: an app's own credentials per toolkit (OAuth2 client id and secret, scopes, a webhook signing
 * secret), as in Composio. Ids `ac_…`. Returned objects show the client id, never the client secret.
 */
import { inspect } from 'node:util';
import type { AuthSchemeName } from '../types.js';
import type { AuthConfigRecord } from '../store/types.js';
import { ToolsmithError } from '../errors.js';
import { REDACTED } from '../auth/secrets.js';
import { findScheme, findToolkit, isoNow, newId, type AccountsContext } from './context.js';
import { validateScopes } from './validate.js';

export interface CreateAuthConfigOptions {
  /** Default: oauth2 when the toolkit has it, else its only scheme. */
  readonly scheme?: AuthSchemeName;
  readonly name?: string;
  /** oauth2: `client_id` (required) and `client_secret` (absent for a public client using PKCE). */
  readonly credentials?: Readonly<Record<string, string>>;
  /** Default: the scheme's defaultScopes. */
  readonly scopes?: readonly string[];
  readonly webhookSecret?: string;
}

export interface AuthConfigJson {
  readonly id: string;
  readonly toolkit: string;
  readonly scheme: AuthSchemeName;
  readonly name?: string;
  /** `client_id` shown; every other value `[redacted]`. */
  readonly credentials: Readonly<Record<string, string>>;
  readonly scopes: readonly string[];
  readonly hasWebhookSecret: boolean;
  readonly createdAt: string;
}

export class AuthConfig implements AuthConfigJson {
  readonly id: string;
  readonly toolkit: string;
  readonly scheme: AuthSchemeName;
  readonly name?: string;
  readonly credentials: Readonly<Record<string, string>>;
  readonly scopes: readonly string[];
  readonly hasWebhookSecret: boolean;
  readonly createdAt: string;

  constructor(record: AuthConfigRecord) {
    this.id = record.id;
    this.toolkit = record.toolkit;
    this.scheme = record.scheme;
    if (record.name !== undefined) this.name = record.name;
    this.credentials = Object.freeze(Object.fromEntries(Object.entries(record.credentials)
      .map(([field, value]) => [field, field === 'client_id' ? value : REDACTED])));
    this.scopes = Object.freeze([...record.scopes]);
    this.hasWebhookSecret = record.webhookSecret !== undefined;
    this.createdAt = record.createdAt;
    Object.freeze(this);
  }

  toJSON(): AuthConfigJson {
    return {
      id: this.id, toolkit: this.toolkit, scheme: this.scheme, ...(this.name === undefined ? {} : { name: this.name }),
      credentials: this.credentials, scopes: this.scopes, hasWebhookSecret: this.hasWebhookSecret, createdAt: this.createdAt,
    };
  }

  [inspect.custom](): string {
    return `AuthConfig ${inspect(this.toJSON())}`;
  }
}

export interface AuthConfigsApi {
  create(toolkit: string, options?: CreateAuthConfigOptions): Promise<AuthConfig>;
  /** Throws AUTH_CONFIG_NOT_FOUND. */
  get(id: string): Promise<AuthConfig>;
  list(filter?: { readonly toolkit?: string }): Promise<AuthConfig[]>;
  /** Throws AUTH_CONFIG_NOT_FOUND. Accounts created with it keep working until their token needs a refresh. */
  delete(id: string): Promise<void>;
}

/** The stored record with its secrets (for the OAuth2 flow and refreshes); throws AUTH_CONFIG_NOT_FOUND. */
export async function loadAuthConfig(ctx: AccountsContext, id: string): Promise<AuthConfigRecord> {
  const record = typeof id === 'string' && id !== '' ? await ctx.store.authConfigs.get(id) : undefined;
  if (!record) {
    throw new ToolsmithError('AUTH_CONFIG_NOT_FOUND',
      `Auth config ${typeof id === 'string' ? id : String(id)} was not found; create one with authConfigs.create().`, { authConfigId: id });
  }
  return record;
}

export function createAuthConfigsApi(ctx: AccountsContext): AuthConfigsApi {
  return {
    async create(toolkitSlug, options = {}) {
      const toolkit = findToolkit(ctx, toolkitSlug);
      const schemeName = options.scheme ?? (toolkit.auth.some((scheme) => scheme.scheme === 'oauth2') ? 'oauth2' : undefined);
      const scheme = findScheme(toolkit, schemeName);
      const credentials: Record<string, string> = {};
      for (const [field, value] of Object.entries(options.credentials ?? {})) {
        if (typeof value !== 'string') throw new ToolsmithError('INVALID_OPTIONS', `Auth config credential "${field}" must be a string.`);
        credentials[field] = value;
      }
      if (scheme.scheme === 'oauth2' && !credentials['client_id']) {
        throw new ToolsmithError('MISSING_CREDENTIALS',
          `An oauth2 auth config for ${toolkit.slug} needs credentials.client_id (and client_secret unless the client is public).`,
          { toolkit: toolkit.slug, fields: ['client_id'] });
      }
      if (options.webhookSecret !== undefined && (typeof options.webhookSecret !== 'string' || options.webhookSecret === '')) {
        throw new ToolsmithError('INVALID_OPTIONS', 'webhookSecret must be a non-empty string.');
      }
      const scopes = options.scopes === undefined && scheme.scheme === 'oauth2'
        ? [...scheme.defaultScopes]
        : validateScopes(options.scopes, 'Auth config scopes');
      const record: AuthConfigRecord = {
        id: newId('ac'), toolkit: toolkit.slug, scheme: scheme.scheme,
        ...(options.name === undefined ? {} : { name: options.name }),
        credentials, scopes,
        ...(options.webhookSecret === undefined ? {} : { webhookSecret: options.webhookSecret }),
        createdAt: isoNow(ctx),
      };
      await ctx.store.authConfigs.insert(record);
      return new AuthConfig(record);
    },
    async get(id) {
      return new AuthConfig(await loadAuthConfig(ctx, id));
    },
    async list(filter = {}) {
      return (await ctx.store.authConfigs.list(filter)).map((record) => new AuthConfig(record));
    },
    async delete(id) {
      if (!(await ctx.store.authConfigs.delete(id))) {
        throw new ToolsmithError('AUTH_CONFIG_NOT_FOUND', `Auth config ${id} was not found.`, { authConfigId: id });
      }
    },
  };
}
