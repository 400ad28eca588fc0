/**
 * The real GitHub and Slack trigger definitions (definitions/*.yaml, loaded by the compiler front end)
 * driving the receiver over loopback HTTP, signed the way GitHub and Slack sign.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { triggerToolkitsFromDefinitions } from '../../compiler/cli/triggers-command.js';
import type { CompiledToolkit, TriggerEvent } from '../../runtime/types.js';
import { makeTriggers, nodeReceiver, post } from './support/harness.js';
import { githubHeaders, slackHeaders } from './support/signers.js';

let toolkits: CompiledToolkit[];
beforeAll(async () => {
  toolkits = (await triggerToolkitsFromDefinitions('definitions')).filter((toolkit) => ['github', 'slack'].includes(toolkit.slug));
}, 60_000);

describe('definitions/github and definitions/slack triggers', () => {
  let harness: ReturnType<typeof makeTriggers>;
  let server: Awaited<ReturnType<typeof nodeReceiver>>;
  const events: TriggerEvent[] = [];
  beforeAll(async () => {
    harness = makeTriggers(toolkits);
    server = await nodeReceiver(harness.triggers);
    harness.triggers.subscribe((event) => { events.push(event); });
  });
  afterAll(async () => { await server.close(); });

  it('GitHub star: verified by X-Hub-Signature-256, matched on the star event, validated and delivered', async () => {
    const created = await harness.triggers.create('user-1', 'GITHUB_STAR_ADDED', { triggerConfig: { owner: 'octo', repo: 'hello' } });
    const body = JSON.stringify({
      action: 'created', starred_at: '2026-01-01T00:00:00Z',
      repository: { id: 1, name: 'hello', full_name: 'octo/hello', private: false, html_url: 'https://github.com/octo/hello', owner: { login: 'octo', id: 2 } },
      sender: { login: 'fan', id: 3 },
    });
    const url = `${server.url}${created.webhookPath}`;
    const ok = await post(url, body, githubHeaders(created.secret!, body, 'gh-1'));
    expect(ok.status, JSON.stringify(ok.json)).toBe(200);
    expect((await post(url, body, githubHeaders('not-the-secret', body, 'gh-2'))).status).toBe(401);
    expect((await post(url, body, githubHeaders(created.secret!, body, 'gh-1'))).status).toBe(409);
    const invalid = JSON.stringify({ action: 'created', sender: { login: 'fan' } });
    expect((await post(url, invalid, githubHeaders(created.secret!, invalid, 'gh-3'))).status).toBe(422);
    const ping = JSON.stringify({ zen: 'Keep it logically awesome.' });
    expect((await post(url, ping, githubHeaders(created.secret!, ping, 'gh-4', 'ping'))).status).toBe(202);
    await harness.triggers.flush();
    expect(events.filter((event) => event.triggerSlug === 'GITHUB_STAR_ADDED')).toHaveLength(1);
  });

  it('Slack: url_verification answered, message events verified with the app signing secret, stale rejected', async () => {
    const secret = 'slack-app-signing-secret-from-test';
    await harness.store.authConfigs.insert({ id: 'ac_slack_app', toolkit: 'slack', scheme: 'oauth2', credentials: {}, scopes: [], webhookSecret: secret, createdAt: new Date(0).toISOString() });
    const created = await harness.triggers.create('user-2', 'SLACK_MESSAGE_RECEIVED', { authConfigId: 'ac_slack_app' });
    expect(created.secret).toBeUndefined();
    const now = Math.floor(harness.clock.now() / 1000);
    const challenge = JSON.stringify({ token: 'x', challenge: 'abc-123', type: 'url_verification' });
    expect(await post(`${server.url}/webhooks/slack`, challenge, slackHeaders(secret, challenge, now))).toEqual({ status: 200, json: { challenge: 'abc-123' } });
    const message = JSON.stringify({ type: 'event_callback', team_id: 'T1', event_id: 'Ev42', event_time: now, event: { type: 'message', channel: 'C1', user: 'U1', text: 'hello', ts: '1.2' } });
    expect((await post(`${server.url}/webhooks/slack`, message, slackHeaders(secret, message, now - 1000))).status).toBe(401);
    expect((await post(`${server.url}/webhooks/slack`, message, slackHeaders(secret, message, now))).status).toBe(200);
    const reaction = JSON.stringify({ type: 'event_callback', event_id: 'Ev43', event: { type: 'reaction_added', reaction: 'tada' } });
    expect((await post(`${server.url}/webhooks/slack`, reaction, slackHeaders(secret, reaction, now))).status).toBe(202);
    await harness.triggers.flush();
    const slack = events.filter((event) => event.toolkit === 'slack');
    expect(slack.map((event) => [event.triggerSlug, event.triggerId, event.userId])).toEqual([['SLACK_MESSAGE_RECEIVED', created.id, 'user-2']]);
  });
});
