/**
 * `toolsmith connect` end to end: the real CLI in a child process, a definitions folder pointing at oidc-provider
 * on loopback, and a test login that follows the printed URL with fetch instead of a browser.
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFileStore } from '../../runtime/store/file-store.js';
import { runConnect } from '../../compiler/cli/connect-command.js';
import { startOAuthServer, type OAuthServer } from '../support/oauth-server.js';
import { schemeFor } from './harness.js';
import { toolkit } from '../accounts/support/toolkits.js';

const bin = fileURLToPath(new URL('../../bin/toolsmith.mjs', import.meta.url));
let server: OAuthServer;
let dir: string;

beforeAll(async () => {
  server = await startOAuthServer();
  dir = await mkdtemp(join(tmpdir(), 'toolsmith-connect-'));
  await mkdir(join(dir, 'definitions', 'loopidp'), { recursive: true });
  await writeFile(join(dir, 'definitions', 'loopidp', 'toolkit.yaml'), `
slug: loopidp
name: Loop IdP
description: An OAuth2 provider on loopback for the connect command test.
baseUrl: ${server.issuer}/api
auth:
  - scheme: oauth2
    grant: authorization_code
    authorizationUrl: ${server.authorizationUrl}
    tokenUrl: ${server.tokenUrl}
    pkce: true
    tokenAuthMethod: client_secret_basic
    authorizationParams: { prompt: consent }
    scopes: { openid: Sign in, offline_access: Stay connected }
    defaultScopes: [openid, offline_access]
tools:
  - slug: LOOPIDP_ME
    name: Me
    description: Who am I.
    request: { method: GET, path: /me }
`);
}, 60_000);

afterAll(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

/** Runs the CLI; when it prints the authorization URL, logs in and sends the browser's callback request. */
function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string; callbackStatus?: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: dir, env: { ...process.env, ...env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    let callbackStatus: number | undefined;
    let followed = false;
    child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString(); });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const url = /^(http:\/\/127\.0\.0\.1:\d+\/auth\?\S+)$/m.exec(stderr)?.[1];
      if (url && !followed) {
        followed = true;
        server.authorize(url).then((callback) => fetch(callback)).then((response) => { callbackStatus = response.status; }, reject);
      }
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, ...(callbackStatus === undefined ? {} : { callbackStatus }) }));
  });
}

describe('toolsmith connect', () => {
  it('connects through the loopback callback and prints the account id', async () => {
    const result = await runCli(['connect', 'loopidp', '--user', 'alice', '--definitions', 'definitions', '--store', 'store',
      '--client-id', server.basicClient.clientId], { TOOLSMITH_CLIENT_SECRET: server.basicClient.clientSecret });
    expect(result.stderr).toContain('Open this URL');
    expect(result.code, result.stderr).toBe(0);
    expect(result.callbackStatus).toBe(200);
    const id = result.stdout.trim();
    expect(id).toMatch(/^ca_[\w-]{22}$/);
    expect(result.stdout + result.stderr).not.toContain(server.basicClient.clientSecret);
    const store = await createFileStore({ dir: join(dir, 'store') });
    try {
      const account = await store.accounts.get(id);
      expect(account).toMatchObject({ userId: 'alice', toolkit: 'loopidp', status: 'ACTIVE' });
      expect(account!.credentials['refresh_token']).toBeTruthy();
    } finally {
      await store.close();
    }
  }, 120_000);

  it('ignores a stray callback with an unknown state, then reports the failed exchange', async () => {
    const tk = toolkit('idp', [schemeFor(server)]);
    const store = join(dir, 'store-2');
    let urlSeen: string | undefined;
    const lines: string[] = [];
    const result = await runConnect('idp', {
      user: 'bob', store, clientId: server.postClient.clientId, clientSecret: 'wrong-on-purpose', timeout: '60',
    }, {
      toolkits: [tk], info: (line) => lines.push(line), result: (line) => lines.push(line),
      onAuthorizationUrl: (url) => {
        urlSeen = url;
        void (async () => {
          const redirect = new URL(url).searchParams.get('redirect_uri')!;
          const stray = await fetch(`${redirect}?code=x&state=forged`);
          lines.push(`stray:${stray.status}`);
          const callback = await server.authorize(url);
          await fetch(callback);
        })();
      },
    });
    // The post client with a wrong secret: the stray callback did not end the wait, the real one failed the exchange.
    expect(urlSeen).toBeDefined();
    expect(lines).toContain('stray:400');
    expect(result.exitCode).toBe(1);
    expect(lines.join('\n')).toMatch(/invalid_client/);
    expect(lines.join('\n')).not.toContain('wrong-on-purpose');
  }, 60_000);

  it('says what to pass when no OAuth2 client is known', async () => {
    const lines: string[] = [];
    const result = await runConnect('idp', { user: 'carol', store: join(dir, 'store-3') },
      { toolkits: [toolkit('idp', [schemeFor(server)])], info: (line) => lines.push(line), result: (line) => lines.push(line) });
    expect(result.exitCode).toBe(1);
    expect(lines.join('\n')).toMatch(/--client-id.*TOOLSMITH_CLIENT_SECRET.*--auth-config/);
  });
});
