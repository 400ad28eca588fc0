/** Refresh serialization across app instances sharing PostgreSQL (row lock), against oidc-provider on loopback. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresStore } from '../../runtime/store/postgres-store.js';
import { resolveCredentials } from '../../runtime/accounts/index.js';
import { startPostgres, type PostgresCluster } from '../support/postgres.js';
import { createClientConfig, startHarness, type Harness } from './harness.js';

let cluster: PostgresCluster;
let h: Harness;
let configId: string;

beforeAll(async () => {
  cluster = await startPostgres();
  h = await startHarness({
    openStore: ({ key, now }) => createPostgresStore({ connectionString: cluster.connectionString, encryptionKey: key, now }),
  });
  configId = await createClientConfig(h);
}, 120_000);

afterAll(async () => {
  await h?.close();
  await cluster?.stop();
});

describe('OAuth2 refresh on PostgreSQL', () => {
  it('refreshes once when three app instances race on an expired token', async () => {
    const id = await h.connect('alice', configId);
    const record = (await h.store.accounts.get(id))!;
    const instances = [h.ctx, await h.otherProcess(), await h.otherProcess()];
    const before = h.server.countTokenRequests('refresh_token');
    h.clock.now = Date.parse(record.credentials['expires_at']!) + 1000;
    const results = await Promise.all(Array.from({ length: 90 }, (_, i) => resolveCredentials(instances[i % 3]!, record)));
    expect(h.server.countTokenRequests('refresh_token')).toBe(before + 1);
    expect(new Set(results.map((r) => r.credentials['access_token'])).size).toBe(1);
    expect((await instances[2]!.store.accounts.get(id))!.credentials['refresh_token']).toBe(results[0]!.credentials['refresh_token']);
  });

  it('persists EXPIRED after a revoked refresh token, through the lock transaction', async () => {
    const id = await h.connect('bob', configId);
    const record = (await h.store.accounts.get(id))!;
    await h.server.revoke(record.credentials['refresh_token']!);
    await expect(resolveCredentials(h.ctx, record, { forceRefresh: true })).rejects.toMatchObject({ code: 'CONNECTED_ACCOUNT_EXPIRED' });
    const other = await h.otherProcess();
    expect((await other.store.accounts.get(id))!.status).toBe('EXPIRED');
  });
});
