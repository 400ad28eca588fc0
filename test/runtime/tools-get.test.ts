/** tools.get filter rules (Composio's), modifySchema, and the provider hand-off. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Toolsmith } from '../../runtime/toolsmith.js';
import type { CompiledTool } from '../../runtime/types.js';
import type { ProviderContext, ToolsmithProvider } from '../../runtime/providers/types.js';
import { startRecordServer, type RecordServer } from '../support/record-server.js';
import { noAuth, tool, toolkit } from './support/toolkit.js';

let server: RecordServer;
beforeAll(async () => { server = await startRecordServer(); });
afterAll(async () => { await server.close(); });

/** Returns the tools and the context it was given, so tests can call back like an agentic SDK would. */
const capture: ToolsmithProvider<{ tools: readonly CompiledTool[]; context: ProviderContext }> = {
  name: 'capture', agentic: true, wrapTools: (tools, context) => ({ tools, context }),
};

function make() {
  const alpha = toolkit('alpha', server.url, [
    tool({ slug: 'ALPHA_LOW', toolkit: 'alpha', path: '/low', importance: 10, scopes: ['read'] }),
    tool({ slug: 'ALPHA_HIGH', toolkit: 'alpha', path: '/high', importance: 90, scopes: ['write'] }),
    tool({ slug: 'ALPHA_MID', toolkit: 'alpha', path: '/mid', importance: 50 }),
    tool({ slug: 'ALPHA_OLD', toolkit: 'alpha', path: '/old', importance: 99, deprecated: true }),
    tool({ slug: 'ALPHA_SEND_INVOICE', toolkit: 'alpha', path: '/invoice', importance: 40, input: z.object({ to: z.string() }), inputs: [{ name: 'to', in: 'query', target: 'to', required: true }] }),
  ], [noAuth]);
  const beta = toolkit('beta', server.url, [
    tool({ slug: 'BETA_A', toolkit: 'beta', path: '/a', importance: 70 }),
    tool({ slug: 'BETA_B', toolkit: 'beta', path: '/b', importance: 95 }),
  ], [noAuth]);
  return new Toolsmith({ toolkits: [alpha, beta], provider: capture });
}
const slugs = (tools: readonly CompiledTool[]) => tools.map((t) => t.slug);

describe('tools.get', () => {
  it('tools only: exactly those, in the order asked, deprecated allowed by name', async () => {
    const { tools } = await make().tools.get('u', { tools: ['BETA_A', 'ALPHA_OLD'] });
    expect(slugs(tools)).toEqual(['BETA_A', 'ALPHA_OLD']);
  });
  it('toolkits only: importance order across toolkits, deprecated left out, limit', async () => {
    const toolsmith = make();
    expect(slugs((await toolsmith.tools.get('u', { toolkits: ['alpha'] })).tools)).toEqual(['ALPHA_HIGH', 'ALPHA_MID', 'ALPHA_SEND_INVOICE', 'ALPHA_LOW']);
    expect(slugs((await toolsmith.tools.get('u', { toolkits: ['alpha', 'beta'], limit: 3 })).tools)).toEqual(['BETA_B', 'ALPHA_HIGH', 'BETA_A']);
  });
  it('default limit is 20', async () => {
    const many = Array.from({ length: 25 }, (_, i) => tool({ slug: `MANY_T${i}`, toolkit: 'many', path: '/x', importance: i }));
    const toolsmith = new Toolsmith({ toolkits: [toolkit('many', server.url, many, [noAuth])], provider: capture });
    const { tools } = await toolsmith.tools.get('u', { toolkits: ['many'] });
    expect(tools).toHaveLength(20);
    expect(tools[0]!.slug).toBe('MANY_T24');
  });
  it('one toolkit with scopes', async () => {
    const { tools } = await make().tools.get('u', { toolkits: ['alpha'], scopes: ['read'] });
    expect(slugs(tools)).toEqual(['ALPHA_MID', 'ALPHA_SEND_INVOICE', 'ALPHA_LOW']);
  });
  it('search, optionally within toolkits', async () => {
    const toolsmith = make();
    expect(slugs((await toolsmith.tools.get('u', { search: 'invoice' })).tools)[0]).toBe('ALPHA_SEND_INVOICE');
    expect(slugs((await toolsmith.tools.get('u', { search: 'invoice', toolkits: ['beta'] })).tools)).not.toContain('ALPHA_SEND_INVOICE');
  });
  it('mixed or empty filters are INVALID_OPTIONS with a reason', async () => {
    const toolsmith = make();
    const bad: Array<[object, RegExp]> = [
      [{ tools: ['BETA_A'], toolkits: ['beta'] }, /cannot be combined with toolkits/],
      [{ tools: ['BETA_A'], limit: 2 }, /cannot be combined with limit/],
      [{ toolkits: ['alpha', 'beta'], scopes: ['read'] }, /exactly one toolkit/],
      [{ scopes: ['read'] }, /exactly one toolkit/],
      [{ search: 'x', scopes: ['read'], toolkits: ['alpha'] }, /search.*scopes/],
      [{}, /give `tools`, `toolkits` or `search`/],
      [{ toolkit: 'alpha' }, /unknown option\(s\) toolkit/],
      [{ toolkits: ['alpha'], limit: 0 }, /limit/],
    ];
    for (const [options, message] of bad) {
      await expect(toolsmith.tools.get('u', options as never), JSON.stringify(options)).rejects.toMatchObject({ code: 'INVALID_OPTIONS', message: expect.stringMatching(message) });
    }
    await expect(toolsmith.tools.get('u', { toolkits: ['gamma'] })).rejects.toMatchObject({ code: 'TOOLKIT_NOT_FOUND' });
    await expect(toolsmith.tools.get('u', { tools: ['ALPHA_NOPE'] })).rejects.toMatchObject({ code: 'TOOL_NOT_FOUND' });
  });
  it('modifySchema changes what the provider sees; the provider context executes as the user with the modifiers', async () => {
    const toolsmith = make();
    const seen: string[] = [];
    const { tools, context } = await toolsmith.tools.get('user-7', { tools: ['ALPHA_SEND_INVOICE'] }, {
      modifySchema: ({ schema }) => ({ ...schema, description: `${schema.description} (billing)` }),
      beforeExecute: ({ params }) => { seen.push(`${params.userId}`); return { ...params, arguments: { ...params.arguments, to: 'fixed@x.io' } }; },
      afterExecute: ({ result }) => ({ ...result, data: { wrapped: result.data } }),
    });
    expect(tools[0]!.description).toMatch(/\(billing\)$/);
    expect(context.userId).toBe('user-7');
    const before = server.requests.length;
    const result = await context.execute('ALPHA_SEND_INVOICE', { to: 'model@x.io' });
    expect(seen).toEqual(['user-7']);
    expect(server.requests[before]!.rawQuery).toBe('to=fixed%40x.io');
    expect(result.data).toEqual({ wrapped: { ok: true } });
  });
  it('defaults to the OpenAI provider', async () => {
    const toolsmith = new Toolsmith({ toolkits: [toolkit('alpha', server.url, [tool({ slug: 'ALPHA_X', toolkit: 'alpha', path: '/x' })], [noAuth])] });
    const tools = await toolsmith.tools.get('u', { toolkits: ['alpha'] });
    expect(tools[0]).toMatchObject({ type: 'function', function: { name: 'ALPHA_X' } });
  });
});
