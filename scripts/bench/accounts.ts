/**
 * Accounts benchmark (prints figures; no assertions):
 * 1. refresh single-flight: 100 concurrent resolveCredentials on an expired OAuth2 token against oidc-provider on
 *    loopback → token requests counted at the server, and the wall time; the same across two store instances
 *    (two processes' worth of state on one directory).
 * 2. the embedded store with N connected accounts (default 100,000): insert time, file size, memory, reopen time,
 *    and lookup time (selectAccount by user + toolkit, get by id), against PostgreSQL holding the same rows when
 *    its binaries are present (ratio printed).
 * Run: node --expose-gc --import tsx scripts/bench/accounts.ts [--accounts 100000] [--no-postgres] [--cache-size 10000]
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { ConnectedAccountRecord, Store } from '../../runtime/store/types.js';
import { createFileStore } from '../../runtime/store/file-store.js';
import { createPostgresStore } from '../../runtime/store/postgres-store.js';
import { resolveCredentials, selectAccount, type AccountsContext } from '../../runtime/accounts/index.js';
import { startPostgres } from '../../test/support/postgres.js';
import { createClientConfig, startHarness } from '../../test/oauth/harness.js';

const args = process.argv.slice(2);
const count = Number(args[args.indexOf('--accounts') + 1] ?? 100_000) || 100_000;
const withPostgres = !args.includes('--no-postgres');
const cacheSize = args.includes('--cache-size') ? Number(args[args.indexOf('--cache-size') + 1]) : undefined;
const cacheOption = cacheSize === undefined ? {} : { credentialCacheSize: cacheSize };
const TOOLKITS = ['github', 'slack', 'gmail', 'notion', 'stripe'];
const USERS = Math.floor(count / 2.5);

const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
const gc = (): void => { (globalThis as { gc?: () => void }).gc?.(); };
function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
}

async function benchRefresh(): Promise<void> {
  const h = await startHarness();
  try {
    const configId = await createClientConfig(h);
    for (const mode of ['one store instance', 'two store instances'] as const) {
      const id = await h.connect(`bench-${mode.length}`, configId);
      const record = (await h.store.accounts.get(id))!;
      const contexts: AccountsContext[] = mode === 'one store instance' ? [h.ctx] : [h.ctx, await h.otherProcess()];
      h.clock.now = Date.parse(record.credentials['expires_at']!) + 1000;
      const before = h.server.countTokenRequests('refresh_token');
      const started = performance.now();
      const results = await Promise.all(Array.from({ length: 100 }, (_, i) => resolveCredentials(contexts[i % contexts.length]!, record)));
      const elapsed = performance.now() - started;
      const tokens = new Set(results.map((r) => r.credentials['access_token'])).size;
      console.log(`refresh, 100 concurrent calls on an expired token (${mode}): ${h.server.countTokenRequests('refresh_token') - before} ` +
        `token request(s), ${tokens} distinct access token(s), ${elapsed.toFixed(1)} ms`);
      h.clock.now = Date.now();
    }
  } finally {
    await h.close();
  }
}

function makeAccount(i: number, now: string): ConnectedAccountRecord {
  return {
    id: `ca_${randomBytes(16).toString('base64url')}`, userId: `user-${i % USERS}`, toolkit: TOOLKITS[i % TOOLKITS.length]!,
    scheme: 'oauth2', authConfigId: 'ac_bench', status: 'ACTIVE',
    credentials: { access_token: randomBytes(24).toString('base64url'), refresh_token: randomBytes(24).toString('base64url'), expires_at: '2030-01-01T00:00:00.000Z' },
    connection: {}, scopes: ['read', 'write'], createdAt: now, updatedAt: now,
  };
}

async function fill(store: Store, records: readonly ConnectedAccountRecord[]): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < records.length; i += 1000) await Promise.all(records.slice(i, i + 1000).map((r) => store.accounts.insert(r)));
  return performance.now() - started;
}

async function lookups(store: Store, records: readonly ConnectedAccountRecord[], rounds: number): Promise<{ select: number[]; get: number[] }> {
  const ctx: AccountsContext = { store, toolkits: [] };
  const select: number[] = [];
  const get: number[] = [];
  for (let i = 0; i < rounds; i += 1) {
    const record = records[Math.floor(Math.random() * records.length)]!;
    let started = performance.now();
    await selectAccount(ctx, { userId: record.userId, toolkit: record.toolkit });
    select.push(performance.now() - started);
    started = performance.now();
    await store.accounts.get(record.id);
    get.push(performance.now() - started);
  }
  return { select: select.sort((a, b) => a - b), get: get.sort((a, b) => a - b) };
}

function report(label: string, times: { select: number[]; get: number[] }): number {
  const us = (ms: number) => `${(ms * 1000).toFixed(0)} µs`;
  console.log(`  ${label}: selectAccount p50 ${us(percentile(times.select, 0.5))} p99 ${us(percentile(times.select, 0.99))}; ` +
    `accounts.get p50 ${us(percentile(times.get, 0.5))} p99 ${us(percentile(times.get, 0.99))}`);
  return percentile(times.select, 0.5);
}

async function benchStore(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'toolsmith-bench-'));
  const key = randomBytes(32);
  const now = new Date().toISOString();
  const records = Array.from({ length: count }, (_, i) => makeAccount(i, now));
  try {
    console.log(`embedded file store, ${count.toLocaleString('en')} connected accounts (${USERS.toLocaleString('en')} users × ${TOOLKITS.length} toolkits):`);
    gc();
    const heapBefore = process.memoryUsage().heapUsed;
    let store = await createFileStore({ dir, encryptionKey: key, ...cacheOption });
    const insertMs = await fill(store, records);
    gc();
    const heapAfter = process.memoryUsage().heapUsed;
    console.log(`  insert: ${(insertMs / 1000).toFixed(2)} s (${Math.round(count / (insertMs / 1000)).toLocaleString('en')} accounts/s), ` +
      `log ${mib((await stat(join(dir, 'store.log'))).size)}, heap +${mib(heapAfter - heapBefore)} ` +
      `(${((heapAfter - heapBefore) / count).toFixed(0)} bytes/account${(globalThis as { gc?: unknown }).gc ? '' : ', run with --expose-gc for exact figures'})`);
    await store.close();
    const openStarted = performance.now();
    const openCpu = process.cpuUsage();
    store = await createFileStore({ dir, encryptionKey: key, ...cacheOption });
    const replayCpu = process.cpuUsage(openCpu);
    console.log(`  reopen (replay the log): ${((performance.now() - openStarted) / 1000).toFixed(2)} s wall, ` +
      `${((replayCpu.user + replayCpu.system) / 1e6).toFixed(2)} s CPU, rss ${mib(process.memoryUsage().rss)}`);
    await lookups(store, records, 2000); // warm-up
    // Random accounts among all of them: mostly misses of the decrypted-credential cache (10,000 by default).
    const fileP50 = report('file store, random accounts', await lookups(store, records, 20_000));
    // A working set smaller than the cache (the accounts of active users): decrypted once, then served from memory.
    const hot = records.slice(0, 1000);
    await lookups(store, hot, 2000);
    report('file store, 1,000 active accounts', await lookups(store, hot, 20_000));
    await store.close();

    if (!withPostgres) return;
    let cluster;
    try { cluster = await startPostgres(); } catch (error) { console.log(`  PostgreSQL skipped: ${(error as Error).message}`); return; }
    try {
      const pgStore = await createPostgresStore({ connectionString: cluster.connectionString, encryptionKey: key });
      const pgInsert = await fill(pgStore, records);
      console.log(`PostgreSQL store, same rows: insert ${(pgInsert / 1000).toFixed(2)} s`);
      await lookups(pgStore, records, 1000);
      const pgP50 = report('PostgreSQL, random accounts', await lookups(pgStore, records, 5000));
      console.log(`  ratio selectAccount p50, PostgreSQL / file store: ${(pgP50 / fileP50).toFixed(1)}×`);
      await pgStore.close();
    } finally {
      await cluster.stop();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await benchRefresh();
await benchStore();
