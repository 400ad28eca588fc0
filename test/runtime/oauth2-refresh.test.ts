/**
 * The executor with the accounts module's real credential resolution: a 401 triggers one refresh at a token
 * endpoint (a loopback server) and one resend; an expired token is refreshed once for many concurrent calls.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Toolsmith } from '../../runtime/toolsmith.js';
import { createFileStore } from '../../runtime/store/file-store.js';
import type { AuthScheme } from '../../runtime/types.js';
import { startRecordServer, type RecordServer } from '../support/record-server.js';
import { tool, toolkit } from './support/toolkit.js';

let api: RecordServer;
let tokens: RecordServer;
beforeAll(async () => { api = await startRecordServer(); tokens = await startRecordServer(); });
afterAll(async () => { await api.close(); await tokens.close(); });

async function make() {
  const scheme: AuthScheme = {
    scheme: 'oauth2', grant: 'authorization_code', authorizationUrl: `${tokens.url}/authorize`, tokenUrl: `${tokens.url}/token`, pkce: true,
    scopeSeparator: ' ', scopes: { read: 'Read' }, defaultScopes: ['read'], authorizationParams: {}, tokenAuthMethod: 'client_secret_post',
    fields: [], inject: [{ in: 'header', name: 'Authorization', value: 'Bearer {{credentials.access_token}}' }],
  };
  const demo = toolkit('demo', api.url, [tool({ slug: 'DEMO_ME', toolkit: 'demo', path: '/me' })], [scheme]);
  const store = await createFileStore({ dir: await mkdtemp(join(tmpdir(), 'toolsmith-oauth-')), encryptionKey: randomBytes(32) });
  const toolsmith = new Toolsmith({ toolkits: [demo], store });
  const config = await toolsmith.authConfigs.create('demo', { credentials: { client_id: 'app', client_secret: 'APP-SECRET' } });
  return { toolsmith, config };
}

describe('OAuth2 through tools.execute', () => {
  it('a 401 refreshes at the token endpoint once and resends with the new token', async () => {
    const { toolsmith, config } = await make();
    await toolsmith.connectedAccounts.create('u', 'demo', {
      authConfigId: config.id, credentials: { access_token: 'old', refresh_token: 'r1', expires_at: '2999-01-01T00:00:00Z' },
    });
    const apiBefore = api.requests.length;
    const tokenBefore = tokens.requests.length;
    api.enqueue({ status: 401, json: { message: 'token revoked' } }, { json: { login: 'u' } });
    tokens.enqueue({ json: { access_token: 'new', refresh_token: 'r2', expires_in: 3600, token_type: 'bearer' } });
    const result = await toolsmith.tools.execute('DEMO_ME', { userId: 'u' });
    expect(result).toMatchObject({ successful: true, data: { login: 'u' } });
    expect(api.requests.slice(apiBefore).map((r) => r.headers.authorization)).toEqual(['Bearer old', 'Bearer new']);
    expect(tokens.requests.length - tokenBefore).toBe(1);
    expect(new URLSearchParams(tokens.requests[tokenBefore]!.text()).get('refresh_token')).toBe('r1');
    expect(JSON.stringify(result)).not.toMatch(/r1|r2|APP-SECRET/);
  });
  it('an expired token is refreshed once for 20 concurrent calls', async () => {
    const { toolsmith, config } = await make();
    await toolsmith.connectedAccounts.create('u', 'demo', {
      authConfigId: config.id, credentials: { access_token: 'stale', refresh_token: 'r1', expires_at: '2000-01-01T00:00:00Z' },
    });
    const apiBefore = api.requests.length;
    const tokenBefore = tokens.requests.length;
    tokens.enqueue({ json: { access_token: 'fresh', refresh_token: 'r2', expires_in: 3600, token_type: 'bearer' } });
    const results = await Promise.all(Array.from({ length: 20 }, () => toolsmith.tools.execute('DEMO_ME', { userId: 'u' })));
    expect(results.every((r) => r.successful)).toBe(true);
    expect(tokens.requests.length - tokenBefore).toBe(1);
    expect(new Set(api.requests.slice(apiBefore).map((r) => r.headers.authorization))).toEqual(new Set(['Bearer fresh']));
  });
});
