/** Custom tools and toolkits, execute modifiers and custom auth params, with the real embedded store. */
import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Toolsmith } from '../../runtime/toolsmith.js';
import { createFileStore } from '../../runtime/store/file-store.js';
import type { CompiledTool } from '../../runtime/types.js';
import type { ToolsmithProvider } from '../../runtime/providers/types.js';
import { startRecordServer, type RecordServer } from '../support/record-server.js';
import { apiKeyHeader, tool, toolkit } from './support/toolkit.js';

let server: RecordServer;
beforeAll(async () => { server = await startRecordServer(); });
afterAll(async () => { await server.close(); });

const raw: ToolsmithProvider<readonly CompiledTool[]> = { name: 'raw', agentic: false, wrapTools: (tools) => tools };

async function make() {
  const store = await createFileStore({ dir: await mkdtemp(join(tmpdir(), 'toolsmith-custom-')), encryptionKey: randomBytes(32) });
  const getRepo = tool({
    slug: 'DEMO_GET_REPO', toolkit: 'demo', path: '/repos/{name}', input: z.object({ name: z.string() }),
    inputs: [{ name: 'name', in: 'path', target: 'name', required: true }],
  });
  const toolsmith = new Toolsmith({ toolkits: [toolkit('demo', server.url, [getRepo], [apiKeyHeader])], store, provider: raw });
  const alice = await toolsmith.connectedAccounts.create('alice', 'demo', { credentials: { api_key: 'ALICE-KEY' } });
  await toolsmith.connectedAccounts.create('bob', 'demo', { credentials: { api_key: 'BOB-KEY' } });
  return { toolsmith, alice };
}

describe('createTool', () => {
  it('names the tool LOCAL_[TOOLKIT_]SLUG, validates input, and lists it in tools.get', async () => {
    const { toolsmith } = await make();
    const add = toolsmith.createTool('add numbers', {
      name: 'Add', description: 'Adds two numbers', inputParams: z.object({ a: z.number(), b: z.number() }),
      execute: (input) => ({ sum: input.a + input.b }),
    });
    expect(add.slug).toBe('LOCAL_ADD_NUMBERS');
    expect(add.inputParameters).toMatchObject({ type: 'object', properties: { a: { type: 'number' } } });
    expect(await toolsmith.tools.execute('LOCAL_ADD_NUMBERS', { arguments: { a: 2, b: 3 } })).toMatchObject({ successful: true, data: { sum: 5 } });
    const bad = await toolsmith.tools.execute('LOCAL_ADD_NUMBERS', { arguments: { a: 'x' } });
    expect(bad.successful).toBe(false);
    expect(bad.error).toContain('`a`: expected number');
    expect(bad.error).toContain('`b`');
    expect((await toolsmith.tools.get('u', { tools: ['LOCAL_ADD_NUMBERS'] }))[0]!.slug).toBe('LOCAL_ADD_NUMBERS');
    const thrown = toolsmith.createTool('boom', { name: 'Boom', description: 'Fails', inputParams: z.object({}), execute: () => { throw new Error('no luck'); } });
    expect(await toolsmith.tools.execute(thrown.slug as `LOCAL_${string}`, {})).toMatchObject({ successful: false, error: 'LOCAL_BOOM failed: no luck' });
  });
  it('refuses reserved prefixes, long slugs and unknown toolkits', async () => {
    const { toolsmith } = await make();
    const options = { name: 'n', description: 'd', inputParams: z.object({}), execute: () => null };
    for (const slug of ['LOCAL_X', 'local_x', 'toolsmith_x', 'demo_get', 'DEMO', 'x'.repeat(60)]) {
      expect(() => toolsmith.createTool(slug, options), slug).toThrow(expect.objectContaining({ code: 'CUSTOM_TOOL_INVALID' }));
    }
    expect(() => toolsmith.createTool('x', { ...options, extendsToolkit: 'nope' })).toThrow(/not a loaded toolkit/);
    toolsmith.createTool('dup', options);
    expect(() => toolsmith.createTool('dup', options)).toThrow(/twice/);
  });
  it('extendsToolkit: ctx.execute and ctx.proxyExecute act with the calling user\'s account; preload exposes it', async () => {
    const { toolsmith, alice } = await make();
    const seen: Array<string | undefined> = [];
    toolsmith.createTool('repo summary', {
      name: 'Repo summary', description: 'Fetches a repo twice', inputParams: z.object({ name: z.string() }), extendsToolkit: 'demo', preload: true,
      async execute(input, ctx) {
        seen.push(ctx.account?.id, ctx.account?.credentials['api_key']);
        const viaTool = await ctx.execute('DEMO_GET_REPO', { name: input.name });
        const viaProxy = await ctx.proxyExecute({ endpoint: `/raw/${input.name}`, method: 'GET' });
        return { tool: viaTool.successful, proxy: viaProxy.successful };
      },
    });
    const before = server.requests.length;
    const result = await toolsmith.tools.execute('LOCAL_DEMO_REPO_SUMMARY', { userId: 'alice', arguments: { name: 'r1' } });
    expect(result).toMatchObject({ successful: true, data: { tool: true, proxy: true } });
    expect(seen).toEqual([alice.id, 'ALICE-KEY']);
    expect(server.requests.slice(before).map((r) => [r.path, r.headers['x-api-key']])).toEqual([['/repos/r1', 'ALICE-KEY'], ['/raw/r1', 'ALICE-KEY']]);
    await expect(toolsmith.tools.execute('LOCAL_DEMO_REPO_SUMMARY', { userId: 'carol', arguments: { name: 'r1' } })).rejects.toMatchObject({ code: 'NO_CONNECTED_ACCOUNT' });
  });
  it('createToolkit lists its tools under the toolkit', async () => {
    const { toolsmith } = await make();
    const weather = toolsmith.createToolkit('weather', {
      name: 'Weather', description: 'Local weather', tools: [
        { slug: 'forecast', name: 'Forecast', description: 'Tomorrow', inputParams: z.object({ city: z.string() }), execute: (input) => `sunny in ${String(input.city)}`, importance: 80 },
        { slug: 'now', name: 'Now', description: 'Now', inputParams: z.object({}), execute: () => 'rain' },
      ],
    });
    expect(weather.tools.map((t) => t.slug)).toEqual(['LOCAL_WEATHER_FORECAST', 'LOCAL_WEATHER_NOW']);
    expect((await toolsmith.tools.get('u', { toolkits: ['weather'] })).map((t) => t.slug)).toEqual(['LOCAL_WEATHER_FORECAST', 'LOCAL_WEATHER_NOW']);
    expect(await toolsmith.tools.execute('LOCAL_WEATHER_FORECAST', { arguments: { city: 'Oslo' } })).toMatchObject({ data: 'sunny in Oslo' });
    expect(toolsmith.toolkits.get('weather')).toMatchObject({ custom: true, toolCount: 2 });
    expect(() => toolsmith.createToolkit('demo', { name: 'x', description: 'x', tools: [] })).toThrow(/taken/);
  });
});

