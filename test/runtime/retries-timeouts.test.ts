/** Retries (429/503, Retry-After, backoff, idempotency), timeout, abort, network errors, redirects, 401 refresh. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Toolsmith } from '../../runtime/toolsmith.js';
import { retryAfterMs, sendRequest } from '../../runtime/execute/send.js';
import type { ConnectedAccountRecord } from '../../runtime/store/types.js';
import { startRecordServer, type RecordServer } from '../support/record-server.js';
import { account, memoryStore } from './support/memory-store.js';
import { apiKeyHeader, noAuth, oauth2, tool, toolkit } from './support/toolkit.js';

let server: RecordServer;
let other: RecordServer;
beforeAll(async () => { server = await startRecordServer(); other = await startRecordServer(); });
afterAll(async () => { await server.close(); await other.close(); });

const get = tool({ slug: 'DEMO_GET', toolkit: 'demo', method: 'GET', path: '/get' });
const post = tool({ slug: 'DEMO_POST', toolkit: 'demo', method: 'POST', path: '/post' });
const idempotentPost = tool({ slug: 'DEMO_UPSERT', toolkit: 'demo', method: 'POST', path: '/upsert', hints: { idempotent: true } });

function make(options: { timeoutMs?: number } = {}) {
  return new Toolsmith({ toolkits: [toolkit('demo', server.url, [get, post, idempotentPost], [noAuth])], retry: { baseDelayMs: 1, maxRetries: 2 }, ...options });
}

describe('retries', () => {
  it('retries a GET on 429 then 503 and returns the success', async () => {
    const before = server.requests.length;
    server.enqueue({ status: 429, headers: { 'retry-after': '0' } }, { status: 503 }, { json: { done: true } });
    const result = await make().tools.execute('DEMO_GET', {});
    expect(result).toMatchObject({ successful: true, data: { done: true } });
    expect(server.requests.length - before).toBe(3);
  });
  it('gives up after maxRetries and keeps the last error body', async () => {
    const before = server.requests.length;
    server.enqueue({ status: 503, json: { e: 1 } }, { status: 503, json: { e: 2 } }, { status: 503, json: { e: 3 } });
    const result = await make().tools.execute('DEMO_GET', {});
    expect(result).toMatchObject({ successful: false, status: 503, data: { e: 3 } });
    expect(server.requests.length - before).toBe(3);
  });
  it('does not retry a POST', async () => {
    const before = server.requests.length;
    server.enqueue({ status: 503 });
    const result = await make().tools.execute('DEMO_POST', {});
    expect(result.status).toBe(503);
    expect(server.requests.length - before).toBe(1);
  });
  it('retries a POST the tool hints idempotent', async () => {
    const before = server.requests.length;
    server.enqueue({ status: 429, headers: { 'retry-after': '0' } }, { json: { ok: 1 } });
    expect((await make().tools.execute('DEMO_UPSERT', {})).successful).toBe(true);
    expect(server.requests.length - before).toBe(2);
  });
  it('waits what Retry-After says, else exponential backoff with jitter; a too-long Retry-After is not waited', async () => {
    const waits: number[] = [];
    const options = {
      fetch, timeoutMs: 10_000, idempotent: true, label: 'test', retry: { maxRetries: 3, baseDelayMs: 100, maxDelayMs: 5_000 },
      random: () => 0.5, sleep: async (ms: number) => { waits.push(ms); },
    };
    server.enqueue({ status: 429, headers: { 'retry-after': '2' } }, { status: 503 }, { status: 503 }, { json: {} });
    const { attempts } = await sendRequest({ method: 'GET', url: `${server.url}/r`, headers: {} }, options);
    expect(attempts).toBe(4);
    expect(waits).toEqual([2000, 100, 200]);
    waits.length = 0;
    server.enqueue({ status: 429, headers: { 'retry-after': '60' } });
    const { response } = await sendRequest({ method: 'GET', url: `${server.url}/r`, headers: {} }, options);
    expect(response.status).toBe(429);
    expect(waits).toEqual([]);
  });
  it('reads Retry-After as seconds or an HTTP date', () => {
    expect(retryAfterMs('3')).toBe(3000);
    expect(retryAfterMs('Wed, 21 Oct 2015 07:28:10 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(10_000);
    expect(retryAfterMs('soon')).toBeUndefined();
  });
});

describe('timeout, abort, network errors', () => {
  it('a hanging server gives REQUEST_TIMEOUT as a result', async () => {
    server.enqueue({ hang: true });
    const result = await make({ timeoutMs: 300 }).tools.execute('DEMO_GET', {});
    expect(result).toMatchObject({ successful: false });
    expect(result.error).toContain('timed out after 300 ms');
  });
  it('the caller aborting throws REQUEST_ABORTED', async () => {
    server.enqueue({ hang: true });
    const controller = new AbortController();
    const before = server.requests.length;
    const pending = make().tools.execute('DEMO_GET', { signal: controller.signal });
    await server.waitForRequests(before + 1);
    controller.abort();
    await expect(pending).rejects.toMatchObject({ code: 'REQUEST_ABORTED' });
  });
  it('a dropped connection is a NETWORK_ERROR result without the query (which may hold keys)', async () => {
    server.enqueue({ destroy: true });
    const scheme = { ...apiKeyHeader, inject: [{ in: 'query' as const, name: 'key', value: '{{credentials.api_key}}' }] };
    const store = memoryStore();
    await store.accounts.insert(account({ userId: 'u', toolkit: 'demo', scheme: 'api_key', credentials: { api_key: 'SECRET-Q' } }));
    const toolsmith = new Toolsmith({ toolkits: [toolkit('demo', server.url, [post], [scheme])], store });
    const result = await toolsmith.tools.execute('DEMO_POST', { userId: 'u' });
    expect(result.successful).toBe(false);
    expect(result.error).toContain('failed before a response');
    expect(JSON.stringify(result)).not.toContain('SECRET-Q');
  });
});

describe('redirects and 401 refresh', () => {
  it('follows a same-origin redirect with credentials, and drops them on a cross-origin one', async () => {
    const store = memoryStore();
    await store.accounts.insert(account({ userId: 'u', toolkit: 'demo', scheme: 'api_key', credentials: { api_key: 'RK' } }));
    const toolsmith = new Toolsmith({ toolkits: [toolkit('demo', server.url, [get], [apiKeyHeader])], store });
    const before = server.requests.length;
    const otherBefore = other.requests.length;
    server.enqueue({ status: 302, headers: { location: '/moved' } }, { status: 307, headers: { location: `${other.url}/elsewhere` } });
    const result = await toolsmith.tools.execute('DEMO_GET', { userId: 'u' });
    expect(result.successful).toBe(true);
    expect(server.requests[before + 1]!.path).toBe('/moved');
    expect(server.requests[before + 1]!.headers['x-api-key']).toBe('RK');
    expect(other.requests[otherBefore]!.path).toBe('/elsewhere');
    expect(other.requests[otherBefore]!.headers['x-api-key']).toBeUndefined();
  });
  it('a 401 on an OAuth2 account refreshes once and resends with the new token', async () => {
    const store = memoryStore();
    await store.accounts.insert(account({ userId: 'u', toolkit: 'demo', scheme: 'oauth2', credentials: { access_token: 'old', refresh_token: 'r' } }));
    const forced: boolean[] = [];
    const resolveCredentials = async (current: ConnectedAccountRecord, options?: { forceRefresh?: boolean }) => {
      forced.push(options?.forceRefresh === true);
      return options?.forceRefresh ? { ...current, credentials: { ...current.credentials, access_token: 'new' } } : current;
    };
    const toolsmith = new Toolsmith({ toolkits: [toolkit('demo', server.url, [post], [oauth2])], store, resolveCredentials });
    const before = server.requests.length;
    server.enqueue({ status: 401, json: { message: 'expired' } }, { status: 401, json: { message: 'still no' } });
    const result = await toolsmith.tools.execute('DEMO_POST', { userId: 'u' });
    expect(server.requests.slice(before).map((r) => r.headers.authorization)).toEqual(['Bearer old', 'Bearer new']);
    expect(result).toMatchObject({ successful: false, status: 401 });
    expect(forced).toEqual([false, true]);
  });
});
