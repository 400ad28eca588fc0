/**
 * The OAuth2 authorization-code connect flow: `initiate` stores an INITIATED account and a take-once state
 * (with the PKCE verifier, sealed, with a TTL) and returns the provider's authorization URL; `complete` takes the
 * state back from the callback URL, exchanges the code and makes the account ACTIVE. A wrong, expired or replayed
 * state is OAUTH_STATE_INVALID and touches no account.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { ConnectedAccountRecord } from '../store/types.js';
import { ToolsmithError } from '../errors.js';
import { loadAuthConfig } from '../accounts/auth-configs-api.js';
import { findOAuth2Scheme, findToolkit, isoNow, newId, nowOf, type AccountsContext } from '../accounts/context.js';
import { validateConnection, validateScopes } from '../accounts/validate.js';
import { grantedScopes, renderEndpoint, requestToken, tokenToCredentials } from './oauth2-client.js';
import { excerpt, publicFieldNames } from './secrets.js';
import { renderTemplate } from './template.js';

export const OAUTH2_STATES = 'oauth2_states';
const DEFAULT_STATE_TTL_MS = 10 * 60_000;

export interface InitiateOptions {
  /** Where the provider sends the browser back; must be registered with the provider. */
  readonly redirectUri: string;
  /** Default: the auth config's scopes. */
  readonly scopes?: readonly string[];
  /** The toolkit's connection fields (e.g. a subdomain used in the authorization URL). */
  readonly connection?: Readonly<Record<string, string>>;
}

export interface InitiatedConnection {
  /** The connected account (`ca_…`), INITIATED until `complete`. */
  readonly id: string;
  readonly redirectUrl: string;
  readonly status: 'INITIATED';
}

interface SavedState {
  readonly accountId: string;
  readonly userId: string;
  readonly authConfigId: string;
  readonly redirectUri: string;
  readonly scopes: readonly string[];
  readonly codeVerifier?: string;
}

function checkRedirectUri(value: unknown): string {
  if (typeof value !== 'string') throw new ToolsmithError('INVALID_OPTIONS', 'initiate() needs options.redirectUri (an absolute http(s) URL).');
  let url: URL;
  try { url = new URL(value); } catch { throw new ToolsmithError('INVALID_OPTIONS', `redirectUri "${value}" is not an absolute URL.`); }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ToolsmithError('INVALID_OPTIONS', 'redirectUri must be an http(s) URL.');
  if (url.hash !== '') throw new ToolsmithError('INVALID_OPTIONS', 'redirectUri must not contain a #fragment (RFC 6749 §3.1.2).');
  return value;
}

export async function initiateOAuth2(
  ctx: AccountsContext, userId: string, authConfigId: string, options: InitiateOptions,
): Promise<InitiatedConnection> {
  if (typeof userId !== 'string' || userId === '') throw new ToolsmithError('INVALID_OPTIONS', 'initiate() needs a userId.');
  const redirectUri = checkRedirectUri(options?.redirectUri);
  const config = await loadAuthConfig(ctx, authConfigId);
  const toolkit = findToolkit(ctx, config.toolkit);
  const scheme = findOAuth2Scheme(toolkit);
  if (config.scheme !== 'oauth2' || scheme.grant !== 'authorization_code' || scheme.authorizationUrl === undefined) {
    throw new ToolsmithError('INVALID_OPTIONS',
      `Auth config ${config.id} (${toolkit.slug}, ${config.scheme}${config.scheme === 'oauth2' ? ` ${scheme.grant}` : ''}) has no ` +
      'authorization step; create the account with connectedAccounts.create() instead.', { authConfigId: config.id });
  }
  const clientId = config.credentials['client_id'];
  if (!clientId) throw new ToolsmithError('MISSING_CREDENTIALS', `Auth config ${config.id} has no client_id.`, { authConfigId: config.id });
  const connection = validateConnection(toolkit, options.connection);
  const scopes = options.scopes === undefined ? [...config.scopes] : validateScopes(options.scopes, 'initiate() scopes');

  const state = randomBytes(32).toString('base64url');
  const codeVerifier = scheme.pkce ? randomBytes(48).toString('base64url') : undefined;
  const url = new URL(renderEndpoint(scheme.authorizationUrl, connection, `authorizationUrl of ${toolkit.slug}`));
  for (const [name, value] of Object.entries(scheme.authorizationParams)) {
    url.searchParams.set(name, renderTemplate(value, { connection }, { where: `authorization parameter ${name} of ${toolkit.slug}` }));
  }
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', clientId);
  url.searchParams.set('redirect_uri', redirectUri);
  if (scopes.length > 0) url.searchParams.set('scope', scopes.join(scheme.scopeSeparator || ' '));
  url.searchParams.set('state', state);
  if (codeVerifier !== undefined) {
    url.searchParams.set('code_challenge', createHash('sha256').update(codeVerifier).digest('base64url'));
    url.searchParams.set('code_challenge_method', 'S256');
  }

  const now = isoNow(ctx);
  const account: ConnectedAccountRecord = {
    id: newId('ca'), userId, toolkit: toolkit.slug, scheme: 'oauth2', authConfigId: config.id, status: 'INITIATED',
    credentials: {}, connection, scopes, publicFields: publicFieldNames(scheme), createdAt: now, updatedAt: now,
  };
  await ctx.store.accounts.insert(account);
  const saved: SavedState = {
    accountId: account.id, userId, authConfigId: config.id, redirectUri, scopes,
    ...(codeVerifier === undefined ? {} : { codeVerifier }),
  };
  await ctx.store.records.put(OAUTH2_STATES, state, saved, { ttlMs: ctx.stateTtlMs ?? DEFAULT_STATE_TTL_MS, secret: true });
  return { id: account.id, redirectUrl: url.toString(), status: 'INITIATED' };
}

