/** Slack v0, Stripe and Standard Webhooks signatures (timestamped schemes) over real loopback HTTP. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TriggerEvent } from '../../runtime/types.js';
import { acmechat, acmehooks, acmepay } from '../fixtures/triggers/toolkits.js';
import { makeTriggers, nodeReceiver, post } from './support/harness.js';
import { slackHeaders, standardWebhookHeaders, stripeHeaders } from './support/signers.js';

let harness: ReturnType<typeof makeTriggers>;
let server: Awaited<ReturnType<typeof nodeReceiver>>;
let events: TriggerEvent[];
const nowSeconds = () => Math.floor(harness.clock.now() / 1000);

beforeEach(async () => {
  harness = makeTriggers([acmechat, acmepay, acmehooks]);
  server = await nodeReceiver(harness.triggers);
  events = [];
  harness.triggers.subscribe((event) => { events.push(event); });
});
afterEach(async () => { await server.close(); });

describe('Slack v0 with an app signing secret from the auth config', () => {
  const appSecret = 'slack-signing-secret-not-in-repo-1';
  const message = (eventId: string) => JSON.stringify({
    type: 'event_callback', event_id: eventId, team_id: 'T1', event: { type: 'message', channel: 'C1', text: 'hi', user: 'U1' },
  });

  beforeEach(async () => {
    await harness.store.authConfigs.insert({ id: 'ac_slack', toolkit: 'acmechat', scheme: 'oauth2', credentials: {}, scopes: [], webhookSecret: appSecret, createdAt: new Date(0).toISOString() });
  });

  it('uses the app secret: no per-instance secret is generated, and signed events are delivered', async () => {
    const created = await harness.triggers.create('user-1', 'ACMECHAT_MESSAGE_POSTED', { authConfigId: 'ac_slack' });
    expect(created.secret).toBeUndefined();
    const body = message('Ev1');
    const response = await post(`${server.url}/webhooks/acmechat`, body, slackHeaders(appSecret, body, nowSeconds()));
    expect(response).toEqual({ status: 200, json: { received: 1 } });
    await harness.triggers.flush();
    expect(events.map((event) => [event.triggerId, (event.payload as { event: { text: string } }).event.text])).toEqual([[created.id, 'hi']]);
  });

  it('routes events signed with one shared app secret to the right account with instance filters', async () => {
    const first = await harness.triggers.create('user-1', 'ACMECHAT_MESSAGE_POSTED', { authConfigId: 'ac_slack', filters: [{ body: '/team_id', equals: 'T1' }] });
    const second = await harness.triggers.create('user-2', 'ACMECHAT_MESSAGE_POSTED', { authConfigId: 'ac_slack', filters: [{ body: '/team_id', oneOf: ['T2', 'T3'] }] });
    const body = message('Ev9');
    expect((await post(`${server.url}/webhooks/acmechat`, body, slackHeaders(appSecret, body, nowSeconds()))).status).toBe(200);
    const other = body.replace('"T1"', '"T9"').replace('Ev9', 'Ev10');
    expect((await post(`${server.url}/webhooks/acmechat`, other, slackHeaders(appSecret, other, nowSeconds()))).status).toBe(202);
    await harness.triggers.flush();
    expect(events.map((event) => event.triggerId)).toEqual([first.id]);
    expect(second.id).not.toBe(first.id);
    await expect(harness.triggers.create('user-3', 'ACMECHAT_MESSAGE_POSTED', { filters: [{ body: '/team_id', header: 'x' } as never] }))
      .rejects.toMatchObject({ code: 'INVALID_OPTIONS' });
  });

  it('answers url_verification with the challenge only when signed by the app', async () => {
    await harness.triggers.create('user-1', 'ACMECHAT_MESSAGE_POSTED', { authConfigId: 'ac_slack' });
    const body = JSON.stringify({ type: 'url_verification', token: 'legacy', challenge: 'c-123' });
    const ok = await post(`${server.url}/webhooks/acmechat`, body, slackHeaders(appSecret, body, nowSeconds()));
    expect(ok).toEqual({ status: 200, json: { challenge: 'c-123' } });
    const forged = await post(`${server.url}/webhooks/acmechat`, body, slackHeaders('forged', body, nowSeconds()));
    expect(forged.status).toBe(401);
  });

  it('rejects a timestamp outside the 5-minute window even with a valid signature', async () => {
    await harness.triggers.create('user-1', 'ACMECHAT_MESSAGE_POSTED', { authConfigId: 'ac_slack' });
    const body = message('Ev2');
    const stale = await post(`${server.url}/webhooks/acmechat`, body, slackHeaders(appSecret, body, nowSeconds() - 301));
    expect(stale.status).toBe(401);
    expect(stale.json.error).toBe('timestamp_stale');
    const future = await post(`${server.url}/webhooks/acmechat`, body, slackHeaders(appSecret, body, nowSeconds() + 600));
    expect(future.status).toBe(401);
    const inWindow = await post(`${server.url}/webhooks/acmechat`, body, slackHeaders(appSecret, body, nowSeconds() - 200));
    expect(inWindow.status).toBe(200);
  });

  it('rejects a bad signature and a replayed event_id (even re-signed with a fresh timestamp)', async () => {
    await harness.triggers.create('user-1', 'ACMECHAT_MESSAGE_POSTED', { authConfigId: 'ac_slack' });
    const body = message('Ev3');
    const headers = slackHeaders(appSecret, body, nowSeconds());
    const bad = await post(`${server.url}/webhooks/acmechat`, body, { ...headers, 'x-slack-signature': `v0=${'0'.repeat(64)}` });
    expect(bad.status).toBe(401);
    expect((await post(`${server.url}/webhooks/acmechat`, body, headers)).status).toBe(200);
    harness.clock.advance(30_000);
    const replay = await post(`${server.url}/webhooks/acmechat`, body, slackHeaders(appSecret, body, nowSeconds()));
    expect(replay.status).toBe(409);
    await harness.triggers.flush();
    expect(events).toHaveLength(1);
  });
});

describe('Stripe t=…,v1=…', () => {
  const charge = (id: string, amount = 1200) => JSON.stringify({ id, type: 'charge.succeeded', data: { object: { id: 'ch_1', amount, currency: 'eur' } } });

  it('accepts any matching v1 value (secret rotation), rejects stale, bad and replayed events', async () => {
    const created = await harness.triggers.create('user-1', 'ACMEPAY_CHARGE_SUCCEEDED', { secret: 'whsec_stripe_like_secret_not_in_repo' });
    expect(created.secret).toBeUndefined();
    const secret = 'whsec_stripe_like_secret_not_in_repo';
    const url = `${server.url}${created.webhookPath}`;
    const body = charge('evt_1');
    expect((await post(url, body, stripeHeaders(['old-rotated-secret', secret], body, nowSeconds()))).status).toBe(200);
    expect((await post(url, body, stripeHeaders([secret], body, nowSeconds()))).status).toBe(409);
    const second = charge('evt_2');
    const stale = await post(url, second, stripeHeaders([secret], second, nowSeconds() - 400));
    expect([stale.status, stale.json.error]).toEqual([401, 'timestamp_stale']);
    expect((await post(url, second, stripeHeaders(['wrong'], second, nowSeconds()))).status).toBe(401);
    expect((await post(url, second, { 'stripe-signature': 'v1=abc' })).status).toBe(401);
    await harness.triggers.flush();
    expect(events.map((event) => (event.payload as { id: string }).id)).toEqual(['evt_1']);
  });

  it('answers 422 for a charge that breaks its schema', async () => {
    const secret = 'stripe-secret-for-422';
    const created = await harness.triggers.create('user-1', 'ACMEPAY_CHARGE_SUCCEEDED', { secret });
    const body = charge('evt_3', -5);
    const response = await post(`${server.url}${created.webhookPath}`, body, stripeHeaders([secret], body, nowSeconds()));
    expect(response.status).toBe(422);
    expect(response.json.message).toMatch(/data\.object\.amount/);
  });
});

describe('Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature)', () => {
  const order = (orderId: string) => JSON.stringify({ type: 'order.created', data: { orderId, total: 10 } });

  it('generates a whsec_ secret, verifies v1 signatures among several, rejects replays, stale and bad ones', async () => {
    const created = await harness.triggers.create('user-1', 'ACMEHOOKS_ORDER_CREATED');
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    const secret = created.secret!;
    const url = `${server.url}/webhooks/acmehooks`;
    const body = order('o-1');
    expect((await post(url, body, standardWebhookHeaders(secret, body, 'msg_1', nowSeconds()))).status).toBe(200);
    expect((await post(url, body, standardWebhookHeaders(secret, body, 'msg_1', nowSeconds()))).status).toBe(409);
    const stale = await post(url, body, standardWebhookHeaders(secret, body, 'msg_2', nowSeconds() - 3600));
    expect(stale.status).toBe(401);
    const other = `whsec_${Buffer.from('another key entirely').toString('base64')}`;
    expect((await post(url, body, standardWebhookHeaders(other, body, 'msg_3', nowSeconds()))).status).toBe(401);
    await harness.triggers.flush();
    expect(events).toHaveLength(1);
    expect(JSON.stringify(harness.logs)).not.toContain(secret.slice(6));
  });
});
