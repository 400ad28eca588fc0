/**
 * Usable credentials for a call. OAuth2 access tokens are refreshed shortly before they expire (or on demand after
 * a 401): single-flight per account inside the process, and serialized across processes by `store.withAccountLock`,
 * which hands over the record as it is now — when another process refreshed meanwhile, its token is used as is.
 * Rotated refresh tokens are stored; client_credentials tokens are minted again; a refused refresh token
 * (invalid_grant) marks the account EXPIRED.
 */
import type { ConnectedAccountRecord, Store } from '../store/types.js';
import type { OAuth2Scheme } from '../types.js';
import { ToolsmithError } from '../errors.js';
import { loadAuthConfig } from '../accounts/auth-configs-api.js';
import { findToolkit, nowOf, type AccountsContext } from '../accounts/context.js';
import { assertUsable } from '../accounts/select-account.js';
import { parseExpiry } from '../accounts/validate.js';
import { TokenEndpointError, renderEndpoint, requestToken, tokenToCredentials, type ClientCredentials } from './oauth2-client.js';

export interface ResolveOptions {
  /** Refresh even if the token looks valid (after a 401), unless another caller already replaced that token. */
  readonly forceRefresh?: boolean;
}

const DEFAULT_MARGIN_MS = 60_000;
/** In-flight refreshes per store and account id: concurrent callers share one. */
const inFlight = new WeakMap<Store, Map<string, Promise<ConnectedAccountRecord>>>();

function oauth2SchemeOf(ctx: AccountsContext, account: ConnectedAccountRecord): OAuth2Scheme | undefined {
  if (account.scheme !== 'oauth2') return undefined;
  const scheme = findToolkit(ctx, account.toolkit).auth.find((candidate) => candidate.scheme === 'oauth2');
  return scheme?.scheme === 'oauth2' ? scheme : undefined;
}

function needsRefresh(ctx: AccountsContext, account: ConnectedAccountRecord): boolean {
  if (!account.credentials['access_token']) return true;
  const expiresAt = parseExpiry(account.credentials['expires_at']);
  return expiresAt !== undefined && expiresAt - (ctx.refreshMarginMs ?? DEFAULT_MARGIN_MS) <= nowOf(ctx);
}

/** True when the account can get a new access token without the user (refresh token or client credentials). */
export function canRefresh(ctx: AccountsContext, account: ConnectedAccountRecord): boolean {
  const scheme = oauth2SchemeOf(ctx, account);
  if (!scheme) return false;
  return scheme.grant === 'client_credentials' || Boolean(account.credentials['refresh_token']);
}

export async function resolveCredentials(
  ctx: AccountsContext, account: ConnectedAccountRecord, options: ResolveOptions = {},
): Promise<ConnectedAccountRecord> {
  assertUsable(account);
  const scheme = oauth2SchemeOf(ctx, account);
  if (!scheme) return account;
  if (!options.forceRefresh && !needsRefresh(ctx, account)) return account;

  let flights = inFlight.get(ctx.store);
  if (!flights) inFlight.set(ctx.store, (flights = new Map()));
  const running = flights.get(account.id);
  if (running) return running;
  const staleToken = account.credentials['access_token'];
  const flight = ctx.store.withAccountLock(account.id, async (fresh) => {
    assertUsable(fresh);
    const replaced = fresh.credentials['access_token'] !== staleToken;
    // Someone (another process, or an earlier flight) refreshed already: use their token.
    if (!needsRefresh(ctx, fresh) && (!options.forceRefresh || replaced)) return fresh;
    return refresh(ctx, fresh, scheme);
  });
  flights.set(account.id, flight);
  try {
    return await flight;
  } finally {
    if (flights.get(account.id) === flight) flights.delete(account.id);
  }
}

async function clientFor(ctx: AccountsContext, account: ConnectedAccountRecord): Promise<ClientCredentials> {
  if (account.authConfigId !== undefined) {
    const config = await loadAuthConfig(ctx, account.authConfigId);
    return { clientId: config.credentials['client_id'] ?? '', ...(config.credentials['client_secret'] ? { clientSecret: config.credentials['client_secret'] } : {}) };
  }
  const clientId = account.credentials['client_id'];
  if (!clientId) {
    throw new ToolsmithError('OAUTH_REFRESH_FAILED',
      `Connected account ${account.id} has no auth config or client_id to refresh its token with; create it with authConfigId.`,
      { connectedAccountId: account.id });
  }
  const clientSecret = account.credentials['client_secret'];
  return { clientId, ...(clientSecret ? { clientSecret } : {}) };
}

async function expire(ctx: AccountsContext, account: ConnectedAccountRecord, reason: string): Promise<never> {
  await ctx.store.accounts.update(account.id, { status: 'EXPIRED', statusReason: reason });
  throw new ToolsmithError('CONNECTED_ACCOUNT_EXPIRED',
    `Connected account ${account.id} (${account.toolkit}) has expired: ${reason}; the user must connect again.`,
    { connectedAccountId: account.id, toolkit: account.toolkit });
}

async function refresh(ctx: AccountsContext, account: ConnectedAccountRecord, scheme: OAuth2Scheme): Promise<ConnectedAccountRecord> {
  const mint = scheme.grant === 'client_credentials';
  const refreshToken = account.credentials['refresh_token'];
  if (!mint && !refreshToken) return expire(ctx, account, 'the access token expired and there is no refresh token');
  const client = await clientFor(ctx, account);
  const where = `${mint ? 'tokenUrl' : 'refreshUrl'} of ${account.toolkit}`;
  try {
    const token = await requestToken({
      url: renderEndpoint(mint ? scheme.tokenUrl : scheme.refreshUrl ?? scheme.tokenUrl, account.connection, where),
      authMethod: scheme.tokenAuthMethod,
      client,
      params: mint
        ? { grant_type: 'client_credentials', scope: account.scopes.join(scheme.scopeSeparator || ' ') || undefined }
        : { grant_type: 'refresh_token', refresh_token: refreshToken },
      fetch: ctx.fetch ?? fetch,
      timeoutMs: ctx.tokenTimeoutMs ?? 30_000,
      errorCode: 'OAUTH_REFRESH_FAILED',
    });
    const credentials = tokenToCredentials(token, account.credentials, nowOf(ctx));
    return await ctx.store.accounts.update(account.id, { credentials });
  } catch (error) {
    if (error instanceof TokenEndpointError && error.oauthError === 'invalid_grant') {
      return expire(ctx, account, mint ? 'the token endpoint refused the client credentials grant (invalid_grant)'
        : 'the refresh token was revoked or has expired (invalid_grant)');
    }
    throw error;
  }
}
