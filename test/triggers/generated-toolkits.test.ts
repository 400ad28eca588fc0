/**
 * The compiler's real output: github, slack and hackernews built from definitions/ by `build()` into a scratch
 * folder, then driven through the real Toolsmith — GitHub push and star signed as GitHub signs, Slack
 * url_verification, and the Hacker News new-stories poll against a loopback API across a restart.
 */
import { createServer } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../compiler/build/build.js';
import { Toolsmith } from '../../runtime/toolsmith.js';
import { createFileStore } from '../../runtime/store/file-store.js';
import type { CompiledToolkit, TriggerEvent } from '../../runtime/types.js';
import { githubHeaders, slackHeaders } from './support/signers.js';

const outDir = join('test', 'fixtures', 'triggers', 'out', `generated-${process.pid}`);
const quiet = { info: () => {}, warn: () => {} };
let github: CompiledToolkit;
let slack: CompiledToolkit;
let hackernews: CompiledToolkit;
let scratch: string;

beforeAll(async () => {
  for (const toolkit of ['github', 'slack', 'hackernews']) {
    const result = await build({ definitionsDir: 'definitions', outDir, toolkit, noCache: true });
    expect(result.ok, JSON.stringify(result.diagnostics.filter((d) => d.severity === 'error').slice(0, 3))).toBe(true);
  }
  const load = async (slug: string) => (await import(pathToFileURL(join(process.cwd(), outDir, slug, 'index.ts')).href) as Record<string, CompiledToolkit>)[slug]!;
  [github, slack, hackernews] = await Promise.all([load('github'), load('slack'), load('hackernews')]);
  scratch = await mkdtemp(join(tmpdir(), 'toolsmith-gen-'));
}, 180_000);
afterAll(async () => {
  await rm(join('test', 'fixtures', 'triggers', 'out'), { recursive: true, force: true });
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

describe('generated github and slack triggers', () => {
  it('verifies, validates and delivers GitHub push and star events; rejects the rest', async () => {
    const store = await createFileStore({ dir: join(scratch, 'gh'), encryptionKey: Buffer.alloc(32, 1) });
    const toolsmith = new Toolsmith({ toolkits: [github, slack], store, triggers: { logger: quiet } });
    const events: TriggerEvent[] = [];
    toolsmith.triggers.subscribe((event) => { events.push(event); }, { toolkits: ['github'] });
    const push = await toolsmith.triggers.create('user-1', 'GITHUB_PUSH_EVENT', { triggerConfig: { owner: 'octo', repo: 'hello' } });
    const star = await toolsmith.triggers.create('user-1', 'GITHUB_STAR_ADDED', { triggerConfig: { owner: 'octo', repo: 'hello' } });
    const repository = { id: 1, name: 'hello', full_name: 'octo/hello', private: false, html_url: 'https://github.com/octo/hello', owner: { login: 'octo', id: 2 } };
    const pushBody = JSON.stringify({ ref: 'refs/heads/main', before: 'a', after: 'b', commits: [{ id: 'b', message: 'fix' }], head_commit: null, repository, sender: { login: 'dev', id: 3 } });
    const send = (path: string, body: string, headers: Record<string, string>) =>
      toolsmith.triggers.handleWebhook(new Request(`http://127.0.0.1${path}`, { method: 'POST', body, headers }));
    expect((await send(push.webhookPath!, pushBody, githubHeaders(push.secret!, pushBody, 'p-1', 'push'))).status).toBe(200);
    expect((await send(push.webhookPath!, pushBody, githubHeaders(star.secret!, pushBody, 'p-2', 'push'))).status).toBe(401);
    const starBody = JSON.stringify({ action: 'created', starred_at: '2026-01-01T00:00:00Z', repository, sender: { login: 'fan', id: 4 } });
    expect((await send(star.webhookPath!, starBody, githubHeaders(star.secret!, starBody, 's-1', 'star'))).status).toBe(200);
    const badStar = JSON.stringify({ action: 'created', repository: { full_name: 42 }, sender: { login: 'fan' } });
    expect((await send(star.webhookPath!, badStar, githubHeaders(star.secret!, badStar, 's-2', 'star'))).status).toBe(422);
    await toolsmith.triggers.flush();
    expect(events.map((event) => event.triggerSlug).sort()).toEqual(['GITHUB_PUSH_EVENT', 'GITHUB_STAR_ADDED']);
    await store.close();
  });

  it('answers Slack url_verification signed with the app secret of the auth config', async () => {
    const store = await createFileStore({ dir: join(scratch, 'slack'), encryptionKey: Buffer.alloc(32, 2) });
    const toolsmith = new Toolsmith({ toolkits: [slack], store, triggers: { logger: quiet } });
    const secret = 'generated-slack-signing-secret';
    await store.authConfigs.insert({ id: 'ac_gen_slack', toolkit: 'slack', scheme: 'oauth2', credentials: { client_id: 'c', client_secret: 's' }, scopes: [], webhookSecret: secret, createdAt: new Date().toISOString() });
    await toolsmith.triggers.create('user-1', 'SLACK_REACTION_ADDED', { authConfigId: 'ac_gen_slack' });
    const body = JSON.stringify({ type: 'url_verification', challenge: 'gen-challenge', token: 't' });
    const now = Math.floor(Date.now() / 1000);
    const response = await toolsmith.triggers.handleWebhook(new Request('http://127.0.0.1/webhooks/slack', { method: 'POST', body, headers: slackHeaders(secret, body, now) }));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ challenge: 'gen-challenge' });
    await store.close();
  });
});

describe('generated hackernews poll trigger', () => {
  it('emits each new story id once, across a restart, calling the generated tool on loopback', async () => {
    const ids = [3, 2, 1];
    let calls = 0;
    const server = createServer((req, res) => {
      calls++;
      if (req.url !== '/v0/newstories.json') { res.writeHead(404).end(); return; }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(ids));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const local = { ...hackernews, baseUrl: `http://127.0.0.1:${(server.address() as { port: number }).port}/v0` };
    const dir = join(scratch, 'hn');
    const boot = async () => {
      const store = await createFileStore({ dir, encryptionKey: Buffer.alloc(32, 3) });
      const toolsmith = new Toolsmith({ toolkits: [local], store, triggers: { logger: quiet } });
      const events: number[] = [];
      toolsmith.triggers.subscribe((event) => { events.push(event.payload as number); }, { triggerSlug: 'HACKERNEWS_NEW_STORY' });
      return { store, toolsmith, events };
    };
    try {
      const first = await boot();
      const { id } = await first.toolsmith.triggers.create('user-1', 'HACKERNEWS_NEW_STORY');
      expect(await first.toolsmith.triggers.polling.pollNow(id)).toEqual({ triggerId: id, ok: true, emitted: 0 });
      ids.unshift(5, 4);
      expect((await first.toolsmith.triggers.polling.pollNow(id)).emitted).toBe(2);
      await first.toolsmith.triggers.flush();
      expect(first.events).toEqual([5, 4]);
      await first.toolsmith.triggers.stop();
      await first.store.close();

      ids.unshift(6);
      const second = await boot();
      expect((await second.toolsmith.triggers.polling.pollNow(id)).emitted).toBe(1);
      await second.toolsmith.triggers.flush();
      expect(second.events).toEqual([6]);
      await second.store.close();
      expect(calls).toBe(3);
    } finally {
      await new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); });
    }
  });
});
