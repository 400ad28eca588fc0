/** proxyExecute: relative endpoints with credentials; other hosts refused before anything is sent. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Toolsmith } from '../../runtime/toolsmith.js';
import { startRecordServer, type RecordServer } from '../support/record-server.js';
import { account, memoryStore } from './support/memory-store.js';
import { bearer, toolkit } from './support/toolkit.js';

let server: RecordServer;
let foreign: RecordServer;
beforeAll(async () => { server = await startRecordServer(); foreign = await startRecordServer(); });
afterAll(async () => { await server.close(); await foreign.close(); });

async function make() {
  const store = memoryStore();
  await store.accounts.insert(account({ userId: 'u', toolkit: 'demo', scheme: 'bearer', credentials: { token: 'PX-TOKEN' } }));
  await store.accounts.insert(account({ userId: 'other', toolkit: 'demo', scheme: 'bearer', credentials: { token: 'OTHER' } }));
  return Object.assign(new Toolsmith({ toolkits: [toolkit('demo', `${server.url}/api`, [], [bearer])], store }), { store });
}

describe('tools.proxyExecute', () => {
  it('resolves a relative endpoint against the base URL and injects credentials and parameters', async () => {
    const toolsmith = await make();
    const before = server.requests.length;
    server.enqueue({ status: 201, json: { id: 1 } });
    const result = await toolsmith.tools.proxyExecute({
      userId: 'u', toolkit: 'demo', endpoint: '/user/repos?sort=asc', method: 'POST', body: { name: 'x' },
      parameters: [{ in: 'header', name: 'X-Extra', value: 'e' }, { in: 'query', name: 'page', value: '2 3' }],
    });
    expect(result).toMatchObject({ successful: true, status: 201, data: { id: 1 } });
    const request = server.requests[before]!;
    expect(request.url).toBe('/api/user/repos?sort=asc&page=2%203');
    expect(request.headers.authorization).toBe('Bearer PX-TOKEN');
    expect(request.headers['x-extra']).toBe('e');
    expect(request.json()).toEqual({ name: 'x' });
  });
  it('accepts an absolute URL on the same origin', async () => {
    const toolsmith = await make();
    const before = server.requests.length;
    await toolsmith.tools.proxyExecute({ userId: 'u', toolkit: 'demo', endpoint: `${server.url}/api/x`, method: 'GET' });
    expect(server.requests[before]!.path).toBe('/api/x');
  });
  it('refuses other hosts, schemes and ports before sending', async () => {
    const toolsmith = await make();
    const before = server.requests.length + foreign.requests.length;
    const endpoints = [
      `${foreign.url}/steal`, `//127.0.0.1:${foreign.port}/steal`, `http://localhost:${server.port}/api/x`, 'https://evil.example/x',
      `http://user:pw@127.0.0.1:${server.port}/api`, `${server.url.replace('http', 'https')}/api`,
    ];
    for (const endpoint of endpoints) {
      await expect(toolsmith.tools.proxyExecute({ userId: 'u', toolkit: 'demo', endpoint, method: 'GET' }), endpoint)
        .rejects.toMatchObject({ code: 'PROXY_HOST_REJECTED' });
    }
    expect(server.requests.length + foreign.requests.length).toBe(before);
  });
  it('keeps odd relative paths on the base host', async () => {
    const toolsmith = await make();
    const before = server.requests.length;
    await toolsmith.tools.proxyExecute({ userId: 'u', toolkit: 'demo', endpoint: '/\\evil.example/x', method: 'GET' });
    await toolsmith.tools.proxyExecute({ userId: 'u', toolkit: 'demo', endpoint: '@evil.example', method: 'GET' });
    expect(server.requests.length - before).toBe(2);
  });
  it('never reaches another user\'s account', async () => {
    const toolsmith = await make();
    const others = await toolsmith.store.accounts.list({ userId: 'other' });
    await expect(toolsmith.tools.proxyExecute({ userId: 'u', connectedAccountId: others[0]!.id, toolkit: 'demo', endpoint: '/x', method: 'GET' }))
      .rejects.toMatchObject({ code: 'CONNECTED_ACCOUNT_NOT_FOUND' });
  });
});
