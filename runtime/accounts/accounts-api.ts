/**
 * `connectedAccounts.*` (Composio-shaped): accounts are created from credentials obtained elsewhere or through
 * the OAuth2 flow; every read and change can be scoped to a user, and a foreign id behaves exactly like an
 * unknown one. Returned objects are `ConnectedAccount`s, which hold no secret.
 */
import type { AuthSchemeName } from '../types.js';
import type { ConnectedAccountRecord, ConnectedAccountStatus } from '../store/types.js';
import { ToolsmithError } from '../errors.js';
import { completeOAuth2, initiateOAuth2, type InitiatedConnection, type InitiateOptions } from '../auth/oauth2-flow.js';
import { loadAuthConfig } from './auth-configs-api.js';
import { publicFieldNames } from '../auth/secrets.js';
import { toConnectedAccount, type ConnectedAccount } from './connected-account.js';
import { findScheme, findToolkit, isoNow, newId, type AccountsContext } from './context.js';
import { loadOwnedAccount } from './select-account.js';
import { validateConnection, validateCredentials, validateScopes } from './validate.js';

export interface CreateAccountOptions {
  /** Default: the auth config's scheme, else the toolkit's only scheme. */
  readonly scheme?: AuthSchemeName;
  /** The auth config whose client refreshes OAuth2 tokens (and whose scheme the account uses). */
  readonly authConfigId?: string;
  readonly credentials?: Readonly<Record<string, string | number>>;
  readonly connection?: Readonly<Record<string, string>>;
  /** Default: the `scope` credential split, else the auth config's scopes. */
  readonly scopes?: readonly string[];
}

export interface ListAccountsFilter {
  readonly userId?: string;
  readonly userIds?: readonly string[];
  readonly toolkit?: string;
  readonly toolkits?: readonly string[];
  readonly statuses?: readonly ConnectedAccountStatus[];
  readonly authConfigIds?: readonly string[];
}

/** Scopes a call to one user: a foreign account then answers CONNECTED_ACCOUNT_NOT_FOUND. */
export interface UserScope { readonly userId?: string }

export interface AccountsApi {
  create(userId: string, toolkit: string, options: CreateAccountOptions): Promise<ConnectedAccount>;
  initiate(userId: string, authConfigId: string, options: InitiateOptions): Promise<InitiatedConnection>;
  complete(callbackUrl: string | URL): Promise<ConnectedAccount>;
  /** Newest first. */
  list(filter?: ListAccountsFilter): Promise<ConnectedAccount[]>;
  get(id: string, scope?: UserScope): Promise<ConnectedAccount>;
  delete(id: string, scope?: UserScope): Promise<void>;
  enable(id: string, scope?: UserScope): Promise<ConnectedAccount>;
  disable(id: string, scope?: UserScope): Promise<ConnectedAccount>;
}

function checkUserId(userId: unknown, what: string): string {
  if (typeof userId !== 'string' || userId.trim() === '') throw new ToolsmithError('INVALID_OPTIONS', `${what} needs a userId (a non-empty string).`);
  return userId;
}

