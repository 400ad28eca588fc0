/** Several OS processes sharing one `.toolsmith/` directory: locks and atomic records hold across them. */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, expect, it } from 'vitest';
import { createFileStore } from '../../runtime/store/file-store.js';
import { account } from './conformance.js';

const run = promisify(execFile);
const worker = fileURLToPath(new URL('./support/lock-worker.ts', import.meta.url));
let dir = '';
afterAll(async () => { if (dir) await rm(dir, { recursive: true, force: true }); });

it('serializes account locks and putIfAbsent across three processes', async () => {
  dir = await mkdtemp(join(tmpdir(), 'toolsmith-processes-'));
  const key = randomBytes(32);
  const store = await createFileStore({ dir, encryptionKey: key });
  const record = account({ credentials: { api_key: 'k', counter: '0' } });
  await store.accounts.insert(record);
  const iterations = 15;
  const outputs = await Promise.all(['p1', 'p2', 'p3'].map((name) => run(process.execPath,
    ['--import', 'tsx', worker, dir, record.id, String(iterations), name],
    { env: { ...process.env, TEST_STORE_KEY: key.toString('hex') }, timeout: 120_000 })));
  const results = outputs.map((output) => JSON.parse(output.stdout) as { claimed: number });
  // Every increment survived (no lost update), and each ticket was claimed by exactly one process.
  expect((await store.accounts.get(record.id))!.credentials['counter']).toBe(String(3 * iterations));
  expect(results.reduce((sum, result) => sum + result.claimed, 0)).toBe(iterations);
  expect(await store.records.list('tickets')).toHaveLength(iterations);
  await store.close();
}, 180_000);
