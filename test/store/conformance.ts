/**
 * One behaviour suite for every Store implementation: each backend test file calls `storeConformance` with a
 * factory that opens store instances on one fresh backing storage (a directory, a table prefix). Two instances
 * on the same backing stand for two processes.
 */
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConnectedAccountRecord, Store } from '../../runtime/store/types.js';
import { ToolsmithError } from '../../runtime/errors.js';

export interface Backing {
  /** Opens an instance on this backing (same data as every other instance of it). */
  open(options: { key: Buffer; now: () => number }): Promise<Store>;
  /** Raw bytes at rest (file contents, table dumps), to check that secrets are sealed. */
  rawText(): Promise<string>;
}

export function account(overrides: Partial<ConnectedAccountRecord> = {}): ConnectedAccountRecord {
  const createdAt = overrides.createdAt ?? '2026-01-01T00:00:00.000Z';
  return {
    id: `ca_${randomBytes(8).toString('hex')}`, userId: 'alice', toolkit: 'github', scheme: 'api_key', status: 'ACTIVE',
    credentials: { api_key: 'sk-test-secret-value' }, connection: { org: 'acme' }, scopes: ['repo'],
    createdAt, updatedAt: createdAt, ...overrides,
  };
}

async function expectCode(promise: Promise<unknown>, code: string): Promise<ToolsmithError> {
  const error = await promise.then(() => undefined, (caught: unknown) => caught);
  expect(error, `expected ${code}`).toBeInstanceOf(ToolsmithError);
  expect((error as ToolsmithError).code).toBe(code);
  return error as ToolsmithError;
}

