import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Toolsmith } from '../../runtime/toolsmith.js';
import { ToolsmithError } from '../../runtime/errors.js';
import { startRecordServer, type RecordServer } from '../support/record-server.js';
import { account, memoryStore } from './support/memory-store.js';
import { apiKeyHeader, tool, toolkit } from './support/toolkit.js';

let server: RecordServer;
beforeAll(async () => { server = await startRecordServer(); });
afterAll(async () => { await server.close(); });

function setup() {
  const createIssue = tool({
    slug: 'DEMO_CREATE_ISSUE', toolkit: 'demo', method: 'POST', path: '/repos/{owner}/{repo}/issues',
    input: z.object({ owner: z.string(), repo: z.string(), title: z.string(), labels: z.array(z.string()).optional(), dry_run: z.boolean().optional(), trace: z.string().optional() }),
    inputs: [
      { name: 'owner', in: 'path', target: 'owner', required: true },
      { name: 'repo', in: 'path', target: 'repo', required: true },
      { name: 'title', in: 'body', target: 'title', required: true },
      { name: 'labels', in: 'body', target: 'labels', required: false },
      { name: 'dry_run', in: 'query', target: 'dryRun', required: false },
      { name: 'trace', in: 'header', target: 'X-Trace', required: false },
    ],
    body: { contentType: 'application/json', required: true },
  });
  const demo = toolkit('demo', `${server.url}/api/v3`, [createIssue], [apiKeyHeader], { headers: { Accept: 'application/json' } });
  const store = memoryStore();
  const toolsmith = new Toolsmith({ toolkits: [demo], store });
  return { toolsmith, store };
}

describe('tools.execute against a recording server', () => {
  it('maps flat arguments to path, query, header and JSON body, and injects the api key', async () => {
    const { toolsmith, store } = setup();
    await store.accounts.insert(account({ userId: 'u1', toolkit: 'demo', scheme: 'api_key', credentials: { api_key: 'k-secret-1' } }));
    server.enqueue({ status: 201, json: { number: 7 } });
    const before = server.requests.length;
    const result = await toolsmith.tools.execute('DEMO_CREATE_ISSUE', {
      userId: 'u1', arguments: { owner: 'octo cat', repo: 'hello/world', title: 'Bug', labels: ['a', 'b'], dry_run: true, trace: 't-1' },
    });
    expect(result).toMatchObject({ successful: true, error: null, status: 201, data: { number: 7 } });
    expect(result.logId).toMatch(/^log_/);
    const request = server.requests[before]!;
    expect(request.method).toBe('POST');
    expect(request.path).toBe('/api/v3/repos/octo%20cat/hello%2Fworld/issues');
    expect(request.rawQuery).toBe('dryRun=true');
    expect(request.headers['x-api-key']).toBe('k-secret-1');
    expect(request.headers['x-trace']).toBe('t-1');
    expect(request.headers.accept).toBe('application/json');
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.json()).toEqual({ title: 'Bug', labels: ['a', 'b'] });
  });

  it('accepts arguments as a JSON string', async () => {
    const { toolsmith, store } = setup();
    await store.accounts.insert(account({ userId: 'u1', toolkit: 'demo', scheme: 'api_key', credentials: { api_key: 'k' } }));
    const before = server.requests.length;
    const result = await toolsmith.tools.execute('DEMO_CREATE_ISSUE', { userId: 'u1', arguments: '{"owner":"o","repo":"r","title":"T"}' });
    expect(result.successful).toBe(true);
    expect(server.requests[before]!.json()).toEqual({ title: 'T' });
  });

  it('returns every bad field, the expected type and unknown fields, without sending anything', async () => {
    const { toolsmith, store } = setup();
    await store.accounts.insert(account({ userId: 'u1', toolkit: 'demo', scheme: 'api_key', credentials: { api_key: 'k' } }));
    const before = server.requests.length;
    const result = await toolsmith.tools.execute('DEMO_CREATE_ISSUE', { userId: 'u1', arguments: { owner: 5, title: 'x', tittle: 'y' } as never });
    expect(result.successful).toBe(false);
    expect(result.error).toContain('`owner`: expected string, received number');
    expect(result.error).toContain('`repo`');
    expect(result.error).toContain('`tittle`');
    expect(server.requests.length).toBe(before);
  });

  it('keeps the API error body on non-2xx and never puts the key in the result', async () => {
    const { toolsmith, store } = setup();
    await store.accounts.insert(account({ userId: 'u1', toolkit: 'demo', scheme: 'api_key', credentials: { api_key: 'k-secret-2' } }));
    server.enqueue({ status: 422, json: { message: 'Validation Failed', errors: [{ field: 'title' }] } });
    const result = await toolsmith.tools.execute('DEMO_CREATE_ISSUE', { userId: 'u1', arguments: { owner: 'o', repo: 'r', title: '' } });
    expect(result).toMatchObject({ successful: false, status: 422, data: { message: 'Validation Failed', errors: [{ field: 'title' }] } });
    expect(result.error).toContain('HTTP 422');
    expect(result.error).toContain('Validation Failed');
    expect(JSON.stringify(result)).not.toContain('k-secret-2');
  });

  it('throws TOOL_NOT_FOUND and NO_CONNECTED_ACCOUNT as ToolsmithError', async () => {
    const { toolsmith } = setup();
    await expect(toolsmith.tools.execute('DEMO_NOPE' as never, { userId: 'u1' })).rejects.toMatchObject({ code: 'TOOL_NOT_FOUND' });
    const error = await toolsmith.tools.execute('DEMO_CREATE_ISSUE', { userId: 'nobody', arguments: { owner: 'o', repo: 'r', title: 't' } }).catch((e: unknown) => e);
    expect(ToolsmithError.is(error, 'NO_CONNECTED_ACCOUNT')).toBe(true);
  });
});