describe('execute modifiers', () => {
  it('beforeExecute may switch arguments and account; afterExecute reshapes the result', async () => {
    const { toolsmith } = await make();
    const before = server.requests.length;
    const result = await toolsmith.tools.execute('DEMO_GET_REPO', { userId: 'alice', arguments: { name: 'a' } }, {
      beforeExecute: ({ toolSlug, toolkitSlug, params }) => {
        expect([toolSlug, toolkitSlug]).toEqual(['DEMO_GET_REPO', 'demo']);
        return { ...params, arguments: { name: 'b' } };
      },
      afterExecute: ({ result: r }) => ({ ...r, data: 'trimmed' }),
    });
    expect(result).toMatchObject({ successful: true, data: 'trimmed' });
    expect(server.requests[before]!.path).toBe('/repos/b');
  });
  it('custom auth parameters injected in beforeExecute replace the connected account', async () => {
    const { toolsmith } = await make();
    const before = server.requests.length;
    await toolsmith.tools.execute('DEMO_GET_REPO', { userId: 'nobody', arguments: { name: 'c' } }, {
      beforeExecute: ({ params }) => ({ ...params, customAuthParams: { parameters: [{ in: 'header', name: 'X-Api-Key', value: 'CUSTOM' }, { in: 'query', name: 'sig', value: 's' }] } }),
    });
    expect(server.requests[before]!.headers['x-api-key']).toBe('CUSTOM');
    expect(server.requests[before]!.rawQuery).toBe('sig=s');
  });
  it('a throwing modifier is named in the error', async () => {
    const { toolsmith } = await make();
    await expect(toolsmith.tools.execute('DEMO_GET_REPO', { userId: 'alice', arguments: { name: 'a' } }, { beforeExecute: () => { throw new Error('bad hook'); } }))
      .rejects.toThrow(/beforeExecute modifier failed for DEMO_GET_REPO: bad hook/);
  });
  it('a user never reaches another user\'s account by id', async () => {
    const { toolsmith } = await make();
    const [bob] = await toolsmith.connectedAccounts.list({ userId: 'bob' });
    await expect(toolsmith.tools.execute('DEMO_GET_REPO', { userId: 'alice', connectedAccountId: bob!.id, arguments: { name: 'a' } }))
      .rejects.toMatchObject({ code: 'CONNECTED_ACCOUNT_NOT_FOUND' });
  });
});
