/**
 * The whole chain through the Toolsmith class: connect with the OAuth2 flow, execute a tool whose API is the
 * provider's own userinfo endpoint (a real resource server that refuses expired and revoked tokens), with
 * concurrent calls on an expired token, a 401 on a revoked access token, and a revoked refresh token.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Toolsmith } from '../../runtime/toolsmith.js';
import { createFileStore } from '../../runtime/store/file-store.js';
import type { Store } from '../../runtime/store/types.js';
import type { CompiledToolkit } from '../../runtime/types.js';
import { startOAuthServer, type OAuthServer } from '../support/oauth-server.js';
import { tool, toolkit } from '../runtime/support/toolkit.js';
import { schemeFor } from './harness.js';

let server: OAuthServer;
let dir: string;
let store: Store;
let toolsmith: Toolsmith<readonly CompiledToolkit[]>;
const clock = { now: Date.now() };
let configId: string;
/** An API in front of the provider's userinfo endpoint that also refuses tokens listed in `rejected` (401). */
let api: Server;
let apiUrl: string;
const rejected = new Set<string>();

beforeAll(async () => {
  server = await startOAuthServer();
  dir = await mkdtemp(join(tmpdir(), 'toolsmith-oauth-e2e-'));
  store = await createFileStore({ dir, now: () => clock.now });
  api = createServer((req, res) => {
    const authorization = req.headers.authorization ?? '';
    if (rejected.has(authorization.replace(/^Bearer /, ''))) { res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"invalid_token"}'); return; }
    fetch(`${server.issuer}/me`, { headers: { authorization } }).then(async (upstream) => {
      res.writeHead(upstream.status, { 'content-type': 'application/json' }).end(await upstream.text());
    }, () => res.writeHead(502).end());
  });
  await new Promise<void>((ready) => api.listen(0, '127.0.0.1', ready));
  apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
  const me = tool({ slug: 'IDP_ME', toolkit: 'idp', path: '/me', hints: { readOnly: true, idempotent: true } });
  const toolkits: readonly CompiledToolkit[] = [toolkit('idp', apiUrl, [me], [schemeFor(server)])];
  toolsmith = new Toolsmith({ toolkits, store, accounts: { now: () => clock.now } });
  configId = (await toolsmith.authConfigs.create('idp', {
    credentials: { client_id: server.basicClient.clientId, client_secret: server.basicClient.clientSecret },
  })).id;
}, 60_000);

afterAll(async () => {
  api?.closeAllConnections();
  await new Promise((done) => (api ? api.close(done) : done(undefined)));
  await store?.close();
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

async function connect(userId: string, login: string): Promise<string> {
  const { redirectUrl } = await toolsmith.connectedAccounts.initiate(userId, configId, { redirectUri: 'http://127.0.0.1:3999/callback' });
  return (await toolsmith.connectedAccounts.complete(await server.authorize(redirectUrl, login))).id;
}

describe('Toolsmith with a real OAuth2 provider', () => {
  it('executes with the connected account, and refreshes once for 50 concurrent calls on an expired token', async () => {
    const id = await connect('alice', 'alice-at-idp');
    const first = await toolsmith.tools.execute('IDP_ME', { userId: 'alice', arguments: {} });
    expect(first).toMatchObject({ successful: true, data: { sub: 'alice-at-idp' } });
    const record = (await store.accounts.get(id))!;
    const before = server.countTokenRequests('refresh_token');
    clock.now = Date.parse(record.credentials['expires_at']!) + 1000;
    try {
      // The provider still honours the old token (its clock is real), so only the single refresh is observable.
      const results = await Promise.all(Array.from({ length: 50 }, () => toolsmith.tools.execute('IDP_ME', { userId: 'alice', arguments: {} })));
      expect(results.every((result) => result.successful)).toBe(true);
      expect(server.countTokenRequests('refresh_token')).toBe(before + 1);
    } finally {
      clock.now = Date.now();
    }
  });

  it('refreshes and resends once when the API answers 401', async () => {
    const id = await connect('bob', 'bob-at-idp');
    const record = (await store.accounts.get(id))!;
    rejected.add(record.credentials['access_token']!);
    const before = server.countTokenRequests('refresh_token');
    const result = await toolsmith.tools.execute('IDP_ME', { userId: 'bob', arguments: {} });
    expect(result).toMatchObject({ successful: true, data: { sub: 'bob-at-idp' } });
    expect(server.countTokenRequests('refresh_token')).toBe(before + 1);
    expect((await store.accounts.get(id))!.credentials['access_token']).not.toBe(record.credentials['access_token']);
  });

  it('reports an expired account when the refresh token is revoked too, and keeps users apart', async () => {
    const id = await connect('carol', 'carol-at-idp');
    const record = (await store.accounts.get(id))!;
    await server.revoke(record.credentials['refresh_token']!, 'refresh_token');
    await server.revoke(record.credentials['access_token']!, 'access_token');
    const outcome = await toolsmith.tools.execute('IDP_ME', { userId: 'carol', arguments: {} }).then(
      (result) => ({ result }), (error: unknown) => ({ error }));
    const text = JSON.stringify(outcome, (_key, value: unknown) => (value instanceof Error ? { ...value, message: value.message } : value));
    expect(text).toContain('CONNECTED_ACCOUNT_EXPIRED');
    expect(text).not.toContain(record.credentials['refresh_token']!);
    expect((await toolsmith.connectedAccounts.get(id)).status).toBe('EXPIRED');
    const alice = (await toolsmith.connectedAccounts.list({ userId: 'alice' }))[0]!;
    const foreign = await toolsmith.tools.execute('IDP_ME', { userId: 'carol', connectedAccountId: alice.id, arguments: {} }).then(
      (result) => JSON.stringify(result), (error: unknown) => String((error as { code?: string }).code));
    expect(foreign).toContain('CONNECTED_ACCOUNT_NOT_FOUND');
  });
});
