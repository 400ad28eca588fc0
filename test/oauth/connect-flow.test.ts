/** The OAuth2 authorization-code flow end to end against oidc-provider on loopback. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ToolsmithError } from '../../runtime/errors.js';
import { createClientConfig, startHarness, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => { h = await startHarness(); }, 60_000);
afterAll(async () => { await h?.close(); });

async function codeOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(() => undefined, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(ToolsmithError);
  return (error as ToolsmithError).code;
}

describe('OAuth2 connect flow', () => {
  it('builds an authorization URL with state and an S256 PKCE challenge', async () => {
    const configId = await createClientConfig(h);
    const { id, redirectUrl, status } = await h.accounts().initiate('alice', configId,
      { redirectUri: 'http://127.0.0.1:3999/callback', scopes: ['openid', 'offline_access', 'api'] });
    expect(id).toMatch(/^ca_[A-Za-z0-9_-]{22}$/);
    expect(status).toBe('INITIATED');
    const url = new URL(redirectUrl);
    expect(url.origin + url.pathname).toBe(h.server.authorizationUrl);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      response_type: 'code', client_id: h.server.basicClient.clientId, redirect_uri: 'http://127.0.0.1:3999/callback',
      scope: 'openid offline_access api', code_challenge_method: 'S256', prompt: 'consent',
    });
    expect(url.searchParams.get('state')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(url.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(url.searchParams.has('client_secret')).toBe(false);
    expect((await h.accounts().get(id)).status).toBe('INITIATED');
  });

  it('exchanges the code (client_secret_basic) and stores an ACTIVE account with tokens and scopes', async () => {
    const configId = await createClientConfig(h);
    const before = h.server.countTokenRequests('authorization_code');
    const id = await h.connect('alice', configId);
    expect(h.server.countTokenRequests('authorization_code')).toBe(before + 1);
    const account = await h.accounts().get(id, { userId: 'alice' });
    expect(account).toMatchObject({ userId: 'alice', toolkit: 'idp', scheme: 'oauth2', authConfigId: configId, status: 'ACTIVE' });
    expect(account.scopes).toEqual(['openid', 'offline_access']);
    const record = (await h.store.accounts.get(id))!;
    expect(record.credentials['access_token']).toBeTruthy();
    expect(record.credentials['refresh_token']).toBeTruthy();
    expect(Date.parse(record.credentials['expires_at']!)).toBeGreaterThan(h.clock.now);
    // The returned object and its JSON hold no token; the file holds no token either.
    const shown = JSON.stringify(account) + inspect(account, { depth: 5 });
    for (const secret of [record.credentials['access_token']!, record.credentials['refresh_token']!]) {
      expect(shown).not.toContain(secret);
      expect(await readFile(join(h.dir, 'store.log'), 'utf8')).not.toContain(secret);
    }
    expect(account.credentials['access_token']).toBe('[redacted]');
  });

  it('exchanges the code with client_secret_post', async () => {
    const configId = await createClientConfig(h, 'idp_post');
    const id = await h.connect('alice', configId);
    expect((await h.accounts().get(id)).status).toBe('ACTIVE');
    expect(h.server.tokenRequests.at(-1)).toMatchObject({ grantType: 'authorization_code', status: 200, clientId: h.server.postClient.clientId });
  });

  it('refuses a wrong state, a replayed callback and an expired state, without touching any account', async () => {
    const configId = await createClientConfig(h);
    const { id, redirectUrl } = await h.accounts().initiate('alice', configId, { redirectUri: 'http://127.0.0.1:3999/callback' });
    const callback = new URL(await h.server.authorize(redirectUrl));
    const forged = new URL(callback);
    forged.searchParams.set('state', 'forged-state');
    expect(await codeOf(h.accounts().complete(forged.toString()))).toBe('OAUTH_STATE_INVALID');
    const noState = new URL(callback);
    noState.searchParams.delete('state');
    expect(await codeOf(h.accounts().complete(noState.toString()))).toBe('OAUTH_STATE_INVALID');
    expect(await codeOf(h.accounts().complete('not a url'))).toBe('OAUTH_STATE_INVALID');
    expect((await h.accounts().get(id)).status).toBe('INITIATED');

    await h.accounts().complete(callback.toString());
    const tokenBefore = (await h.store.accounts.get(id))!.credentials['access_token'];
    expect(await codeOf(h.accounts().complete(callback.toString()))).toBe('OAUTH_STATE_INVALID');
    expect((await h.store.accounts.get(id))!.credentials['access_token']).toBe(tokenBefore);

    const late = await h.accounts().initiate('alice', configId, { redirectUri: 'http://127.0.0.1:3999/callback' });
    const lateCallback = await h.server.authorize(late.redirectUrl);
    h.clock.now += 11 * 60_000;
    try {
      expect(await codeOf(h.accounts().complete(lateCallback))).toBe('OAUTH_STATE_INVALID');
    } finally {
      h.clock.now -= 11 * 60_000;
    }
    expect((await h.accounts().get(late.id)).status).toBe('INITIATED');
  });

  it('marks the account FAILED when the provider answers with an error', async () => {
    const configId = await createClientConfig(h);
    const { id, redirectUrl } = await h.accounts().initiate('alice', configId, { redirectUri: 'http://127.0.0.1:3999/callback' });
    const state = new URL(redirectUrl).searchParams.get('state')!;
    const callback = `http://127.0.0.1:3999/callback?error=access_denied&error_description=User+said+no&state=${state}`;
    const error = await h.accounts().complete(callback).catch((caught: ToolsmithError) => caught);
    expect(error).toMatchObject({ code: 'OAUTH_EXCHANGE_FAILED' });
    expect(String((error as Error).message)).toContain('access_denied');
    expect(await h.accounts().get(id)).toMatchObject({ status: 'FAILED' });
  });

  it('reports a refused code exchange (wrong client secret) without echoing the secret', async () => {
    const config = await h.authConfigs().create('idp', {
      credentials: { client_id: h.server.basicClient.clientId, client_secret: 'definitely-the-wrong-secret' },
    });
    const { id, redirectUrl } = await h.accounts().initiate('alice', config.id, { redirectUri: 'http://127.0.0.1:3999/callback' });
    const error = await h.accounts().complete(await h.server.authorize(redirectUrl)).catch((caught: ToolsmithError) => caught);
    expect(error).toMatchObject({ code: 'OAUTH_EXCHANGE_FAILED' });
    expect((error as Error).message).toContain('invalid_client');
    expect(JSON.stringify(error) + (error as Error).message).not.toContain('definitely-the-wrong-secret');
    expect((await h.accounts().get(id)).status).toBe('FAILED');
  });

  it('refuses initiate for a client_credentials config and a bad redirect URI', async () => {
    const machine = await h.authConfigs().create('machine', { credentials: { client_id: 'x', client_secret: 'y' } });
    expect(await codeOf(h.accounts().initiate('alice', machine.id, { redirectUri: 'http://127.0.0.1/cb' }))).toBe('INVALID_OPTIONS');
    const configId = await createClientConfig(h);
    expect(await codeOf(h.accounts().initiate('alice', configId, { redirectUri: 'javascript:alert(1)' }))).toBe('INVALID_OPTIONS');
    expect(await codeOf(h.accounts().initiate('alice', configId, { redirectUri: 'http://x/cb#frag' }))).toBe('INVALID_OPTIONS');
    expect(await codeOf(h.accounts().initiate('alice', 'ac_unknown', { redirectUri: 'http://x/cb' }))).toBe('AUTH_CONFIG_NOT_FOUND');
  });

  it('keeps two users apart: each gets its own account and cannot reach the other one', async () => {
    const configId = await createClientConfig(h);
    const alice = await h.connect('alice-2', configId, 'alice-at-idp');
    const bob = await h.connect('bob-2', configId, 'bob-at-idp');
    expect(alice).not.toBe(bob);
    expect((await h.accounts().list({ userId: 'bob-2' })).map((a) => a.id)).toEqual([bob]);
    expect(await codeOf(h.accounts().get(alice, { userId: 'bob-2' }))).toBe('CONNECTED_ACCOUNT_NOT_FOUND');
    const [aliceRecord, bobRecord] = [await h.store.accounts.get(alice), await h.store.accounts.get(bob)];
    expect(aliceRecord!.credentials['access_token']).not.toBe(bobRecord!.credentials['access_token']);
  });
});
