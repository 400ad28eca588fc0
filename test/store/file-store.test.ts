import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { appendFile, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createFileStore } from '../../runtime/store/file-store.js';
import { storeConformance } from './conformance.js';

const dirs: string[] = [];
afterAll(async () => { for (const dir of dirs) await rm(dir, { recursive: true, force: true }); });

storeConformance('file', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'toolsmith-file-store-'));
  dirs.push(dir);
  return {
    open: ({ key, now }) => createFileStore({ dir, encryptionKey: key, now }),
    rawText: async () => {
      const files = (await readdir(dir)).filter((name) => name.startsWith('store.log'));
      return (await Promise.all(files.map((name) => readFile(join(dir, name), 'utf8')))).join('\n');
    },
  };
});

describe('file store specifics', () => {
  const fresh = async (): Promise<string> => {
    const dir = await mkdtemp(join(tmpdir(), 'toolsmith-file-store-'));
    dirs.push(dir);
    return dir;
  };

  it('creates encryption.key (mode 0600) on first use and reuses it', async () => {
    const dir = await fresh();
    const env = {};
    const store = await createFileStore({ dir, env });
    await store.records.put('c', 'k', 'secret-value', { secret: true });
    await store.close();
    const info = await stat(join(dir, 'encryption.key'));
    expect(info.mode & 0o777).toBe(0o600);
    expect((await readFile(join(dir, 'encryption.key'), 'utf8')).trim()).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    const again = await createFileStore({ dir, env });
    expect(await again.records.get('c', 'k')).toBe('secret-value');
    await again.close();
  });

  it('takes the key from TOOLSMITH_ENCRYPTION_KEY (hex or base64) and explains a malformed one', async () => {
    const key = randomBytes(32);
    const dir = await fresh();
    const hex = await createFileStore({ dir, env: { TOOLSMITH_ENCRYPTION_KEY: key.toString('hex') } });
    await hex.records.put('c', 'k', 1, { secret: true });
    await hex.close();
    const base64 = await createFileStore({ dir, env: { TOOLSMITH_ENCRYPTION_KEY: key.toString('base64') } });
    expect(await base64.records.get('c', 'k')).toBe(1);
    await base64.close();
    await expect(stat(join(dir, 'encryption.key'))).rejects.toThrow();
    const error = await createFileStore({ dir, env: { TOOLSMITH_ENCRYPTION_KEY: 'too-short' } }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'ENCRYPTION_KEY_INVALID' });
    expect((error as Error).message).toContain('TOOLSMITH_ENCRYPTION_KEY');
    expect((error as Error).message).not.toContain('too-short');
  });

  it('rewrites a mostly stale log, and another instance follows the new file', async () => {
    const dir = await fresh();
    const key = randomBytes(32);
    const writer = await createFileStore({ dir, encryptionKey: key });
    const reader = await createFileStore({ dir, encryptionKey: key, syncMs: 0 });
    await writer.records.put('keep', 'a', { kept: true });
    for (let round = 0; round < 8; round += 1) {
      await Promise.all(Array.from({ length: 1000 }, (_, i) => writer.records.put('churn', 'k', { round, i })));
    }
    // 8,000 lines written; the rewrite at 5,000 stale lines left the header, two live entries and what came after.
    const lines = (await readFile(join(dir, 'store.log'), 'utf8')).trim().split('\n').length;
    expect(lines).toBeLessThanOrEqual(3_010);
    expect(await reader.records.get('churn', 'k')).toEqual({ round: 7, i: 999 });
    expect(await reader.records.get('keep', 'a')).toEqual({ kept: true });
    await writer.close();
    await reader.close();
  });

  it('skips a line torn by a crash and keeps appending after it', async () => {
    const dir = await fresh();
    const key = randomBytes(32);
    const store = await createFileStore({ dir, encryptionKey: key });
    await store.records.put('c', 'before', 1);
    await store.close();
    await appendFile(join(dir, 'store.log'), '{"t":"r","c":"c","k":"torn","v":');
    const reopened = await createFileStore({ dir, encryptionKey: key });
    expect(await reopened.records.get('c', 'before')).toBe(1);
    expect(await reopened.records.get('c', 'torn')).toBeUndefined();
    await reopened.records.put('c', 'after', 2);
    await reopened.close();
    const third = await createFileStore({ dir, encryptionKey: key });
    expect(await third.records.list('c')).toEqual([{ key: 'after', value: 2 }, { key: 'before', value: 1 }]);
    await third.close();
  });

  it('takes over a lock left by a process that died', async () => {
    const dir = await fresh();
    const key = randomBytes(32);
    const store = await createFileStore({ dir, encryptionKey: key, lockTimeoutMs: 5_000 });
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    await writeFile(join(dir, 'store.lock'), `${dead}\n`);
    await store.records.put('c', 'k', 'written after the takeover');
    expect(await store.records.get('c', 'k')).toBe('written after the takeover');
    // A live owner's lock is respected: this process holds it, so the wait times out with a clear error.
    await writeFile(join(dir, 'store.lock'), `${process.ppid}\n`);
    const other = await createFileStore({ dir, encryptionKey: key, lockTimeoutMs: 200 });
    const blocked = await other.records.put('c', 'x', 1).catch((error: unknown) => error);
    await other.close();
    await rm(join(dir, 'store.lock'), { force: true });
    expect(blocked).toMatchObject({ code: 'STORE_ERROR', message: expect.stringContaining('Timed out waiting for the lock') });
    await store.close();
  });

  it('refuses calls after close with a clear error', async () => {
    const store = await createFileStore({ dir: await fresh(), encryptionKey: randomBytes(32) });
    await store.close();
    await expect(store.records.get('c', 'k')).rejects.toMatchObject({ code: 'STORE_ERROR', message: expect.stringContaining('closed') });
  });
});