/** Completes a flow from the URL the browser came back to; returns the ACTIVE account record. */
export async function completeOAuth2(ctx: AccountsContext, callbackUrl: string | URL): Promise<ConnectedAccountRecord> {
  let url: URL;
  try { url = new URL(String(callbackUrl)); } catch {
    throw new ToolsmithError('OAUTH_STATE_INVALID', 'complete() needs the full callback URL the browser came back to.');
  }
  const state = url.searchParams.get('state');
  // Take-once: a replayed or forged callback finds nothing, whatever else it carries.
  const saved = state ? await ctx.store.records.take<SavedState>(OAUTH2_STATES, state) : undefined;
  if (!saved) {
    throw new ToolsmithError('OAUTH_STATE_INVALID',
      'The OAuth2 state in the callback is missing, unknown, expired or already used; start the connection again with initiate().');
  }
  const fail = async (reason: string): Promise<never> => {
    await ctx.store.accounts.update(saved.accountId, { status: 'FAILED', statusReason: reason }).catch(() => undefined);
    throw new ToolsmithError('OAUTH_EXCHANGE_FAILED', `Connecting account ${saved.accountId} failed: ${reason}.`,
      { connectedAccountId: saved.accountId });
  };
  const providerError = url.searchParams.get('error');
  if (providerError) {
    const description = url.searchParams.get('error_description');
    return fail(`the provider answered ${excerpt(providerError, [], 60)}${description ? ` (${excerpt(description, [], 200)})` : ''}`);
  }
  const code = url.searchParams.get('code');
  if (!code) return fail('the callback has no authorization code');

  const account = await ctx.store.accounts.get(saved.accountId);
  if (!account || account.userId !== saved.userId) {
    throw new ToolsmithError('CONNECTED_ACCOUNT_NOT_FOUND', `The account ${saved.accountId} being connected was deleted meanwhile.`,
      { connectedAccountId: saved.accountId });
  }
  const config = await loadAuthConfig(ctx, saved.authConfigId);
  const toolkit = findToolkit(ctx, config.toolkit);
  const scheme = findOAuth2Scheme(toolkit);
  let token;
  try {
    token = await requestToken({
      url: renderEndpoint(scheme.tokenUrl, account.connection, `tokenUrl of ${toolkit.slug}`),
      authMethod: scheme.tokenAuthMethod,
      client: { clientId: config.credentials['client_id'] ?? '', ...(config.credentials['client_secret'] ? { clientSecret: config.credentials['client_secret'] } : {}) },
      params: { grant_type: 'authorization_code', code, redirect_uri: saved.redirectUri, code_verifier: saved.codeVerifier },
      fetch: ctx.fetch ?? fetch,
      timeoutMs: ctx.tokenTimeoutMs ?? 30_000,
      errorCode: 'OAUTH_EXCHANGE_FAILED',
    });
  } catch (error) {
    return fail(error instanceof ToolsmithError ? error.message.replace(/\.$/, '') : 'the code exchange failed');
  }
  return ctx.store.accounts.update(account.id, {
    status: 'ACTIVE', statusReason: undefined,
    credentials: tokenToCredentials(token, {}, nowOf(ctx)),
    scopes: grantedScopes(token, saved.scopes, scheme.scopeSeparator),
  });
}
