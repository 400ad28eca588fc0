/**
 * connectedAccounts.list() returns public objects only, so the stores serve it from the redacted view kept beside
 * the sealed credentials: nothing is decrypted (counted on Sealer.unseal), public values are shown, secrets are
 * `[redacted]` and never stored in clear. File store and real PostgreSQL.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Store } from '../../runtime/store/types.js';
import { createFileStore } from '../../runtime/store/file-store.js';
import { createPostgresStore } from '../../runtime/store/postgres-store.js';
import { Sealer } from '../../runtime/store/encryption.js';
import { createAccountsApi, resolveCredentials, selectAccount, type AccountsContext } from '../../runtime/accounts/index.js';
import { startPostgres, type PostgresCluster } from '../support/postgres.js';
import { helpdesk, oauth2Scheme, toolkit } from './support/toolkits.js';

const idp = toolkit('idp', [oauth2Scheme({ tokenUrl: 'http://127.0.0.1:9/token' })]);
let cluster: PostgresCluster;
const dirs: string[] = [];
beforeAll(async () => { cluster = await startPostgres(); }, 120_000);
afterAll(async () => {
  await cluster?.stop();
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

interface Backend { store: Store; rawText(): Promise<string> }

const backends: Record<string, () => Promise<Backend>> = {
  'file store': async () => {
    const dir = await mkdtemp(join(tmpdir(), 'toolsmith-list-'));
    dirs.push(dir);
    return { store: await createFileStore({ dir, encryptionKey: randomBytes(32) }), rawText: () => readFile(join(dir, 'store.log'), 'utf8') };
  },
  postgres: async () => {
    const tablePrefix = `list${randomBytes(3).toString('hex')}_`;
    const store = await createPostgresStore({ connectionString: cluster.connectionString, encryptionKey: randomBytes(32), tablePrefix });
    return {
      store,
      rawText: async () => {
        const admin = new pg.Pool({ connectionString: cluster.connectionString, max: 1 });
        try { return JSON.stringify((await admin.query(`SELECT * FROM ${tablePrefix}accounts`)).rows); } finally { await admin.end(); }
      },
    };
  },
};

for (const [name, open] of Object.entries(backends)) {
  describe(`${name}: listing without decryption`, () => {
    it('lists public values and [redacted] secrets without decrypting, and never stores a secret in clear', async () => {
      const { store, rawText } = await open();
      const ctx: AccountsContext = { store, toolkits: [helpdesk, idp] };
      const accounts = createAccountsApi(ctx);
      try {
        await accounts.create('alice', 'helpdesk', { scheme: 'basic', credentials: { username: 'alice@example.com', password: 'pw-secret-1' }, connection: { subdomain: 'acme' } });
        await accounts.create('alice', 'idp', { credentials: { access_token: 'at-secret-1', expires_at: '2030-01-01T00:00:00.000Z', scope: 'openid api' } });
        await accounts.create('bob', 'helpdesk', { scheme: 'api_key', credentials: { api_key: 'ak-secret-1' }, connection: { subdomain: 'bob' } });
        const unseal = vi.spyOn(Sealer.prototype, 'unseal');
        try {
          const all = await accounts.list();
          const mine = await accounts.list({ userId: 'alice' });
          const keyed = await accounts.list({ userIds: ['alice', 'bob'], toolkits: ['helpdesk'] });
          expect(unseal).not.toHaveBeenCalled();
          expect(all).toHaveLength(3);
          expect(keyed).toHaveLength(2);
          const basic = mine.find((account) => account.toolkit === 'helpdesk')!;
          expect(basic.credentials).toEqual({ username: 'alice@example.com', password: '[redacted]' });
          const oauth = mine.find((account) => account.toolkit === 'idp')!;
          expect(oauth.credentials).toEqual({ access_token: '[redacted]', expires_at: '2030-01-01T00:00:00.000Z', scope: 'openid api' });
          expect(all.find((account) => account.userId === 'bob')!.credentials).toEqual({ api_key: '[redacted]', region: 'eu' });
        } finally {
          unseal.mockRestore();
        }
        // Calls still get the secrets (decrypted on demand).
        const selected = await selectAccount(ctx, { userId: 'alice', toolkit: 'helpdesk' });
        expect(selected.credentials['password']).toBe('pw-secret-1');
        const raw = await rawText();
        for (const secret of ['pw-secret-1', 'at-secret-1', 'ak-secret-1']) expect(raw).not.toContain(secret);
        expect(raw).toContain('alice@example.com');
      } finally {
        await store.close();
      }
    });

    it('the listing follows writes: an update of credentials shows the new public values, secrets stay redacted', async () => {
      const { store } = await open();
      const ctx: AccountsContext = { store, toolkits: [helpdesk, idp] };
      const accounts = createAccountsApi(ctx);
      try {
        const created = await accounts.create('carol', 'idp', { credentials: { access_token: 'at-1', expires_at: '2030-01-01T00:00:00.000Z' } });
        await store.accounts.update(created.id, { credentials: { access_token: 'at-2', expires_at: '2031-01-01T00:00:00.000Z', token_type: 'Bearer' } });
        const [listed] = await accounts.list({ userId: 'carol' });
        expect(listed!.credentials).toEqual({ access_token: '[redacted]', expires_at: '2031-01-01T00:00:00.000Z', token_type: 'Bearer' });
        const current = await resolveCredentials(ctx, await selectAccount(ctx, { userId: 'carol', toolkit: 'idp' }));
        expect(current.credentials['access_token']).toBe('at-2');
      } finally {
        await store.close();
      }
    });

    it('a record written without publicFields (older data, other writers) is still listed redacted, by decrypting it', async () => {
      const { store } = await open();
      const accounts = createAccountsApi({ store, toolkits: [helpdesk, idp] });
      try {
        const now = new Date().toISOString();
        await store.accounts.insert({ id: 'ca_legacy', userId: 'dave', toolkit: 'helpdesk', scheme: 'basic', status: 'ACTIVE',
          credentials: { username: 'dave', password: 'legacy-secret' }, connection: { subdomain: 'd' }, scopes: [], createdAt: now, updatedAt: now });
        const [listed] = await accounts.list({ userId: 'dave' });
        expect(listed!.credentials).toEqual({ username: 'dave', password: '[redacted]' });
      } finally {
        await store.close();
      }
    });
  });
}