export function storeConformance(name: string, newBacking: () => Promise<Backing>): void {
  describe(`${name} store conformance`, () => {
    const key = randomBytes(32);
    let clock = Date.parse('2026-06-01T00:00:00Z');
    const now = (): number => clock;
    const opened: Store[] = [];
    const open = async (backing: Backing, options: { key?: Buffer } = {}): Promise<Store> => {
      const store = await backing.open({ key: options.key ?? key, now });
      opened.push(store);
      return store;
    };
    afterEach(async () => {
      for (const store of opened.splice(0)) await store.close();
    });

    it('inserts, reads, lists newest first with filters, and deletes accounts', async () => {
      const store = await open(await newBacking());
      const old = account({ createdAt: '2026-01-01T00:00:00.000Z' });
      const newer = account({ createdAt: '2026-02-01T00:00:00.000Z' });
      const other = account({ userId: 'bob', toolkit: 'slack', status: 'EXPIRED', createdAt: '2026-03-01T00:00:00.000Z' });
      for (const record of [old, newer, other]) await store.accounts.insert(record);
      expect(await store.accounts.get(old.id)).toEqual(old);
      expect(await store.accounts.get('ca_missing')).toBeUndefined();
      expect((await store.accounts.list()).map((r) => r.id)).toEqual([other.id, newer.id, old.id]);
      expect((await store.accounts.list({ userId: 'alice', toolkit: 'github' })).map((r) => r.id)).toEqual([newer.id, old.id]);
      expect((await store.accounts.list({ toolkit: 'slack' })).map((r) => r.id)).toEqual([other.id]);
      expect((await store.accounts.list({ statuses: ['EXPIRED'] })).map((r) => r.id)).toEqual([other.id]);
      expect(await store.accounts.list({ userId: 'nobody' })).toEqual([]);
      await expectCode(store.accounts.insert(old), 'STORE_ERROR');
      expect(await store.accounts.delete(old.id)).toBe(true);
      expect(await store.accounts.delete(old.id)).toBe(false);
      expect(await store.accounts.get(old.id)).toBeUndefined();
    });

    it('orders accounts created in the same millisecond by id', async () => {
      const store = await open(await newBacking());
      const a = account({ id: 'ca_a' }), b = account({ id: 'ca_b' }), c = account({ id: 'ca_c' });
      for (const record of [b, c, a]) await store.accounts.insert(record);
      expect((await store.accounts.list({ userId: 'alice' })).map((r) => r.id)).toEqual(['ca_c', 'ca_b', 'ca_a']);
    });

    it('updates accounts without touching id, owner, toolkit or creation time', async () => {
      const store = await open(await newBacking());
      const record = account();
      await store.accounts.insert(record);
      const patch = { status: 'EXPIRED', statusReason: 'revoked', userId: 'mallory', toolkit: 'x', credentials: { api_key: 'new' } };
      const updated = await store.accounts.update(record.id, patch as never);
      expect(updated).toMatchObject({ id: record.id, userId: 'alice', toolkit: 'github', status: 'EXPIRED', statusReason: 'revoked' });
      expect(updated.createdAt).toBe(record.createdAt);
      expect(updated.updatedAt).toBe(new Date(clock).toISOString());
      expect(await store.accounts.get(record.id)).toEqual(updated);
      expect(await store.accounts.list({ statuses: ['EXPIRED'] })).toHaveLength(1);
      await expectCode(store.accounts.update('ca_missing', { status: 'ACTIVE' }), 'CONNECTED_ACCOUNT_NOT_FOUND');
    });

    it('hands out copies, never its own objects', async () => {
      const store = await open(await newBacking());
      const record = account();
      await store.accounts.insert(record);
      const read = await store.accounts.get(record.id);
      (read!.credentials as Record<string, string>)['api_key'] = 'changed';
      (read!.connection as Record<string, string>)['org'] = 'changed';
      (read!.scopes as string[]).push('admin');
      const again = (await store.accounts.list({ userId: 'alice' }))[0]!;
      expect(again.credentials['api_key']).toBe('sk-test-secret-value');
      expect(again.connection['org']).toBe('acme');
      expect(again.scopes).toEqual(['repo']);
      const value = { nested: { n: 1 } };
      await store.records.put('c', 'k', value);
      value.nested.n = 2;
      expect(await store.records.get('c', 'k')).toEqual({ nested: { n: 1 } });
    });

    it('stores auth configs with their secrets', async () => {
      const store = await open(await newBacking());
      const config = {
        id: 'ac_1', toolkit: 'github', scheme: 'oauth2' as const, credentials: { client_id: 'id', client_secret: 'client-secret-xyz' },
        scopes: ['repo'], webhookSecret: 'whsec-test-secret', createdAt: '2026-01-01T00:00:00.000Z',
      };
      await store.authConfigs.insert(config);
      await store.authConfigs.insert({ ...config, id: 'ac_2', toolkit: 'slack', webhookSecret: undefined, createdAt: '2026-01-02T00:00:00.000Z' } as never);
      expect(await store.authConfigs.get('ac_1')).toEqual(config);
      expect((await store.authConfigs.list()).map((c) => c.id)).toEqual(['ac_2', 'ac_1']);
      expect((await store.authConfigs.list({ toolkit: 'github' })).map((c) => c.id)).toEqual(['ac_1']);
      await expectCode(store.authConfigs.insert(config), 'STORE_ERROR');
      expect(await store.authConfigs.delete('ac_1')).toBe(true);
      expect(await store.authConfigs.delete('ac_1')).toBe(false);
      expect(await store.authConfigs.get('ac_1')).toBeUndefined();
    });

    it('keeps records with TTLs, take-once, putIfAbsent and prefix lists', async () => {
      const store = await open(await newBacking());
      await store.records.put('states', 'b', { n: 2 });
      await store.records.put('states', 'a', { n: 1 }, { ttlMs: 1000 });
      await store.records.put('other', 'a', 'x');
      expect(await store.records.get('states', 'a')).toEqual({ n: 1 });
      expect((await store.records.list('states')).map((row) => row.key)).toEqual(['a', 'b']);
      expect(await store.records.list('states', { prefix: 'b' })).toEqual([{ key: 'b', value: { n: 2 } }]);
      expect(await store.records.putIfAbsent('states', 'a', { n: 9 })).toBe(false);
      clock += 1000;
      expect(await store.records.get('states', 'a')).toBeUndefined();
      expect((await store.records.list('states')).map((row) => row.key)).toEqual(['b']);
      expect(await store.records.putIfAbsent('states', 'a', { n: 3 })).toBe(true);
      expect(await store.records.take('states', 'a')).toEqual({ n: 3 });
      expect(await store.records.take('states', 'a')).toBeUndefined();
      await store.records.put('states', 'c', 1, { ttlMs: 10 });
      clock += 10;
      expect(await store.records.take('states', 'c')).toBeUndefined();
      expect(await store.records.delete('states', 'b')).toBe(true);
      expect(await store.records.delete('states', 'b')).toBe(false);
      await store.records.put('secrets', 'k', { token: 'record-secret-value' }, { secret: true });
      expect(await store.records.get('secrets', 'k')).toEqual({ token: 'record-secret-value' });
      expect(await store.records.list('secrets')).toEqual([{ key: 'k', value: { token: 'record-secret-value' } }]);
    });

    it('lets exactly one of many concurrent putIfAbsent and take calls win, across instances', async () => {
      const backing = await newBacking();
      const first = await open(backing);
      const second = await open(backing);
      const stores = [first, second];
      const puts = await Promise.all(Array.from({ length: 40 }, (_, i) => stores[i % 2]!.records.putIfAbsent('locks', 'k', { by: i })));
      expect(puts.filter(Boolean)).toHaveLength(1);
      const takes = await Promise.all(Array.from({ length: 40 }, (_, i) => stores[i % 2]!.records.take('locks', 'k')));
      expect(takes.filter((value) => value !== undefined)).toHaveLength(1);
    });

    it('serializes withAccountLock holders, within and across instances, and hands each the fresh record', async () => {
      const backing = await newBacking();
      const first = await open(backing);
      const second = await open(backing);
      const record = account({ credentials: { api_key: 'k', counter: '0' } });
      await first.accounts.insert(record);
      let inside = 0;
      let maxInside = 0;
      const bump = (store: Store) => store.withAccountLock(record.id, async (fresh) => {
        inside += 1;
        maxInside = Math.max(maxInside, inside);
        await new Promise((resolve) => setTimeout(resolve, 2));
        const next = String(Number(fresh.credentials['counter']) + 1);
        await store.accounts.update(record.id, { credentials: { ...fresh.credentials, counter: next } });
        inside -= 1;
        return next;
      });
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) => bump(i % 2 === 0 ? first : second)));
      expect(maxInside).toBe(1);
      expect([...results].sort((a, b) => Number(a) - Number(b))).toEqual(Array.from({ length: 20 }, (_, i) => String(i + 1)));
      expect((await second.accounts.get(record.id))!.credentials['counter']).toBe('20');
      await expectCode(first.withAccountLock('ca_missing', async () => 1), 'CONNECTED_ACCOUNT_NOT_FOUND');
    });

    it('keeps what a lock holder wrote before it threw', async () => {
      const store = await open(await newBacking());
      const record = account();
      await store.accounts.insert(record);
      await expect(store.withAccountLock(record.id, async () => {
        await store.accounts.update(record.id, { status: 'EXPIRED', statusReason: 'revoked' });
        throw new Error('after the write');
      })).rejects.toThrow('after the write');
      expect((await store.accounts.get(record.id))!.status).toBe('EXPIRED');
    });

    it('survives a reopen, seals secrets at rest, and refuses a wrong key', async () => {
      const backing = await newBacking();
      const store = await open(backing);
      const record = account({ credentials: { api_key: 'plaintext-must-not-appear-1' } });
      await store.accounts.insert(record);
      await store.authConfigs.insert({ id: 'ac_x', toolkit: 'github', scheme: 'oauth2', credentials: { client_id: 'cid', client_secret: 'plaintext-must-not-appear-2' },
        scopes: [], webhookSecret: 'plaintext-must-not-appear-3', createdAt: '2026-01-01T00:00:00.000Z' });
      await store.records.put('s', 'k', 'plaintext-must-not-appear-4', { secret: true });
      await store.records.put('s', 'visible', 'not-a-secret-value');
      await store.close();
      const reopened = await open(backing);
      expect(await reopened.accounts.get(record.id)).toEqual(record);
      expect(await reopened.records.get('s', 'k')).toBe('plaintext-must-not-appear-4');
      const raw = await backing.rawText();
      expect(raw).toContain('not-a-secret-value');
      expect(raw).toContain(record.id);
      expect(raw).not.toMatch(/plaintext-must-not-appear/);
      const error = await expectCode(open(backing, { key: randomBytes(32) }), 'ENCRYPTION_KEY_INVALID');
      expect(error.message).toMatch(/encryption key/i);
    });

    it('refuses malformed records instead of storing them half-formed', async () => {
      const store = await open(await newBacking());
      await expectCode(store.accounts.insert(account({ userId: '' })), 'STORE_ERROR');
      await expectCode(store.accounts.insert(account({ credentials: { n: 1 } as never })), 'STORE_ERROR');
      await expectCode(store.records.put('c', 'k', undefined), 'STORE_ERROR');
    });
  });
}
