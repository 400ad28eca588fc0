/**
 * Triggers over the real embedded file store: a poll trigger survives closing and reopening the store
 * (a process restart) without replay or loss, and webhook secrets never reach the disk in clear.
 */
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFileStore } from '../../runtime/store/file-store.js';
import type { TriggerEvent } from '../../runtime/types.js';
import { acmegit, acmenews } from '../fixtures/triggers/toolkits.js';
import { fetchExecutor } from './support/fetch-executor.js';
import { makeTriggers } from './support/harness.js';
import { ManualClock } from './support/manual-clock.js';
import { githubHeaders } from './support/signers.js';
import { storiesServer } from './support/stories-server.js';

describe('triggers on the file store', () => {
  let dir: string;
  const encryptionKey = Buffer.alloc(32, 7);
  beforeEach(async () => { dir = await mkdtemp(join(tmpdir(), 'toolsmith-triggers-')); });
  afterEach(async () => { await rm(dir, { recursive: true, force: true }); });

  it('keeps the poll cursor across a restart: no replay, no loss', async () => {
    const api = await storiesServer();
    try {
      const toolkit = acmenews(api.url);
      const clock = new ManualClock();
      const boot = async () => {
        const store = await createFileStore({ dir, encryptionKey, now: () => clock.now() });
        const harness = makeTriggers([toolkit], { store, clock, executeTool: fetchExecutor([toolkit]) });
        const events: TriggerEvent[] = [];
        harness.triggers.subscribe((event) => { events.push(event); });
        await harness.triggers.start();
        return { ...harness, store, events };
      };
      api.add(1, 2);
      const first = await boot();
      await first.triggers.create('user-1', 'ACMENEWS_NEW_STORY', { triggerConfig: { topic: 'x' } });
      await first.triggers.polling.tick();
      api.add(3);
      clock.advance(60_000);
      await first.triggers.polling.tick();
      await first.triggers.flush();
      expect(first.events.map((event) => (event.payload as { id: number }).id)).toEqual([3]);
      await first.triggers.stop();
      await first.store.close();

      api.add(4, 5);
      clock.advance(60_000);
      const second = await boot();
      await second.triggers.polling.tick();
      await second.triggers.flush();
      expect(second.events.map((event) => (event.payload as { id: number }).id).sort()).toEqual([4, 5]);
      await second.triggers.stop();
      await second.store.close();
    } finally {
      await api.close();
    }
  });

  it('stores the generated webhook secret encrypted and still verifies with it after reopening', async () => {
    const clock = new ManualClock();
    const store = await createFileStore({ dir, encryptionKey, now: () => clock.now() });
    const first = makeTriggers([acmegit], { store, clock });
    const created = await first.triggers.create('user-1', 'ACMEGIT_STAR_CREATED', { triggerConfig: { owner: 'o', repo: 'r' } });
    await store.close();
    for (const file of await readdir(dir)) {
      if (file === 'encryption.key' || file === 'locks') continue;
      expect(await readFile(join(dir, file), 'utf8')).not.toContain(created.secret);
    }
    const reopened = await createFileStore({ dir, encryptionKey, now: () => clock.now() });
    const second = makeTriggers([acmegit], { store: reopened, clock });
    const body = JSON.stringify({ action: 'created', starred_at: null, repository: { full_name: 'o/r' }, sender: { login: 'u' } });
    const response = await second.triggers.handleWebhook(new Request(`http://127.0.0.1${created.webhookPath}`, { method: 'POST', body, headers: githubHeaders(created.secret!, body, 'fs-1') }));
    expect(response.status).toBe(200);
    await second.triggers.flush();
    await reopened.close();
  });
});
