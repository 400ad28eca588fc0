/** Trigger instances: create (config validation, secrets, accounts), enable/disable/delete, list, getType. */
import { describe, expect, it } from 'vitest';
import { acmechat, acmegit, acmenews } from '../fixtures/triggers/toolkits.js';
import { makeTriggers } from './support/harness.js';
import type { MemoryStore } from './support/memory-store.js';

const news = acmenews('http://127.0.0.1:9');
const withAuth = { ...news, slug: 'acmenews', auth: [{ scheme: 'api_key' as const, fields: [], inject: [] }] };

describe('trigger instances', () => {
  it('validates triggerConfig with the trigger config schema and names the bad field', async () => {
    const { triggers } = makeTriggers([acmegit]);
    await expect(triggers.create('user-1', 'ACMEGIT_STAR_CREATED', { triggerConfig: { owner: 'octo' } as never }))
      .rejects.toMatchObject({ code: 'INVALID_ARGUMENTS', message: expect.stringContaining('repo') });
    await expect(triggers.create('user-1', 'ACMEGIT_NOPE' as never)).rejects.toMatchObject({ code: 'TRIGGER_NOT_FOUND' });
    await expect(triggers.create('', 'ACMEGIT_STAR_CREATED')).rejects.toMatchObject({ code: 'INVALID_OPTIONS' });
  });

  it('returns a generated secret once and stores it apart, flagged secret, never in the instance record', async () => {
    const { triggers, store } = makeTriggers([acmegit]);
    const created = await triggers.create('user-1', 'ACMEGIT_STAR_CREATED', { triggerConfig: { owner: 'o', repo: 'r' } });
    expect(created.id).toMatch(/^ti_/);
    expect(created.webhookPath).toBe(`/webhooks/${created.id}`);
    const instance = await triggers.get(created.id);
    expect(instance).toMatchObject({ userId: 'user-1', toolkit: 'acmegit', triggerSlug: 'ACMEGIT_STAR_CREATED', status: 'ACTIVE', hasSecret: true, config: { owner: 'o', repo: 'r' } });
    expect(JSON.stringify(instance)).not.toContain(created.secret);
    const secrets = (store as MemoryStore).collections.get('trigger_secrets');
    expect(secrets?.get(created.id)?.secret).toBe(true);
    expect(JSON.stringify((await triggers.list())[0])).not.toContain(created.secret);
    const own = await triggers.create('user-1', 'ACMEGIT_STAR_CREATED', { triggerConfig: { owner: 'o', repo: 'r' }, secret: 'my-own-secret-value' });
    expect(own.secret).toBeUndefined();
    await expect(triggers.create('user-1', 'ACMEGIT_STAR_CREATED', { triggerConfig: { owner: 'o', repo: 'r' }, secret: 'short' }))
      .rejects.toMatchObject({ code: 'INVALID_OPTIONS' });
  });

  it('enables, disables, deletes and lists with filters', async () => {
    const { triggers } = makeTriggers([acmegit, acmechat]);
    const a = await triggers.create('user-1', 'ACMEGIT_STAR_CREATED', { triggerConfig: { owner: 'o', repo: 'a' } });
    const b = await triggers.create('user-2', 'ACMEGIT_STAR_CREATED', { triggerConfig: { owner: 'o', repo: 'b' } });
    const c = await triggers.create('user-1', 'ACMECHAT_MESSAGE_POSTED');
    expect((await triggers.list({ userId: 'user-1' })).map((row) => row.id).sort()).toEqual([a.id, c.id].sort());
    expect((await triggers.list({ toolkits: ['acmechat'] })).map((row) => row.id)).toEqual([c.id]);
    expect((await triggers.disable(b.id)).status).toBe('DISABLED');
    expect((await triggers.list({ status: 'DISABLED' })).map((row) => row.id)).toEqual([b.id]);
    expect((await triggers.enable(b.id)).status).toBe('ACTIVE');
    expect(await triggers.delete(a.id)).toEqual({ deleted: true });
    await expect(triggers.get(a.id)).rejects.toMatchObject({ code: 'TRIGGER_NOT_FOUND' });
    await expect(triggers.delete(a.id)).rejects.toMatchObject({ code: 'TRIGGER_NOT_FOUND' });
    expect(await triggers.list()).toHaveLength(2);
  });

  it('describes a trigger type with JSON Schemas for config and payload', () => {
    const { triggers } = makeTriggers([acmegit, news]);
    const type = triggers.getType('ACMEGIT_STAR_CREATED');
    expect(type).toMatchObject({ slug: 'ACMEGIT_STAR_CREATED', toolkit: 'acmegit', type: 'webhook', signature: 'hmac-sha256' });
    expect(type.config).toMatchObject({ type: 'object', required: ['owner', 'repo'] });
    expect(type.payload).toMatchObject({ type: 'object', properties: { repository: { type: 'object' } } });
    expect(triggers.listTypes({ toolkits: ['acmenews'] })).toEqual([expect.objectContaining({ slug: 'ACMENEWS_NEW_STORY', type: 'poll', intervalSeconds: 60 })]);
  });

  it('needs a connected account for a poll trigger of a toolkit with auth, and checks the account owner', async () => {
    const { triggers, store } = makeTriggers([withAuth]);
    await expect(triggers.create('user-1', 'ACMENEWS_NEW_STORY')).rejects.toMatchObject({ code: 'NO_CONNECTED_ACCOUNT' });
    const account = { id: 'ca_1', userId: 'user-1', toolkit: 'acmenews', scheme: 'api_key' as const, status: 'ACTIVE' as const,
      credentials: { api_key: 'k' }, connection: {}, scopes: [], createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z' };
    await store.accounts.insert(account);
    const created = await triggers.create('user-1', 'ACMENEWS_NEW_STORY');
    expect((await triggers.get(created.id)).connectedAccountId).toBe('ca_1');
    expect(created.secret).toBeUndefined();
    await expect(triggers.create('user-2', 'ACMENEWS_NEW_STORY', { connectedAccountId: 'ca_1' })).rejects.toMatchObject({ code: 'INVALID_OPTIONS' });
    await expect(triggers.create('user-1', 'ACMENEWS_NEW_STORY', { connectedAccountId: 'ca_missing' })).rejects.toMatchObject({ code: 'CONNECTED_ACCOUNT_NOT_FOUND' });
  });
});
