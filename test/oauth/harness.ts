/** Shared setup for the OAuth2 tests: the loopback oidc-provider, a toolkit pointing at it, a store, a clock. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Store } from '../../runtime/store/types.js';
import type { CompiledToolkit, OAuth2Scheme } from '../../runtime/types.js';
import { createFileStore } from '../../runtime/store/file-store.js';
import { createAccountsApi, createAuthConfigsApi, type AccountsContext } from '../../runtime/accounts/index.js';
import { startOAuthServer, type OAuthServer } from '../support/oauth-server.js';
import { oauth2Scheme, toolkit } from '../accounts/support/toolkits.js';

export interface Harness {
  readonly server: OAuthServer;
  readonly dir: string;
  readonly key: Buffer;
  store: Store;
  ctx: AccountsContext;
  readonly clock: { now: number };
  readonly toolkits: CompiledToolkit[];
  accounts(): ReturnType<typeof createAccountsApi>;
  authConfigs(): ReturnType<typeof createAuthConfigsApi>;
  /** A context on another store instance over the same directory: another process, as far as the store knows. */
  otherProcess(): Promise<AccountsContext>;
  /** initiate → log in at the provider → complete; returns the account id. */
  connect(userId: string, authConfigId: string, accountId?: string): Promise<string>;
  reopen(): Promise<void>;
  close(): Promise<void>;
}

export function schemeFor(server: OAuthServer, overrides: Partial<OAuth2Scheme> = {}): OAuth2Scheme {
  return oauth2Scheme({
    tokenUrl: server.tokenUrl,
    authorizationUrl: server.authorizationUrl,
    // oidc-provider issues refresh tokens only for offline_access requested with prompt=consent.
    authorizationParams: { prompt: 'consent' },
    ...overrides,
  });
}

export interface HarnessOptions {
  readonly scheme?: Partial<OAuth2Scheme>;
  readonly extraToolkits?: CompiledToolkit[];
  /** Opens a store instance on the shared backing (default: a file store in a temp directory). */
  readonly openStore?: (options: { key: Buffer; now: () => number }) => Promise<Store>;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const server = await startOAuthServer();
  const dir = await mkdtemp(join(tmpdir(), 'toolsmith-oauth-'));
  const key = randomBytes(32);
  const clock = { now: Date.now() };
  const toolkits = [
    toolkit('idp', [schemeFor(server, options.scheme)]),
    toolkit('idp_post', [schemeFor(server, { tokenAuthMethod: 'client_secret_post' })]),
    toolkit('machine', [schemeFor(server, { grant: 'client_credentials', authorizationUrl: undefined, defaultScopes: [] })]),
    ...(options.extraToolkits ?? []),
  ];
  const makeCtx = (store: Store): AccountsContext => ({ store, toolkits, now: () => clock.now });
  const openStore = (): Promise<Store> => options.openStore
    ? options.openStore({ key, now: () => clock.now })
    : createFileStore({ dir, encryptionKey: key, now: () => clock.now });
  const others: Store[] = [];
  const harness: Harness = {
    server, dir, key, clock, toolkits,
    store: await openStore(),
    ctx: undefined as unknown as AccountsContext,
    accounts: () => createAccountsApi(harness.ctx),
    authConfigs: () => createAuthConfigsApi(harness.ctx),
    async otherProcess() {
      const store = await openStore();
      others.push(store);
      return makeCtx(store);
    },
    async connect(userId, authConfigId, accountId = userId) {
      const { redirectUrl } = await harness.accounts().initiate(userId, authConfigId, { redirectUri: 'http://127.0.0.1:3999/callback' });
      const callback = await server.authorize(redirectUrl, accountId);
      return (await harness.accounts().complete(callback)).id;
    },
    async reopen() {
      await harness.store.close();
      harness.store = await openStore();
      harness.ctx = makeCtx(harness.store);
    },
    async close() {
      for (const store of others) await store.close();
      await harness.store.close();
      await server.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
  harness.ctx = makeCtx(harness.store);
  return harness;
}

/** An auth config for the basic-auth client (or the post client) of the server. */
export async function createClientConfig(harness: Harness, toolkitSlug = 'idp'): Promise<string> {
  const client = toolkitSlug === 'idp_post' ? harness.server.postClient : harness.server.basicClient;
  const config = await harness.authConfigs().create(toolkitSlug, {
    credentials: { client_id: client.clientId, client_secret: client.clientSecret },
  });
  return config.id;
}
