/**
 * A real OAuth2 / OpenID Connect server on loopback for tests: oidc-provider 9 (strict: invalid_client,
 * invalid_grant, PKCE, exact redirect URIs), with
 * - a confidential client using client_secret_basic and one using client_secret_post, both native (so any
 *   loopback port is a valid redirect URI, RFC 8252), allowed authorization_code, refresh_token, client_credentials;
 * - refresh-token rotation on every use (a rotated token is refused afterwards) and revocation;
 * - login and consent interactions answered automatically over HTTP (`authorize()` follows the redirects with a
 *   cookie jar and logs in as the account it is given);
 * - a log of every token-endpoint request (grant type and status) so tests can count refreshes.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The parts of oidc-provider (which ships no types) this helper uses. */
interface KoaContext { method: string; path: string; status: number }
interface GrantInstance {
  addOIDCScope(scope: string): void;
  addOIDCClaims(claims: string[]): void;
  addResourceScope(indicator: string, scope: string): void;
  save(): Promise<string>;
}
interface InteractionDetails {
  prompt: { name: string; details: Record<string, unknown> };
  params: Record<string, unknown>;
  grantId?: string;
  session?: { accountId?: string };
}
interface ProviderInstance {
  use(middleware: (ctx: KoaContext, next: () => Promise<void>) => Promise<void>): void;
  callback(): (req: IncomingMessage, res: ServerResponse) => void;
  interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<InteractionDetails>;
  interactionFinished(req: IncomingMessage, res: ServerResponse, result: unknown, options?: { mergeWithLastSubmission?: boolean }): Promise<void>;
  Grant: { new (init: { accountId: string; clientId: string }): GrantInstance; find(id: string): Promise<GrantInstance | undefined> };
}
type ProviderClass = new (issuer: string, configuration: Record<string, unknown>) => ProviderInstance;

async function loadProvider(): Promise<ProviderClass> {
  const name = 'oidc-provider';
  const module = (await import(name)) as { default: ProviderClass };
  return module.default;
}

export interface TokenRequestLog { readonly grantType: string; readonly status: number; readonly clientId?: string }

export interface OAuthServer {
  readonly issuer: string;
  readonly authorizationUrl: string;
  readonly tokenUrl: string;
  readonly revocationUrl: string;
  /** Confidential client authenticating with HTTP Basic. */
  readonly basicClient: { readonly clientId: string; readonly clientSecret: string };
  /** Confidential client authenticating in the request body. */
  readonly postClient: { readonly clientId: string; readonly clientSecret: string };
  readonly tokenRequests: TokenRequestLog[];
  /** Token requests so far, optionally of one grant type. */
  countTokenRequests(grantType?: string): number;
  /**
   * Opens an authorization URL like a browser would, logs in as `accountId`, consents, and returns the URL the
   * provider redirects back to (the callback URL with `code` and `state`), without requesting it.
   */
  authorize(authorizationUrl: string, accountId?: string): Promise<string>;
  /** Revokes a token at the revocation endpoint (RFC 7009). */
  revoke(token: string, hint?: 'refresh_token' | 'access_token'): Promise<void>;
  close(): Promise<void>;
}

export interface OAuthServerOptions {
  /** Access token lifetime in seconds (default 3600). */
  readonly accessTokenTtl?: number;
  /** Rotate refresh tokens on each use (default true). */
  readonly rotateRefreshTokens?: boolean;
}

function cookieHeader(jar: Map<string, string>): string {
  return [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
}

function remember(jar: Map<string, string>, response: Response): void {
  for (const line of response.headers.getSetCookie()) {
    const pair = line.split(';', 1)[0] ?? '';
    const eq = pair.indexOf('=');
    if (eq > 0) {
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) jar.delete(name); else jar.set(name, value);
    }
  }
}

