/**
 * Through the real Toolsmith: a poll trigger calls the declared tool with the account's credentials
 * (the executor injects them) against a loopback API, and webhooks reach `toolsmith.triggers`.
 */
import { createServer } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Toolsmith } from '../../runtime/toolsmith.js';
import { createFileStore } from '../../runtime/store/file-store.js';
import type { CompiledToolkit, TriggerEvent } from '../../runtime/types.js';
import type { Store } from '../../runtime/store/types.js';
import { acmegit, acmenews } from '../fixtures/triggers/toolkits.js';
import { ManualClock } from './support/manual-clock.js';
import { githubHeaders } from './support/signers.js';

describe('toolsmith.triggers', () => {
  let dir: string;
  let store: Store;
  let api: { url: string; keys: Array<string | undefined>; ids: number[]; close(): Promise<void> };
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'toolsmith-ts-'));
    store = await createFileStore({ dir, encryptionKey: Buffer.alloc(32, 9) });
    const keys: Array<string | undefined> = [];
    const ids = [10, 11];
    const server = createServer((req, res) => {
      keys.push(req.headers['x-api-key'] as string | undefined);
      res.writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ stories: ids.map((id) => ({ id, title: `t${id}`, by: 'x' })) }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    api = { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, keys, ids,
      close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }) };
  });
  afterEach(async () => {
    await api.close();
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('polls through tools.execute with the connected account credentials', async () => {
    const news: CompiledToolkit = {
      ...acmenews(api.url),
      auth: [{ scheme: 'api_key', fields: [{ name: 'api_key', secret: true, required: true }], inject: [{ in: 'header', name: 'X-Api-Key', value: '{{credentials.api_key}}' }] }],
    };
    const clock = new ManualClock(Date.now());
    const toolsmith = new Toolsmith({ toolkits: [news], store, triggers: { clock, logger: { info: () => {}, warn: () => {} } } });
    const account = await toolsmith.connectedAccounts.create('user-1', 'acmenews', { scheme: 'api_key', credentials: { api_key: 'key-from-test' } });
    const events: TriggerEvent[] = [];
    toolsmith.triggers.subscribe((event) => { events.push(event); });
    const { id } = await toolsmith.triggers.create('user-1', 'ACMENEWS_NEW_STORY', { triggerConfig: { topic: 'ai' } });
    expect((await toolsmith.triggers.get(id)).connectedAccountId).toBe(account.id);
    const baseline = await toolsmith.triggers.polling.tick();
    expect(baseline, JSON.stringify(baseline)).toEqual([{ triggerId: id, ok: true, emitted: 0 }]);
    api.ids.unshift(12);
    clock.advance(60_000);
    await toolsmith.triggers.polling.tick();
    await toolsmith.triggers.flush();
    expect(events.map((event) => [(event.payload as { id: number }).id, event.connectedAccountId])).toEqual([[12, account.id]]);
    expect(api.keys).toEqual(['key-from-test', 'key-from-test']);
  });

  it('receives a signed webhook through toolsmith.triggers.handleWebhook', async () => {
    const toolsmith = new Toolsmith({ toolkits: [acmegit], store, triggers: { logger: { info: () => {}, warn: () => {} } } });
    const created = await toolsmith.triggers.create('user-1', 'ACMEGIT_STAR_CREATED', { triggerConfig: { owner: 'o', repo: 'r' } });
    const stars: string[] = [];
    toolsmith.triggers.subscribe((event) => { stars.push(event.payload.sender.login); }, { triggerSlug: 'ACMEGIT_STAR_CREATED' });
    const body = JSON.stringify({ action: 'created', starred_at: null, repository: { full_name: 'o/r' }, sender: { login: 'typed' } });
    const response = await toolsmith.triggers.handleWebhook(new Request(`http://127.0.0.1${created.webhookPath}`, { method: 'POST', body, headers: githubHeaders(created.secret!, body, 'ts-1') }));
    expect(response.status).toBe(200);
    await toolsmith.triggers.flush();
    expect(stars).toEqual(['typed']);
  });
});
