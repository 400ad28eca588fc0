/** Token refresh, rotation, revocation and client_credentials minting against oidc-provider on loopback. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectedAccountRecord } from '../../runtime/store/types.js';
import { ToolsmithError } from '../../runtime/errors.js';
import { canRefresh, resolveCredentials } from '../../runtime/accounts/index.js';
import { createClientConfig, startHarness, type Harness } from './harness.js';

let h: Harness;
let configId: string;
beforeAll(async () => {
  h = await startHarness();
  configId = await createClientConfig(h);
}, 60_000);
afterAll(async () => { await h?.close(); });

async function connected(userId = 'alice'): Promise<ConnectedAccountRecord> {
  return (await h.store.accounts.get(await h.connect(userId, configId)))!;
}

function expiresAt(record: ConnectedAccountRecord): number {
  return Date.parse(record.credentials['expires_at']!);
}

/** Runs `fn` with the clock set to `at`, then puts it back. */
async function at<T>(time: number, fn: () => Promise<T>): Promise<T> {
  const saved = h.clock.now;
  h.clock.now = time;
  try { return await fn(); } finally { h.clock.now = saved; }
}

describe('OAuth2 refresh', () => {
  it('leaves a fresh token alone and refreshes within the 60 s margin', async () => {
    const record = await connected();
    expect(canRefresh(h.ctx, record)).toBe(true);
    const before = h.server.countTokenRequests('refresh_token');
    const early = await at(expiresAt(record) - 120_000, () => resolveCredentials(h.ctx, record));
    expect(early).toBe(record);
    expect(h.server.countTokenRequests('refresh_token')).toBe(before);
    const late = await at(expiresAt(record) - 30_000, () => resolveCredentials(h.ctx, record));
    expect(h.server.countTokenRequests('refresh_token')).toBe(before + 1);
    expect(late.credentials['access_token']).not.toBe(record.credentials['access_token']);
  });

  it('refreshes once for 100 concurrent calls on an expired token', async () => {
    const record = await connected();
    const before = h.server.countTokenRequests('refresh_token');
    const results = await at(expiresAt(record) + 1000, () =>
      Promise.all(Array.from({ length: 100 }, () => resolveCredentials(h.ctx, record))));
    expect(h.server.countTokenRequests('refresh_token')).toBe(before + 1);
    expect(new Set(results.map((r) => r.credentials['access_token'])).size).toBe(1);
    expect(results[0]!.credentials['access_token']).not.toBe(record.credentials['access_token']);
  });

  it('refreshes once when two store instances on the same directory (two processes) race', async () => {
    const record = await connected();
    const other = await h.otherProcess();
    const before = h.server.countTokenRequests('refresh_token');
    const results = await at(expiresAt(record) + 1000, () => Promise.all(Array.from({ length: 60 }, (_, i) =>
      resolveCredentials(i % 2 === 0 ? h.ctx : other, record))));
    expect(h.server.countTokenRequests('refresh_token')).toBe(before + 1);
    expect(new Set(results.map((r) => r.credentials['access_token'])).size).toBe(1);
  });

  it('stores the rotated refresh token, and the provider refuses the old one', async () => {
    const record = await connected();
    const refreshed = await resolveCredentials(h.ctx, record, { forceRefresh: true });
    const oldRefresh = record.credentials['refresh_token']!;
    expect(refreshed.credentials['refresh_token']).toBeTruthy();
    expect(refreshed.credentials['refresh_token']).not.toBe(oldRefresh);
    expect((await h.store.accounts.get(record.id))!.credentials['refresh_token']).toBe(refreshed.credentials['refresh_token']);
    // The stored token works (and rotates again)…
    const again = await resolveCredentials(h.ctx, refreshed, { forceRefresh: true });
    expect(again.credentials['access_token']).not.toBe(refreshed.credentials['access_token']);
    expect(again.credentials['refresh_token']).not.toBe(refreshed.credentials['refresh_token']);
    // …while the first one is refused (oidc-provider then revokes the whole grant, as reuse detection should).
    const replay = await fetch(h.server.tokenUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${h.server.basicClient.clientId}:${h.server.basicClient.clientSecret}`).toString('base64')}`,
      },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: oldRefresh }).toString(),
    });
    expect(replay.status).toBe(400);
    expect(await replay.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('after a 401, refreshes once for many callers and not again for a token already replaced', async () => {
    const record = await connected();
    const before = h.server.countTokenRequests('refresh_token');
    const forced = await Promise.all(Array.from({ length: 20 }, () => resolveCredentials(h.ctx, record, { forceRefresh: true })));
    expect(h.server.countTokenRequests('refresh_token')).toBe(before + 1);
    // A late caller still holding the old token gets the new one without another refresh.
    const late = await resolveCredentials(h.ctx, record, { forceRefresh: true });
    expect(h.server.countTokenRequests('refresh_token')).toBe(before + 1);
    expect(late.credentials['access_token']).toBe(forced[0]!.credentials['access_token']);
  });

  it('marks the account EXPIRED when the refresh token was revoked', async () => {
    const record = await connected();
    await h.server.revoke(record.credentials['refresh_token']!);
    const error = await resolveCredentials(h.ctx, record, { forceRefresh: true }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ToolsmithError);
    expect(error).toMatchObject({ code: 'CONNECTED_ACCOUNT_EXPIRED' });
    expect((error as Error).message).toMatch(/revoked|invalid_grant/);
    for (const secret of Object.values(record.credentials)) {
      if (secret.length > 20) expect(JSON.stringify(error) + (error as Error).message).not.toContain(secret);
    }
    const stored = (await h.store.accounts.get(record.id))!;
    expect(stored.status).toBe('EXPIRED');
    expect(stored.statusReason).toMatch(/invalid_grant/);
    const before = h.server.tokenRequests.length;
    await expect(resolveCredentials(h.ctx, stored)).rejects.toMatchObject({ code: 'CONNECTED_ACCOUNT_EXPIRED' });
    expect(h.server.tokenRequests.length).toBe(before);
  });

  it('keeps refreshed tokens across a store reopen, sealed on disk', async () => {
    const record = await connected('carol');
    const refreshed = await resolveCredentials(h.ctx, record, { forceRefresh: true });
    await h.reopen();
    const reread = (await h.store.accounts.get(record.id))!;
    expect(reread.credentials).toEqual(refreshed.credentials);
    const before = h.server.countTokenRequests('refresh_token');
    expect((await resolveCredentials(h.ctx, reread)).credentials['access_token']).toBe(refreshed.credentials['access_token']);
    expect(h.server.countTokenRequests('refresh_token')).toBe(before);
    const disk = await readFile(join(h.dir, 'store.log'), 'utf8');
    for (const field of ['access_token', 'refresh_token', 'id_token']) expect(disk).not.toContain(refreshed.credentials[field]!);
    expect(disk).not.toContain(h.server.basicClient.clientSecret);
  });
});

