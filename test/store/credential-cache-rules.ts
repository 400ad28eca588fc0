/**
 * The decrypted-credential cache's rules, run against every store backend: two store instances on one backing
 * stand for two processes. Each rule reads through instance B first (so B holds a decrypted copy), changes the
 * account through A, and checks that B never serves the old state. Decryptions are counted on Sealer.unseal, so
 * a cache that does nothing, or one that never notices a change, fails here.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Store } from '../../runtime/store/types.js';
import { Sealer } from '../../runtime/store/encryption.js';
import { selectAccount } from '../../runtime/accounts/select-account.js';
import { resolveCredentials } from '../../runtime/auth/credentials.js';
import type { AccountsContext } from '../../runtime/accounts/context.js';
import { ToolsmithError } from '../../runtime/errors.js';
import { oauth2 } from '../runtime/support/toolkit.js';
import { account } from './conformance.js';

export interface CacheBacking {
  /** Opens a store instance on the shared backing (reads must see the other instances' writes at once). */
  open(options?: { readonly credentialCacheSize?: number }): Promise<Store>;
}

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  const error = await promise.then(() => undefined, (caught: unknown) => caught);
  return error instanceof ToolsmithError ? error.code : `not a ToolsmithError: ${String(error)}`;
}

export function credentialCacheRules(name: string, newBacking: () => Promise<CacheBacking>): void {
  describe(`${name}: decrypted credential cache`, () => {
    let a: Store;
    let b: Store;
    let backing: CacheBacking;
    let unseal: ReturnType<typeof vi.spyOn>;
    const ctx = (store: Store): AccountsContext => ({
      store, toolkits: [{ slug: 'github', name: 'GitHub', description: '', categories: [], baseUrl: 'http://127.0.0.1:1', headers: {}, connection: [], auth: [oauth2], tools: [], triggers: [] }],
    });

    beforeEach(async () => {
      backing = await newBacking();
      a = await backing.open();
      b = await backing.open();
      unseal = vi.spyOn(Sealer.prototype, 'unseal');
    });
    afterEach(async () => {
      unseal.mockRestore();
      await a.close();
      await b.close();
    });

    it('decrypts a stored version once, then serves copies that callers may change', async () => {
      const record = account({ credentials: { api_key: 'key-1' } });
      await a.accounts.insert(record);
      const first = await b.accounts.get(record.id);
      const decryptions = unseal.mock.calls.length;
      expect(decryptions).toBeGreaterThan(0);
      (first!.credentials as Record<string, string>)['api_key'] = 'changed by the caller';
      for (let i = 0; i < 5; i++) expect((await b.accounts.get(record.id))!.credentials).toEqual({ api_key: 'key-1' });
      expect((await b.accounts.list({ userId: 'alice', toolkit: 'github' }))[0]!.credentials).toEqual({ api_key: 'key-1' });
      expect(unseal.mock.calls.length).toBe(decryptions);
    });

    it('an update through another instance is read, not the cached credentials', async () => {
      const record = account({ credentials: { api_key: 'key-1' } });
      await a.accounts.insert(record);
      expect((await b.accounts.get(record.id))!.credentials['api_key']).toBe('key-1');
      await a.accounts.update(record.id, { credentials: { api_key: 'key-2' } });
      expect((await b.accounts.get(record.id))!.credentials['api_key']).toBe('key-2');
      expect((await b.accounts.list({ userId: record.userId }))[0]!.credentials['api_key']).toBe('key-2');
    });

    it('a refresh under the account lock in one instance is what the other instance uses next', async () => {
      const record = account({ scheme: 'oauth2', credentials: { access_token: 'old-token', refresh_token: 'r1', expires_at: '2099-01-01T00:00:00Z' } });
      await a.accounts.insert(record);
      expect((await selectAccount(ctx(b), { userId: 'alice', toolkit: 'github' })).credentials['access_token']).toBe('old-token');
      await a.withAccountLock(record.id, (fresh) => a.accounts.update(fresh.id, { credentials: { ...fresh.credentials, access_token: 'new-token', refresh_token: 'r2' } }));
      const seen = await selectAccount(ctx(b), { userId: 'alice', toolkit: 'github' });
      expect(seen.credentials).toMatchObject({ access_token: 'new-token', refresh_token: 'r2' });
      // And B's own lock hands over the refreshed record too.
      expect(await b.withAccountLock(record.id, async (fresh) => fresh.credentials['access_token'])).toBe('new-token');
    });

    it('a deleted account is gone for the other instance', async () => {
      const record = account();
      await a.accounts.insert(record);
      await selectAccount(ctx(b), { userId: 'alice', toolkit: 'github' });
      expect(await a.accounts.delete(record.id)).toBe(true);
      expect(await b.accounts.get(record.id)).toBeUndefined();
      expect(await b.accounts.list({ userId: 'alice' })).toEqual([]);
      expect(await codeOf(selectAccount(ctx(b), { userId: 'alice', toolkit: 'github' }))).toBe('NO_CONNECTED_ACCOUNT');
      expect(await codeOf(selectAccount(ctx(b), { userId: 'alice', toolkit: 'github', connectedAccountId: record.id }))).toBe('CONNECTED_ACCOUNT_NOT_FOUND');
    });

    it('a disabled account cannot be used through the other instance, and can again once enabled', async () => {
      const record = account({ scheme: 'oauth2', credentials: { access_token: 't', expires_at: '2099-01-01T00:00:00Z' } });
      await a.accounts.insert(record);
      const before = await selectAccount(ctx(b), { userId: 'alice', toolkit: 'github' });
      await resolveCredentials(ctx(b), before);
      await a.accounts.update(record.id, { status: 'INACTIVE' });
      expect(await codeOf(selectAccount(ctx(b), { userId: 'alice', toolkit: 'github', connectedAccountId: record.id }))).toBe('CONNECTED_ACCOUNT_DISABLED');
      expect(await codeOf(selectAccount(ctx(b), { userId: 'alice', toolkit: 'github' }))).toBe('CONNECTED_ACCOUNT_DISABLED');
      await a.accounts.update(record.id, { status: 'ACTIVE' });
      expect((await selectAccount(ctx(b), { userId: 'alice', toolkit: 'github' })).credentials['access_token']).toBe('t');
    });

    it('an expired (revoked) account stays unusable however warm the cache is', async () => {
      const record = account({ scheme: 'oauth2', credentials: { access_token: 't', expires_at: '2099-01-01T00:00:00Z' } });
      await a.accounts.insert(record);
      await selectAccount(ctx(b), { userId: 'alice', toolkit: 'github' });
      await a.accounts.update(record.id, { status: 'EXPIRED', statusReason: 'the refresh token was revoked' });
      expect(await codeOf(selectAccount(ctx(b), { userId: 'alice', toolkit: 'github' }))).toBe('CONNECTED_ACCOUNT_EXPIRED');
    });

    it('never hands one user another user\'s credentials, whatever the order of reads', async () => {
      const alice = account({ userId: 'alice', credentials: { api_key: 'alice-key' } });
      const bob = account({ userId: 'bob', credentials: { api_key: 'bob-key' } });
      await a.accounts.insert(alice);
      await a.accounts.insert(bob);
      for (let round = 0; round < 3; round++) {
        expect((await selectAccount(ctx(b), { userId: 'bob', toolkit: 'github' })).credentials['api_key']).toBe('bob-key');
        expect((await selectAccount(ctx(b), { userId: 'alice', toolkit: 'github' })).credentials['api_key']).toBe('alice-key');
      }
      expect(await codeOf(selectAccount(ctx(b), { userId: 'bob', toolkit: 'github', connectedAccountId: alice.id }))).toBe('CONNECTED_ACCOUNT_NOT_FOUND');
    });

    it('stays correct when bounded below the number of accounts in use', async () => {
      const small = await backing.open({ credentialCacheSize: 2 });
      try {
        const records = [1, 2, 3, 4].map((n) => account({ userId: `user-${n}`, credentials: { api_key: `key-${n}` } }));
        for (const record of records) await a.accounts.insert(record);
        for (let round = 0; round < 2; round++) {
          for (const record of records) expect((await small.accounts.get(record.id))!.credentials['api_key']).toBe(record.credentials['api_key']);
        }
        await a.accounts.update(records[3]!.id, { credentials: { api_key: 'key-4b' } });
        expect((await small.accounts.get(records[3]!.id))!.credentials['api_key']).toBe('key-4b');
      } finally {
        await small.close();
      }
    });

    it('a size of 0 turns the cache off (every read decrypts)', async () => {
      const off = await backing.open({ credentialCacheSize: 0 });
      try {
        const record = account();
        await a.accounts.insert(record);
        await off.accounts.get(record.id);
        const before = unseal.mock.calls.length;
        await off.accounts.get(record.id);
        expect(unseal.mock.calls.length).toBe(before + 1);
      } finally {
        await off.close();
      }
    });
  });
}
