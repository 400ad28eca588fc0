/** Every auth scheme, injected as the definition says, seen by a real loopback server. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Toolsmith } from '../../runtime/toolsmith.js';
import type { AuthScheme, AuthSchemeName } from '../../runtime/types.js';
import { renderTemplate } from '../../runtime/auth/template.js';
import { startRecordServer, type RecordServer } from '../support/record-server.js';
import { account, memoryStore } from './support/memory-store.js';
import { apiKeyHeader, basic, bearer, noAuth, oauth2, tool, toolkit } from './support/toolkit.js';

let server: RecordServer;
beforeAll(async () => { server = await startRecordServer(); });
afterAll(async () => { await server.close(); });

const ping = (slug: string) => tool({ slug, toolkit: 'demo', path: '/ping', input: z.object({ q: z.string().optional() }), inputs: [{ name: 'q', in: 'query', target: 'q', required: false }] });

async function call(scheme: AuthScheme, credentials: Record<string, string>, extra: { baseUrl?: string; connection?: Record<string, string>; headers?: Record<string, string> } = {}) {
  const demo = toolkit('demo', extra.baseUrl ?? server.url, [ping('DEMO_PING')], [scheme], extra.headers ? { headers: extra.headers } : {});
  const store = memoryStore();
  await store.accounts.insert(account({ userId: 'u', toolkit: 'demo', scheme: scheme.scheme as AuthSchemeName, credentials, connection: extra.connection ?? {} }));
  const toolsmith = new Toolsmith({ toolkits: [demo], store });
  const before = server.requests.length;
  const result = await toolsmith.tools.execute('DEMO_PING', { userId: 'u', arguments: { q: '1' } });
  return { result, request: server.requests[before] };
}

describe('credential injection per scheme', () => {
  it('api_key in a header', async () => {
    const { request } = await call(apiKeyHeader, { api_key: 'AK-1' });
    expect(request!.headers['x-api-key']).toBe('AK-1');
  });
  it('api_key in the query, after the arguments', async () => {
    const scheme: AuthScheme = { scheme: 'api_key', fields: [{ name: 'key', secret: true, required: true }], inject: [{ in: 'query', name: 'api_key', value: '{{credentials.key}}' }] };
    const { request } = await call(scheme, { key: 'a&b=c' });
    expect(request!.rawQuery).toBe('q=1&api_key=a%26b%3Dc');
  });
  it('api_key in a cookie', async () => {
    const scheme: AuthScheme = { scheme: 'api_key', fields: [{ name: 'sid', secret: true, required: true }], inject: [{ in: 'cookie', name: 'sid', value: '{{credentials.sid}}' }] };
    const { request } = await call(scheme, { sid: 's-1' });
    expect(request!.headers.cookie).toBe('sid=s-1');
  });
  it('bearer', async () => {
    const { request } = await call(bearer, { token: 'T-1' });
    expect(request!.headers.authorization).toBe('Bearer T-1');
  });
  it('basic with the base64 helper', async () => {
    const { request } = await call(basic, { username: 'me@x.io/token', password: 'p:w' });
    expect(request!.headers.authorization).toBe(`Basic ${Buffer.from('me@x.io/token:p:w').toString('base64')}`);
  });
  it('oauth2 access token', async () => {
    const { request } = await call(oauth2, { access_token: 'AT-1', refresh_token: 'RT-1' });
    expect(request!.headers.authorization).toBe('Bearer AT-1');
    expect(JSON.stringify(request!.headers)).not.toContain('RT-1');
  });
  it('custom: several rules with connection fields', async () => {
    const scheme: AuthScheme = {
      scheme: 'custom', fields: [{ name: 'key', secret: true, required: true }, { name: 'secret', secret: true, required: true }],
      inject: [
        { in: 'header', name: 'X-Key', value: '{{credentials.key}}' },
        { in: 'header', name: 'X-Tenant', value: 'tenant-{{connection.tenant}}' },
        { in: 'query', name: 'sig', value: '{{credentials.secret}}' },
      ],
    };
    const { request } = await call(scheme, { key: 'K', secret: 'S' }, { connection: { tenant: 'acme' } });
    expect(request!.headers['x-key']).toBe('K');
    expect(request!.headers['x-tenant']).toBe('tenant-acme');
    expect(request!.rawQuery).toBe('q=1&sig=S');
  });
  it('none sends no credentials and needs no account', async () => {
    const toolsmith = new Toolsmith({ toolkits: [toolkit('demo', server.url, [ping('DEMO_PING')], [noAuth])] });
    const before = server.requests.length;
    expect((await toolsmith.tools.execute('DEMO_PING', { userId: 'u' })).successful).toBe(true);
    expect(server.requests[before]!.headers.authorization).toBeUndefined();
  });
  it('base URL and toolkit headers templated from connection fields', async () => {
    const { request } = await call(bearer, { token: 'T' }, {
      baseUrl: 'http://127.0.0.1:{{connection.port}}/{{connection.tenant}}/api', connection: { port: String(server.port), tenant: 'acme' },
      headers: { 'X-Org': '{{connection.tenant}}' },
    });
    expect(request!.path).toBe('/acme/api/ping');
    expect(request!.headers['x-org']).toBe('acme');
  });
  it('a missing credential is an error naming the field, never a value', async () => {
    const error = await call(basic, { username: 'visible-user', password: '' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'MISSING_CREDENTIALS' });
    expect((error as Error).message).toContain('"password"');
    expect((error as Error).message).not.toContain('visible-user');
  });
});

describe('renderTemplate', () => {
  it('renders references, literals and base64', () => {
    const values = { credentials: { a: 'x', b: 'y' }, connection: { host: 'h' } };
    expect(renderTemplate('{{connection.host}}/{{ credentials.a }}', values)).toBe('h/x');
    expect(renderTemplate(`{{base64 credentials.a ':' credentials.b}}`, values)).toBe(Buffer.from('x:y').toString('base64'));
    expect(renderTemplate('{{base64 "user" credentials.a}}', values)).toBe(Buffer.from('userx').toString('base64'));
  });
  it('refuses unknown scopes and helpers', () => {
    expect(() => renderTemplate('{{env.HOME}}', {})).toThrow(/not supported/);
    expect(() => renderTemplate('{{base64 credentials.a +}}', { credentials: { a: 'x' } })).toThrow(/Cannot read/);
  });
});