describe('OAuth2 client_credentials', () => {
  it('mints a token on first use, again after expiry, once for concurrent callers', async () => {
    const config = await h.authConfigs().create('machine', {
      credentials: { client_id: h.server.basicClient.clientId, client_secret: h.server.basicClient.clientSecret },
    });
    const account = await h.accounts().create('service-user', 'machine', { authConfigId: config.id });
    expect(account.status).toBe('ACTIVE');
    const record = (await h.store.accounts.get(account.id))!;
    expect(canRefresh(h.ctx, record)).toBe(true);
    const before = h.server.countTokenRequests('client_credentials');
    const first = await Promise.all(Array.from({ length: 30 }, () => resolveCredentials(h.ctx, record)));
    expect(h.server.countTokenRequests('client_credentials')).toBe(before + 1);
    const token = first[0]!.credentials['access_token'];
    expect(token).toBeTruthy();
    expect(first[0]!.credentials['refresh_token']).toBeUndefined();
    const cached = await resolveCredentials(h.ctx, first[0]!);
    expect(cached.credentials['access_token']).toBe(token);
    const reminted = await at(expiresAt(first[0]!) + 1, () => resolveCredentials(h.ctx, first[0]!));
    expect(h.server.countTokenRequests('client_credentials')).toBe(before + 2);
    expect(reminted.credentials['access_token']).not.toBe(token);
  });

  it('fails clearly when the client secret is wrong, without marking the account expired', async () => {
    const config = await h.authConfigs().create('machine', {
      credentials: { client_id: h.server.basicClient.clientId, client_secret: 'wrong-secret-for-minting' },
    });
    const account = await h.accounts().create('service-user', 'machine', { authConfigId: config.id });
    const error = await resolveCredentials(h.ctx, (await h.store.accounts.get(account.id))!).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'OAUTH_REFRESH_FAILED' });
    expect((error as Error).message).toContain('invalid_client');
    expect((error as Error).message).not.toContain('wrong-secret-for-minting');
    expect((await h.store.accounts.get(account.id))!.status).toBe('ACTIVE');
  });
});