export function createAccountsApi(ctx: AccountsContext): AccountsApi {
  const publicOf = (record: ConnectedAccountRecord): ConnectedAccount => {
    let toolkit;
    try { toolkit = findToolkit(ctx, record.toolkit); } catch { toolkit = undefined; }
    return toConnectedAccount(record, toolkit);
  };

  async function setStatus(id: string, scope: UserScope | undefined, status: 'ACTIVE' | 'INACTIVE'): Promise<ConnectedAccount> {
    const record = await loadOwnedAccount(ctx, id, scope?.userId);
    if (status === 'ACTIVE' && record.status !== 'INACTIVE' && record.status !== 'ACTIVE') {
      throw new ToolsmithError('INVALID_OPTIONS',
        `Connected account ${id} is ${record.status}; only a disabled account can be enabled (connect again instead).`,
        { connectedAccountId: id });
    }
    if (status === 'INACTIVE' && record.status !== 'ACTIVE' && record.status !== 'INACTIVE') {
      throw new ToolsmithError('INVALID_OPTIONS', `Connected account ${id} is ${record.status}; only an active account can be disabled.`,
        { connectedAccountId: id });
    }
    if (record.status === status) return publicOf(record);
    return publicOf(await ctx.store.accounts.update(id, { status, statusReason: undefined }));
  }

  return {
    async create(userId, toolkitSlug, options) {
      checkUserId(userId, 'connectedAccounts.create()');
      const toolkit = findToolkit(ctx, toolkitSlug);
      const config = options?.authConfigId === undefined ? undefined : await loadAuthConfig(ctx, options.authConfigId);
      if (config && config.toolkit !== toolkit.slug) {
        throw new ToolsmithError('INVALID_OPTIONS', `Auth config ${config.id} belongs to ${config.toolkit}, not ${toolkit.slug}.`,
          { authConfigId: config.id });
      }
      const scheme = findScheme(toolkit, options?.scheme ?? config?.scheme);
      const credentials = validateCredentials(toolkit, scheme, options?.credentials);
      const connection = validateConnection(toolkit, options?.connection);
      if (scheme.scheme === 'oauth2' && !config && !credentials['client_id']
        && (scheme.grant === 'client_credentials' || credentials['refresh_token'])) {
        throw new ToolsmithError('INVALID_OPTIONS',
          `An oauth2 account for ${toolkit.slug} that ${scheme.grant === 'client_credentials' ? 'mints' : 'refreshes'} tokens needs ` +
          'authConfigId (the OAuth2 client to use) or credentials.client_id.', { toolkit: toolkit.slug });
      }
      let scopes: string[];
      if (options?.scopes !== undefined) scopes = validateScopes(options.scopes, 'connectedAccounts.create() scopes');
      else if (credentials['scope']) scopes = credentials['scope'].split(/[\s,]+/).filter(Boolean);
      else scopes = [...(config?.scopes ?? [])];
      const now = isoNow(ctx);
      const record: ConnectedAccountRecord = {
        id: newId('ca'), userId, toolkit: toolkit.slug, scheme: scheme.scheme,
        ...(config ? { authConfigId: config.id } : {}),
        status: 'ACTIVE', credentials, connection, scopes, publicFields: publicFieldNames(scheme), createdAt: now, updatedAt: now,
      };
      await ctx.store.accounts.insert(record);
      return publicOf(record);
    },
    async initiate(userId, authConfigId, options) {
      return initiateOAuth2(ctx, checkUserId(userId, 'connectedAccounts.initiate()'), authConfigId, options);
    },
    async complete(callbackUrl) {
      return publicOf(await completeOAuth2(ctx, callbackUrl));
    },
    async list(filter = {}) {
      const userIds = [...(filter.userIds ?? []), ...(filter.userId === undefined ? [] : [filter.userId])];
      const toolkits = [...(filter.toolkits ?? []), ...(filter.toolkit === undefined ? [] : [filter.toolkit])];
      const statuses = filter.statuses;
      // Use the store's indexes for the common single-user (and single-toolkit) case.
      const base = {
        ...(userIds.length === 1 ? { userId: userIds[0] } : {}),
        ...(toolkits.length === 1 ? { toolkit: toolkits[0] } : {}),
        ...(statuses ? { statuses } : {}),
        redacted: true, // the public objects hold no secret: the store need not decrypt any
      };
      const rows = await ctx.store.accounts.list(base);
      return rows
        .filter((row) => userIds.length <= 1 || userIds.includes(row.userId))
        .filter((row) => toolkits.length <= 1 || toolkits.includes(row.toolkit))
        .filter((row) => !filter.authConfigIds || (row.authConfigId !== undefined && filter.authConfigIds.includes(row.authConfigId)))
        .map(publicOf);
    },
    async get(id, scope) {
      return publicOf(await loadOwnedAccount(ctx, id, scope?.userId));
    },
    async delete(id, scope) {
      await loadOwnedAccount(ctx, id, scope?.userId);
      await ctx.store.accounts.delete(id);
    },
    enable: (id, scope) => setStatus(id, scope, 'ACTIVE'),
    disable: (id, scope) => setStatus(id, scope, 'INACTIVE'),
  };
}
