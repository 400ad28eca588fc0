import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
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
