/** GitHub-style webhooks (X-Hub-Signature-256) over real loopback HTTP into the Node (req, res) receiver. */
import { request as httpRequest } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TriggerEvent } from '../../runtime/types.js';
import { acmegit } from '../fixtures/triggers/toolkits.js';
import { makeTriggers, nodeReceiver, post } from './support/harness.js';
import { githubHeaders } from './support/signers.js';

const starBody = (login = 'octocat') => JSON.stringify({
  action: 'created', starred_at: '2026-01-01T00:00:00Z', repository: { full_name: 'octo/hello' }, sender: { login },
});

describe('GitHub-signed webhooks into handleWebhook(req, res)', () => {
  let harness: ReturnType<typeof makeTriggers<typeof acmegit>>;
  let server: Awaited<ReturnType<typeof nodeReceiver>>;
  let events: TriggerEvent[];

  beforeEach(async () => {
    harness = makeTriggers([acmegit], { options: { maxBodyBytes: 8 * 1024 } });
    server = await nodeReceiver(harness.triggers);
    events = [];
    harness.triggers.subscribe((event) => { events.push(event); }, { triggerSlug: 'ACMEGIT_STAR_CREATED' });
  });
  afterEach(async () => { await server.close(); });

  async function createStar(userId = 'user-1') {
    const created = await harness.triggers.create(userId, 'ACMEGIT_STAR_CREATED', { triggerConfig: { owner: 'octo', repo: 'hello' } });
    expect(created.secret).toMatch(/^[0-9a-f]{64}$/);
    return created as { id: string; secret: string; webhookPath: string };
  }

  it('delivers a correctly signed event to the subscriber, typed, with a stable idempotency key', async () => {
    const star = await createStar();
    const body = starBody();
    const response = await post(`${server.url}${star.webhookPath}`, body, githubHeaders(star.secret, body, 'delivery-1'));
    expect(response).toEqual({ status: 200, json: { received: 1 } });
    await harness.triggers.flush();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ triggerSlug: 'ACMEGIT_STAR_CREATED', toolkit: 'acmegit', triggerId: star.id, userId: 'user-1', attempt: 1 });
    expect(events[0]!.id).toMatch(/^evt_/);
    expect(events[0]!.payload).toEqual(JSON.parse(body));
  });

  it('rejects a signature made with another secret, and a body changed after signing', async () => {
    const star = await createStar();
    const body = starBody();
    const wrong = await post(`${server.url}${star.webhookPath}`, body, githubHeaders('a-different-secret', body, 'delivery-2'));
    expect(wrong.status).toBe(401);
    expect(wrong.json.error).toBe('signature_invalid');
    const tampered = await post(`${server.url}${star.webhookPath}`, starBody('mallory'), githubHeaders(star.secret, body, 'delivery-3'));
    expect(tampered.status).toBe(401);
    const unsigned = await post(`${server.url}${star.webhookPath}`, body, { 'x-github-event': 'star', 'x-github-delivery': 'd-4' });
    expect(unsigned.status).toBe(401);
    await harness.triggers.flush();
    expect(events).toHaveLength(0);
    expect(JSON.stringify(harness.logs)).not.toContain(star.secret);
  });

  it('rejects a replayed delivery id with 409 and delivers once', async () => {
    const star = await createStar();
    const body = starBody();
    const headers = githubHeaders(star.secret, body, 'delivery-5');
    expect((await post(`${server.url}${star.webhookPath}`, body, headers)).status).toBe(200);
    const again = await post(`${server.url}${star.webhookPath}`, body, headers);
    expect(again.status).toBe(409);
    expect(again.json.error).toBe('replay');
    await harness.triggers.flush();
    expect(events).toHaveLength(1);
  });

  it('answers 400 for malformed JSON, even when correctly signed', async () => {
    const star = await createStar();
    const body = '{"action": "created", ';
    const response = await post(`${server.url}${star.webhookPath}`, body, githubHeaders(star.secret, body, 'delivery-6'));
    expect(response.status).toBe(400);
    expect(response.json.message).toMatch(/not valid JSON/);
  });

  it('answers 422 and logs why when the payload fails its schema, and delivers nothing', async () => {
    const star = await createStar();
    const body = JSON.stringify({ action: 'created', starred_at: null, sender: { login: 'x' } });
    const response = await post(`${server.url}${star.webhookPath}`, body, githubHeaders(star.secret, body, 'delivery-7'));
    expect(response.status).toBe(422);
    expect(response.json.message).toMatch(/repository/);
    expect(harness.logs.some((line) => line.message.includes('failed its schema') && String(line.data?.reason).includes('repository'))).toBe(true);
    await harness.triggers.flush();
    expect(events).toHaveLength(0);
  });

  it('answers 413 for a body over the limit, declared or streamed without a length', async () => {
    const star = await createStar();
    const big = JSON.stringify({ ...JSON.parse(starBody()), padding: 'x'.repeat(64 * 1024) });
    const declared = await post(`${server.url}${star.webhookPath}`, big, githubHeaders(star.secret, big, 'delivery-8'));
    expect(declared.status).toBe(413);
    // Chunked: no content-length, the limit trips while reading.
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(`${server.url}${star.webhookPath}`, { method: 'POST', headers: githubHeaders(star.secret, big, 'delivery-9') }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      for (let offset = 0; offset < big.length; offset += 4096) req.write(big.slice(offset, offset + 4096));
      req.end();
    });
    expect(status).toBe(413);
    await harness.triggers.flush();
    expect(events).toHaveLength(0);
  });

  it('ignores events no trigger matches with 202, and refuses disabled or unknown instances', async () => {
    const star = await createStar();
    const push = JSON.stringify({ ref: 'refs/heads/main' });
    const ignored = await post(`${server.url}${star.webhookPath}`, push, githubHeaders(star.secret, push, 'delivery-10', 'push'));
    expect(ignored.status).toBe(202);
    await harness.triggers.disable(star.id);
    const body = starBody();
    const disabled = await post(`${server.url}${star.webhookPath}`, body, githubHeaders(star.secret, body, 'delivery-11'));
    expect(disabled.status).toBe(404);
    await harness.triggers.enable(star.id);
    expect((await post(`${server.url}${star.webhookPath}`, body, githubHeaders(star.secret, body, 'delivery-11'))).status).toBe(200);
    expect((await post(`${server.url}/webhooks/ti_unknown`, body, githubHeaders(star.secret, body, 'delivery-12'))).status).toBe(404);
    expect((await post(`${server.url}/elsewhere`, body, {})).status).toBe(404);
  });

  it('on the toolkit route, delivers only to the instance whose secret signed the event', async () => {
    const first = await createStar('user-1');
    const second = await createStar('user-2');
    const body = starBody();
    const response = await post(`${server.url}/webhooks/acmegit`, body, githubHeaders(second.secret, body, 'delivery-13'));
    expect(response).toEqual({ status: 200, json: { received: 1 } });
    await harness.triggers.flush();
    expect(events.map((event) => [event.triggerId, event.userId])).toEqual([[second.id, 'user-2']]);
    expect(first.id).not.toBe(second.id);
  });

  it('filters subscribers by user, trigger id and toolkit', async () => {
    const star = await createStar('user-1');
    const seen: string[] = [];
    harness.triggers.subscribe(() => { seen.push('other-user'); }, { userId: 'user-2' });
    harness.triggers.subscribe(() => { seen.push('by-id'); }, { triggerId: star.id });
    harness.triggers.subscribe(() => { seen.push('other-toolkit'); }, { toolkits: ['acmepay'] });
    const body = starBody();
    await post(`${server.url}${star.webhookPath}`, body, githubHeaders(star.secret, body, 'delivery-14'));
    await harness.triggers.flush();
    expect(seen).toEqual(['by-id']);
  });
});
