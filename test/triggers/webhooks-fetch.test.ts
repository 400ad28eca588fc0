/** The WHATWG path: a loopback server hands a streamed `Request` to handleWebhook and writes back its `Response`. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TriggerEvent } from '../../runtime/types.js';
import { acmegit, acmehooks } from '../fixtures/triggers/toolkits.js';
import { fetchReceiver, makeTriggers, post } from './support/harness.js';
import { githubHeaders, standardWebhookHeaders } from './support/signers.js';

describe('handleWebhook(Request) → Response', () => {
  let harness: ReturnType<typeof makeTriggers>;
  let server: Awaited<ReturnType<typeof fetchReceiver>>;
  let events: TriggerEvent[];

  beforeEach(async () => {
    harness = makeTriggers([acmegit, acmehooks], { options: { maxBodyBytes: 4096 } });
    server = await fetchReceiver(harness.triggers);
    events = [];
    harness.triggers.subscribe((event) => { events.push(event); });
  });
  afterEach(async () => { await server.close(); });

  it('verifies, validates and delivers; rejects bad signatures, malformed JSON and oversized bodies', async () => {
    const star = await harness.triggers.create('user-9', 'ACMEGIT_STAR_CREATED', { triggerConfig: { owner: 'o', repo: 'r' } });
    const url = `${server.url}${star.webhookPath}`;
    const body = JSON.stringify({ action: 'created', starred_at: null, repository: { full_name: 'o/r' }, sender: { login: 'u' } });
    expect((await post(url, body, githubHeaders(star.secret!, body, 'f-1'))).status).toBe(200);
    expect((await post(url, body, githubHeaders('nope', body, 'f-2'))).status).toBe(401);
    expect((await post(url, '{', githubHeaders(star.secret!, '{', 'f-3'))).status).toBe(400);
    const big = JSON.stringify({ pad: 'y'.repeat(10_000) });
    expect((await post(url, big, githubHeaders(star.secret!, big, 'f-4'))).status).toBe(413);
    await harness.triggers.flush();
    expect(events.map((event) => event.userId)).toEqual(['user-9']);
  });

  it('also works when called directly with a Request built in process (edge runtimes)', async () => {
    const created = await harness.triggers.create('user-1', 'ACMEHOOKS_ORDER_CREATED');
    const body = JSON.stringify({ type: 'order.created', data: { orderId: 'x', total: 1 } });
    const headers = standardWebhookHeaders(created.secret!, body, 'msg_a', Math.floor(harness.clock.now() / 1000));
    const response = await harness.triggers.handleWebhook(new Request('https://example.test/webhooks/acmehooks', { method: 'POST', body, headers }));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ received: 1 });
    const get = await harness.triggers.handleWebhook(new Request('https://example.test/webhooks/acmehooks'));
    expect(get.status).toBe(405);
    // A streamed body with no content-length stops being read once it passes the limit.
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) { pulled++; controller.enqueue(new Uint8Array(1024).fill(32)); },
    });
    const streamed = await harness.triggers.handleWebhook(new Request('https://example.test/webhooks/acmehooks',
      { method: 'POST', body: endless, headers, duplex: 'half' } as RequestInit));
    expect(streamed.status).toBe(413);
    expect(pulled).toBeLessThan(10);
  });
});