export async function startOAuthServer(options: OAuthServerOptions = {}): Promise<OAuthServer> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const issuer = `http://127.0.0.1:${port}`;
  const basicClient = { clientId: 'toolsmith-basic', clientSecret: 'basic-client-secret-0123456789abcdef' };
  const postClient = { clientId: 'toolsmith-post', clientSecret: 'post-client-secret-0123456789abcdef' };
  const common = {
    application_type: 'native' as const,
    redirect_uris: ['http://127.0.0.1/callback', 'http://localhost/callback'],
    grant_types: ['authorization_code', 'refresh_token', 'client_credentials'],
    response_types: ['code' as const],
  };
  const Provider = await loadProvider();
  const provider = new Provider(issuer, {
    clients: [
      { ...common, client_id: basicClient.clientId, client_secret: basicClient.clientSecret, token_endpoint_auth_method: 'client_secret_basic' },
      { ...common, client_id: postClient.clientId, client_secret: postClient.clientSecret, token_endpoint_auth_method: 'client_secret_post' },
    ],
    cookies: { keys: ['test-cookie-key-0123456789'] },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      revocation: { enabled: true, allowedPolicy: async () => true },
    },
    scopes: ['openid', 'offline_access', 'api'],
    ttl: {
      AccessToken: options.accessTokenTtl ?? 3600, ClientCredentials: options.accessTokenTtl ?? 3600,
      AuthorizationCode: 60, IdToken: 3600, Interaction: 600, Session: 3600, Grant: 86_400, RefreshToken: 86_400,
    },
    rotateRefreshToken: () => options.rotateRefreshTokens ?? true,
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    findAccount: async (_ctx: unknown, sub: string) => ({ accountId: sub, claims: async () => ({ sub }) }),
  });
  const tokenRequests: TokenRequestLog[] = [];
  provider.use(async (ctx, next) => {
    await next();
    if (ctx.method === 'POST' && ctx.path === '/token') {
      const params = (ctx as unknown as { oidc?: { params?: { grant_type?: string }; client?: { clientId: string } } }).oidc;
      tokenRequests.push({
        grantType: params?.params?.grant_type ?? 'unknown', status: ctx.status,
        ...(params?.client?.clientId ? { clientId: params.client.clientId } : {}),
      });
    }
  });
  const callback = provider.callback();

  server.on('request', (req, res) => {
    const url = new URL(req.url ?? '/', issuer);
    const match = /^\/interaction\/([\w-]+)$/.exec(url.pathname);
    if (!match || req.method !== 'GET') { callback(req, res); return; }
    void (async () => {
      try {
        const details = await provider.interactionDetails(req, res);
        const accountId = url.searchParams.get('as') ?? 'alice';
        if (details.prompt.name === 'login') {
          await provider.interactionFinished(req, res, { login: { accountId } }, { mergeWithLastSubmission: false });
          return;
        }
        const clientId = String(details.params['client_id']);
        const grant = details.grantId
          ? (await provider.Grant.find(details.grantId)) ?? new provider.Grant({ accountId, clientId })
          : new provider.Grant({ accountId: details.session?.accountId ?? accountId, clientId });
        const missing = details.prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[]; missingResourceScopes?: Record<string, string[]> };
        if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
        if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
        for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes ?? {})) grant.addResourceScope(indicator, scopes.join(' '));
        const grantId = await grant.save();
        await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
      } catch (error) {
        res.statusCode = 500;
        res.end(`interaction failed: ${(error as Error).message}`);
      }
    })();
  });

  return {
    issuer,
    authorizationUrl: `${issuer}/auth`,
    tokenUrl: `${issuer}/token`,
    revocationUrl: `${issuer}/token/revocation`,
    basicClient,
    postClient,
    tokenRequests,
    countTokenRequests: (grantType) => tokenRequests.filter((entry) => grantType === undefined || entry.grantType === grantType).length,
    async authorize(authorizationUrl, accountId = 'alice') {
      const jar = new Map<string, string>();
      let next = authorizationUrl;
      for (let hop = 0; hop < 12; hop += 1) {
        const target = new URL(next, issuer);
        if (target.origin !== issuer) return target.toString();
        if (target.pathname.startsWith('/interaction/')) target.searchParams.set('as', accountId);
        const response = await fetch(target, { redirect: 'manual', headers: { cookie: cookieHeader(jar) } });
        remember(jar, response);
        const location = response.headers.get('location');
        if (response.status < 300 || response.status >= 400 || !location) {
          throw new Error(`authorization stopped at ${target.pathname} with ${response.status}: ${(await response.text()).slice(0, 300)}`);
        }
        next = new URL(location, target).toString();
      }
      throw new Error('authorization did not come back after 12 redirects');
    },
    async revoke(token, hint = 'refresh_token') {
      const response = await fetch(`${issuer}/token/revocation`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          authorization: `Basic ${Buffer.from(`${basicClient.clientId}:${basicClient.clientSecret}`).toString('base64')}`,
        },
        body: new URLSearchParams({ token, token_type_hint: hint }).toString(),
      });
      if (!response.ok) throw new Error(`revocation failed with ${response.status}: ${await response.text()}`);
    },
    close: () => new Promise<void>((resolve, reject) => {
      server.closeAllConnections();
      server.close((error) => (error ? reject(error) : resolve()));
    }),
  };
}
