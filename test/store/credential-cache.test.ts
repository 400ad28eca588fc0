/**
 * The decrypted-credential cache of the embedded file store: the shared rules (two instances on one directory),
 * a real second OS process appending to the log, and the executor: a call never goes out with a changed, disabled
 * or deleted account's old credentials.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createFileStore } from '../../runtime/store/file-store.js';
import type { Store } from '../../runtime/store/types.js';
import { Toolsmith } from '../../runtime/toolsmith.js';
import { ToolsmithError } from '../../runtime/errors.js';
import { startRecordServer, type RecordServer } from '../support/record-server.js';
import { apiKeyHeader, tool, toolkit } from '../runtime/support/toolkit.js';
import { account } from './conformance.js';
import { credentialCacheRules } from './credential-cache-rules.js';

const run = promisify(execFile);
const worker = fileURLToPath(new URL('./support/account-worker.ts', import.meta.url));
const dirs: string[] = [];
afterAll(async () => { for (const dir of dirs) await rm(dir, { recursive: true, force: true }); });

async function freshDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'toolsmith-cache-'));
  dirs.push(dir);
  return dir;
}

credentialCacheRules('file store', async () => {
  const dir = await freshDir();
  const key = randomBytes(32);
  // syncMs 0: every read catches up with the log, so a test sees the other instance's write at once.
  return { open: (options = {}) => createFileStore({ dir, encryptionKey: key, syncMs: 0, ...options }) };
});

describe('file store cache and other processes', () => {
  const key = randomBytes(32);
  let dir: string;
  let store: Store;
  beforeEach(async () => {
    dir = await freshDir();
    store = await createFileStore({ dir, encryptionKey: key, syncMs: 0 });
  });
  afterEach(async () => { await store.close(); });
  const inOtherProcess = (...args: string[]) => run(process.execPath, ['--import', 'tsx', worker, dir, ...args],
    { env: { ...process.env, TEST_STORE_KEY: key.toString('hex') }, timeout: 60_000 });

  it('reads the credentials another process wrote, and sees its disable and delete', async () => {
    const record = account({ credentials: { api_key: 'first' } });
    await store.accounts.insert(record);
    expect((await store.accounts.get(record.id))!.credentials['api_key']).toBe('first');
    await inOtherProcess(record.id, 'update', 'second');
    expect((await store.accounts.get(record.id))!.credentials['api_key']).toBe('second');
    await inOtherProcess(record.id, 'disable');
    expect((await store.accounts.get(record.id))!.status).toBe('INACTIVE');
    await inOtherProcess(record.id, 'delete');
    expect(await store.accounts.get(record.id)).toBeUndefined();
  }, 120_000);
});

describe('executor with a warm cache', () => {
  let server: RecordServer;
  let dir: string;
  const key = randomBytes(32);
  const stores: Store[] = [];
  beforeEach(async () => {
    server = await startRecordServer();
    dir = await freshDir();
  });
  afterEach(async () => {
    for (const store of stores.splice(0)) await store.close();
    await server.close();
  });

  it('sends the current key after another instance changes it, and refuses a disabled or deleted account', async () => {
    const writer = await createFileStore({ dir, encryptionKey: key, syncMs: 0 });
    const reader = await createFileStore({ dir, encryptionKey: key, syncMs: 0 });
    stores.push(writer, reader);
    const kit = toolkit('keyed', server.url, [tool({ slug: 'KEYED_PING', toolkit: 'keyed', path: '/ping', input: z.object({}) })], [apiKeyHeader]);
    const app = new Toolsmith({ toolkits: [kit], store: reader });
    const record = account({ userId: 'u1', toolkit: 'keyed', credentials: { api_key: 'key-one' } });
    await writer.accounts.insert(record);
    const call = () => app.tools.execute('KEYED_PING', { userId: 'u1', arguments: {} });

    expect((await call()).successful).toBe(true);
    expect((await call()).successful).toBe(true);
    await writer.accounts.update(record.id, { credentials: { api_key: 'key-two' } });
    expect((await call()).successful).toBe(true);
    expect(server.requests.map((request) => request.headers['x-api-key'])).toEqual(['key-one', 'key-one', 'key-two']);

    await writer.accounts.update(record.id, { status: 'INACTIVE' });
    const disabled = await call().then(() => undefined, (error: unknown) => error);
    expect(ToolsmithError.is(disabled, 'CONNECTED_ACCOUNT_DISABLED')).toBe(true);
    await writer.accounts.update(record.id, { status: 'ACTIVE' });
    expect((await call()).successful).toBe(true);
    await writer.accounts.delete(record.id);
    const deleted = await call().then(() => undefined, (error: unknown) => error);
    expect(ToolsmithError.is(deleted, 'NO_CONNECTED_ACCOUNT')).toBe(true);
    expect(server.requests).toHaveLength(4);
  });
});
