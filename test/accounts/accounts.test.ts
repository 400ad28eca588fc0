/** connectedAccounts and authConfigs on the file store: validation, defaults, selection, isolation, redaction. */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../runtime/store/types.js';
import { ToolsmithError } from '../../runtime/errors.js';
import { createFileStore } from '../../runtime/store/file-store.js';
import {
  createAccountsApi, createAuthConfigsApi, resolveCredentials, selectAccount, type AccountsContext,
} from '../../runtime/accounts/index.js';
import { helpdesk, oauth2Scheme, toolkit } from './support/toolkits.js';

const idp = toolkit('idp', [oauth2Scheme({ tokenUrl: 'http://127.0.0.1:9/token', authorizationUrl: 'https://{{connection.tenant}}.example.test/authorize' })],
  [{ name: 'tenant', required: true, pattern: '^[a-z]+$' }]);

let dir: string;
let store: Store;
let clock = Date.parse('2026-03-01T00:00:00Z');
let ctx: AccountsContext;
const accounts = () => createAccountsApi(ctx);
const authConfigs = () => createAuthConfigsApi(ctx);

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'toolsmith-accounts-'));
  store = await createFileStore({ dir });
  ctx = { store, toolkits: [helpdesk, idp], now: () => clock };
});
afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

async function failure(promise: Promise<unknown>): Promise<ToolsmithError> {
  const error = await promise.then(() => undefined, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(ToolsmithError);
  return error as ToolsmithError;
}

const apiKey = (key: string, subdomain = 'acme') =>
  ({ scheme: 'api_key' as const, credentials: { api_key: key }, connection: { subdomain } });

describe('connectedAccounts.create', () => {
  it('stores an ACTIVE account with defaults, and shows no secret anywhere', async () => {
    const account = await accounts().create('alice', 'helpdesk', apiKey('sk-live-very-secret-1'));
    expect(account.id).toMatch(/^ca_[A-Za-z0-9_-]{22}$/);
    expect(account).toMatchObject({ userId: 'alice', toolkit: 'helpdesk', scheme: 'api_key', status: 'ACTIVE' });
    expect(account.credentials).toEqual({ api_key: '[redacted]', region: 'eu' });
    expect(account.connection).toEqual({ subdomain: 'acme', region: 'us' });
    for (const shown of [JSON.stringify(account), inspect(account, { depth: 9 }), String(Object.values(account))]) {
      expect(shown).not.toContain('sk-live-very-secret-1');
    }
    expect((await store.accounts.get(account.id))!.credentials['api_key']).toBe('sk-live-very-secret-1');
    expect(await readFile(join(dir, 'store.log'), 'utf8')).not.toContain('sk-live-very-secret-1');
  });

  it('names what is wrong with credentials and connection fields, never the values', async () => {
    const missing = await failure(accounts().create('alice', 'helpdesk', { scheme: 'api_key', credentials: {}, connection: { subdomain: 'acme' } }));
    expect(missing.code).toBe('MISSING_CREDENTIALS');
    expect(missing.message).toContain('api_key');
    const basic = await failure(accounts().create('alice', 'helpdesk', { scheme: 'basic', credentials: { username: 'u' }, connection: { subdomain: 'acme' } }));
    expect(basic.message).toContain('password');
    const typo = await failure(accounts().create('alice', 'helpdesk', { scheme: 'api_key', credentials: { apiKey: 'secret-typo-value' }, connection: { subdomain: 'acme' } }));
    expect(typo.message).toContain('did you mean "api_key"');
    expect(typo.message).not.toContain('secret-typo-value');
    const pattern = await failure(accounts().create('alice', 'helpdesk', apiKey('k', 'Not Valid')));
    expect(pattern.message).toMatch(/subdomain.*\^\[a-z0-9-\]\+\$/);
    expect(pattern.message).not.toContain('Not Valid');
    const required = await failure(accounts().create('alice', 'helpdesk', { scheme: 'api_key', credentials: { api_key: 'k' } }));
    expect(required.message).toContain('subdomain');
    const unknownField = await failure(accounts().create('alice', 'helpdesk', { ...apiKey('k'), connection: { subdomain: 'a', subdomian: 'b' } }));
    expect(unknownField.message).toContain('subdomian');
    const noScheme = await failure(accounts().create('alice', 'helpdesk', { credentials: { api_key: 'k' }, connection: { subdomain: 'a' } }));
    expect(noScheme.message).toMatch(/api_key, basic/);
    expect((await failure(accounts().create('alice', 'nope', apiKey('k')))).code).toBe('TOOLKIT_NOT_FOUND');
    expect((await failure(accounts().create('', 'helpdesk', apiKey('k')))).code).toBe('INVALID_OPTIONS');
    expect((await failure(accounts().create('alice', 'helpdesk', { ...apiKey('k'), credentials: { api_key: { nested: 1 } } as never }))).code)
      .toBe('INVALID_OPTIONS');
    expect(await store.accounts.list()).toEqual([]);
  });

  it('accepts OAuth2 tokens obtained elsewhere, needing a client to refresh them', async () => {
    const config = await authConfigs().create('idp', { credentials: { client_id: 'cid', client_secret: 'client-secret-1' }, scopes: ['read'] });
    const account = await accounts().create('alice', 'idp', {
      authConfigId: config.id, credentials: { access_token: 'at-secret', refresh_token: 'rt-secret', expires_at: 1_900_000_000 },
      connection: { tenant: 'acme' },
    });
    expect(account).toMatchObject({ scheme: 'oauth2', authConfigId: config.id, scopes: ['read'] });
    expect(account.credentials).toMatchObject({ access_token: '[redacted]', refresh_token: '[redacted]', expires_at: '1900000000' });
    const orphan = await failure(accounts().create('alice', 'idp', { credentials: { refresh_token: 'rt' }, connection: { tenant: 'a' } }));
    expect(orphan.message).toContain('authConfigId');
    const badExpiry = await failure(accounts().create('alice', 'idp', { credentials: { access_token: 'a', expires_at: 'soon' }, connection: { tenant: 'a' } }));
    expect(badExpiry.message).toContain('expires_at');
    // An access token with a readable expiry far away is used as is.
    const record = (await store.accounts.get(account.id))!;
    expect(await resolveCredentials(ctx, record)).toBe(record);
  });
});

describe('account selection and isolation', () => {
  it('defaults to the most recent ACTIVE account and selects another by id', async () => {
    const first = await accounts().create('alice', 'helpdesk', apiKey('key-1'));
    clock += 1000;
    const second = await accounts().create('alice', 'helpdesk', apiKey('key-2'));
    expect((await selectAccount(ctx, { userId: 'alice', toolkit: 'helpdesk' })).id).toBe(second.id);
    expect((await selectAccount(ctx, { userId: 'alice', toolkit: 'helpdesk', connectedAccountId: first.id })).credentials['api_key']).toBe('key-1');
    await accounts().disable(second.id, { userId: 'alice' });
    expect((await selectAccount(ctx, { userId: 'alice', toolkit: 'helpdesk' })).id).toBe(first.id);
    expect((await failure(selectAccount(ctx, { userId: 'alice', toolkit: 'helpdesk', connectedAccountId: second.id }))).code)
      .toBe('CONNECTED_ACCOUNT_DISABLED');
    await accounts().enable(second.id);
    expect((await selectAccount(ctx, { userId: 'alice', toolkit: 'helpdesk' })).id).toBe(second.id);
    expect((await accounts().list({ userId: 'alice', toolkit: 'helpdesk' })).map((a) => a.id)).toEqual([second.id, first.id]);
  });

  it('never lets one user reach another user’s account, and does not reveal that it exists', async () => {
    const alice = await accounts().create('alice', 'helpdesk', apiKey('alice-key'));
    await accounts().create('bob', 'helpdesk', apiKey('bob-key'));
    const foreign = await failure(selectAccount(ctx, { userId: 'bob', toolkit: 'helpdesk', connectedAccountId: alice.id }));
    const unknown = await failure(selectAccount(ctx, { userId: 'bob', toolkit: 'helpdesk', connectedAccountId: 'ca_doesnotexist' }));
    expect(foreign.code).toBe('CONNECTED_ACCOUNT_NOT_FOUND');
    expect(foreign.message.replace(alice.id, 'ID')).toBe(unknown.message.replace('ca_doesnotexist', 'ID'));
    expect((await failure(accounts().get(alice.id, { userId: 'bob' }))).code).toBe('CONNECTED_ACCOUNT_NOT_FOUND');
    expect((await failure(accounts().delete(alice.id, { userId: 'bob' }))).code).toBe('CONNECTED_ACCOUNT_NOT_FOUND');
    expect((await failure(accounts().disable(alice.id, { userId: 'bob' }))).code).toBe('CONNECTED_ACCOUNT_NOT_FOUND');
    expect((await selectAccount(ctx, { userId: 'bob', toolkit: 'helpdesk' })).credentials['api_key']).toBe('bob-key');
    expect((await accounts().list({ userId: 'bob' })).every((a) => a.userId === 'bob')).toBe(true);
    expect((await accounts().get(alice.id, { userId: 'alice' })).id).toBe(alice.id);
    // An id for another toolkit is not found either.
    expect((await failure(selectAccount(ctx, { userId: 'alice', toolkit: 'idp', connectedAccountId: alice.id }))).code)
      .toBe('CONNECTED_ACCOUNT_NOT_FOUND');
  });

  it('explains why there is no usable account', async () => {
    expect((await failure(selectAccount(ctx, { userId: 'zoe', toolkit: 'helpdesk' }))).code).toBe('NO_CONNECTED_ACCOUNT');
    const account = await accounts().create('zoe', 'helpdesk', apiKey('k'));
    await store.accounts.update(account.id, { status: 'EXPIRED', statusReason: 'refresh token revoked' });
    const expired = await failure(selectAccount(ctx, { userId: 'zoe', toolkit: 'helpdesk' }));
    expect(expired.code).toBe('CONNECTED_ACCOUNT_EXPIRED');
    expect(expired.message).toContain('refresh token revoked');
    expect((await failure(accounts().enable(account.id))).code).toBe('INVALID_OPTIONS');
    expect((await failure(selectAccount(ctx, { toolkit: 'helpdesk' }))).code).toBe('INVALID_OPTIONS');
  });

  it('lists by several users, toolkits, statuses and auth configs, and deletes', async () => {
    const a = await accounts().create('u1', 'helpdesk', apiKey('k1'));
    const b = await accounts().create('u2', 'helpdesk', apiKey('k2'));
    const config = await authConfigs().create('idp', { credentials: { client_id: 'cid' } });
    const c = await accounts().create('u2', 'idp', { authConfigId: config.id, credentials: { access_token: 't' }, connection: { tenant: 'x' } });
    expect((await accounts().list({ userIds: ['u1', 'u2'], toolkits: ['helpdesk'] })).map((x) => x.id).sort()).toEqual([a.id, b.id].sort());
    expect((await accounts().list({ authConfigIds: [config.id] })).map((x) => x.id)).toEqual([c.id]);
    expect(await accounts().list({ statuses: ['EXPIRED'] })).toEqual([]);
    await accounts().delete(b.id, { userId: 'u2' });
    expect((await failure(accounts().get(b.id))).code).toBe('CONNECTED_ACCOUNT_NOT_FOUND');
  });
});

describe('authConfigs', () => {
  it('creates, reads, lists and deletes, showing the client id but no secret', async () => {
    const config = await authConfigs().create('idp', {
      name: 'prod', credentials: { client_id: 'client-123', client_secret: 'client-secret-value' }, webhookSecret: 'whsec-value',
    });
    expect(config.id).toMatch(/^ac_[A-Za-z0-9_-]{22}$/);
    expect(config).toMatchObject({ toolkit: 'idp', scheme: 'oauth2', name: 'prod', scopes: ['openid', 'offline_access'], hasWebhookSecret: true });
    expect(config.credentials).toEqual({ client_id: 'client-123', client_secret: '[redacted]' });
    const shown = JSON.stringify(config) + inspect(config) + JSON.stringify(await authConfigs().list());
    expect(shown).not.toMatch(/client-secret-value|whsec-value/);
    expect((await store.authConfigs.get(config.id))!.webhookSecret).toBe('whsec-value');
    expect((await authConfigs().get(config.id)).id).toBe(config.id);
    expect((await authConfigs().list({ toolkit: 'helpdesk' }))).toEqual([]);
    await authConfigs().delete(config.id);
    expect((await failure(authConfigs().get(config.id))).code).toBe('AUTH_CONFIG_NOT_FOUND');
    expect((await failure(authConfigs().delete(config.id))).code).toBe('AUTH_CONFIG_NOT_FOUND');
    expect((await failure(authConfigs().create('idp', { credentials: { client_secret: 's' } }))).code).toBe('MISSING_CREDENTIALS');
  });

  it('renders {{connection.x}} into the authorization URL and refuses accounts for another toolkit', async () => {
    const config = await authConfigs().create('idp', { credentials: { client_id: 'cid', client_secret: 's' } });
    const { redirectUrl } = await accounts().initiate('alice', config.id, { redirectUri: 'http://127.0.0.1:1/cb', connection: { tenant: 'acme' } });
    expect(redirectUrl.startsWith('https://acme.example.test/authorize?')).toBe(true);
    expect((await failure(accounts().initiate('alice', config.id, { redirectUri: 'http://127.0.0.1:1/cb', connection: { tenant: 'evil.com/x' } }))).code)
      .toBe('INVALID_OPTIONS');
    expect((await failure(accounts().create('alice', 'helpdesk', { ...apiKey('k'), authConfigId: config.id }))).message).toContain('belongs to idp');
  });
});
