/** Small compiled toolkits for account and OAuth2 tests (what the compiler would emit for these auth sections). */
import type { AuthScheme, CompiledToolkit, OAuth2Scheme } from '../../../runtime/types.js';

export function oauth2Scheme(overrides: Partial<OAuth2Scheme> & { tokenUrl: string }): OAuth2Scheme {
  return {
    scheme: 'oauth2',
    grant: 'authorization_code',
    pkce: true,
    scopeSeparator: ' ',
    scopes: { openid: 'Sign in', offline_access: 'Refresh tokens', api: 'Call the API' },
    defaultScopes: ['openid', 'offline_access'],
    authorizationParams: {},
    tokenAuthMethod: 'client_secret_basic',
    fields: [
      { name: 'access_token', secret: true, required: true },
      { name: 'refresh_token', secret: true, required: false },
      { name: 'expires_at', secret: false, required: false },
      { name: 'scope', secret: false, required: false },
    ],
    inject: [{ in: 'header', name: 'Authorization', value: 'Bearer {{credentials.access_token}}' }],
    ...overrides,
  };
}

export function toolkit(slug: string, auth: readonly AuthScheme[], connection: CompiledToolkit['connection'] = []): CompiledToolkit {
  return {
    slug, name: slug, description: `${slug} test toolkit`, categories: [], baseUrl: 'http://127.0.0.1:9/api', headers: {},
    connection, auth, tools: [], triggers: [],
  };
}

export const apiKeyScheme: AuthScheme = {
  scheme: 'api_key',
  fields: [{ name: 'api_key', secret: true, required: true }, { name: 'region', secret: false, required: false, default: 'eu' }],
  inject: [{ in: 'header', name: 'X-Api-Key', value: '{{credentials.api_key}}' }],
};

export const basicScheme: AuthScheme = {
  scheme: 'basic',
  fields: [{ name: 'username', secret: false, required: true }, { name: 'password', secret: true, required: true }],
  inject: [{ in: 'header', name: 'Authorization', value: "Basic {{base64 credentials.username ':' credentials.password}}" }],
};

/** A toolkit with api_key and basic auth and a required, patterned connection field. */
export const helpdesk = toolkit('helpdesk', [apiKeyScheme, basicScheme], [
  { name: 'subdomain', required: true, pattern: '^[a-z0-9-]+$', label: 'Subdomain' },
  { name: 'region', required: false, default: 'us' },
]);
