/**
 * The MCP server driven by the official MCP client: over stdio by spawning the real `toolsmith mcp` CLI,
 * and over Streamable HTTP (library API and CLI). Tools come from a YAML toolkit built for the test whose
 * base URL is a loopback recording server; calls carry the user's API key from the file store.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { build } from '../../compiler/build/build.js';
import { createMcpServer } from '../../runtime/mcp/server.js';
import { serveMcpHttp } from '../../runtime/mcp/http.js';
import { createToolRouter } from '../../runtime/router/router.js';
import { createFileStore } from '../../runtime/store/file-store.js';
import { Toolsmith } from '../../runtime/toolsmith.js';
import type { Store } from '../../runtime/store/types.js';
import type { CompiledToolkit } from '../../runtime/types.js';
import { startRecordServer, type RecordServer } from '../support/record-server.js';

const repo = path.resolve('.');
const outDir = path.join(repo, `test/mcp/.out-${process.pid}`);
const scratch = mkdtempSync(path.join(tmpdir(), 'toolsmith-mcp-'));
const storeDir = path.join(scratch, 'store');
const env = { ...process.env, TOOLSMITH_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64') };
let api: RecordServer;
let toolkit: CompiledToolkit;
let store: Store;

function definition(baseUrl: string): string {
  return `slug: loopdemo
name: Loop Demo
description: Notes on a loopback server.
categories: [test]
baseUrl: ${baseUrl}
auth:
  - scheme: api_key
    fields: [{ name: api_key, secret: true }]
    inject: [{ in: header, name: X-Api-Key, value: "{{credentials.api_key}}" }]
tools:
  - slug: LOOPDEMO_CREATE_NOTE
    name: Create note
    description: Creates a note with a text and an optional tag.
    hints: { readOnly: false, idempotent: false, destructive: false }
    request: { method: POST, path: /notes }
    body:
      contentType: application/json
      schema: { type: object, required: [text], properties: { text: { type: string }, "filter[tag]": { type: string } } }
    response: { schema: { type: object, properties: { id: { type: integer } } } }
  - slug: LOOPDEMO_DELETE_NOTE
    name: Delete note
    description: Deletes a note by id.
    hints: { readOnly: false, idempotent: true, destructive: true }
    request: { method: DELETE, path: "/notes/{id}" }
    parameters: [{ name: id, in: path, required: true, schema: { type: integer } }]
    response: { schema: { type: object, properties: { deleted: { type: boolean } } } }
`;
}

beforeAll(async () => {
  api = await startRecordServer();
  api.handle((request) => (request.method === 'DELETE' ? { json: { deleted: true } } : { json: { id: 41 } }));
  const definitions = path.join(scratch, 'definitions');
  mkdirSync(path.join(definitions, 'loopdemo'), { recursive: true });
  writeFileSync(path.join(definitions, 'loopdemo', 'toolkit.yaml'), definition(api.url));
  const result = await build({ definitionsDir: definitions, outDir, noCache: true, cwd: repo });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const module = await import(pathToFileURL(path.join(outDir, 'loopdemo/index.ts')).href) as Record<string, CompiledToolkit>;
  toolkit = Object.values(module).find((value) => value?.slug === 'loopdemo') as CompiledToolkit;
  store = await createFileStore({ dir: storeDir, env });
  const toolsmith = new Toolsmith({ toolkits: [toolkit], store });
  await toolsmith.connectedAccounts.create('user-1', 'loopdemo', { scheme: 'api_key', credentials: { api_key: 'key-of-user-1' } });
}, 300_000);

afterAll(async () => {
  await store?.close();
  await api?.close();
  rmSync(outDir, { recursive: true, force: true });
  rmSync(scratch, { recursive: true, force: true });
});

function cliArgs(extra: string[]): string[] {
  return [path.join(repo, 'bin/toolsmith.mjs'), 'mcp', '--user', 'user-1', '--toolkits', 'loopdemo', '--generated', outDir, '--store', storeDir, ...extra];
}

async function expectCreateNote(client: Client): Promise<void> {
  const { tools } = await client.listTools();
  const create = tools.find((t) => t.name === 'LOOPDEMO_CREATE_NOTE')!;
  const tagKey = Object.keys(create.inputSchema.properties ?? {}).find((k) => k.startsWith('filter_tag'))!;
  expect(tagKey).toMatch(/^[a-zA-Z0-9_.-]{1,64}$/);
  const before = api.requests.length;
  const result = await client.callTool({ name: 'LOOPDEMO_CREATE_NOTE', arguments: { text: 'hello', [tagKey]: 'work' } });
  expect(result.isError).toBeFalsy();
  expect(result.structuredContent).toEqual({ successful: true, data: { id: 41 }, error: null });
  const request = api.requests[before]!;
  expect(request.headers['x-api-key']).toBe('key-of-user-1');
  expect(request.json()).toEqual({ text: 'hello', 'filter[tag]': 'work' });
}

describe('MCP over stdio (the real CLI)', () => {
  it('lists tools with annotations and output schemas, and calls them with the user\'s account', async () => {
    const client = new Client({ name: 'test', version: '1.0.0' });
    await client.connect(new StdioClientTransport({ command: process.execPath, args: cliArgs([]), env: env as Record<string, string>, cwd: repo, stderr: 'pipe' }));
    try {
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name).sort()).toEqual(['LOOPDEMO_CREATE_NOTE', 'LOOPDEMO_DELETE_NOTE']);
      const del = tools.find((t) => t.name === 'LOOPDEMO_DELETE_NOTE')!;
      expect(del.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true });
      expect(del.outputSchema?.type).toBe('object');
      expect((del.outputSchema?.properties as any).data.anyOf[0]).toEqual({ type: 'object', properties: { deleted: { type: 'boolean' } } });
      expect(JSON.stringify(tools)).not.toContain('x-');
      await expectCreateNote(client);
      const unknown = await client.callTool({ name: 'NOPE', arguments: {} });
      expect(unknown.isError).toBe(true);
    } finally {
      await client.close();
    }
  });

  it('serves only the allow-listed tools', async () => {
    const client = new Client({ name: 'test', version: '1.0.0' });
    await client.connect(new StdioClientTransport({ command: process.execPath, args: cliArgs(['--tools', 'LOOPDEMO_DELETE_NOTE']), env: env as Record<string, string>, cwd: repo, stderr: 'pipe' }));
    try {
      expect((await client.listTools()).tools.map((t) => t.name)).toEqual(['LOOPDEMO_DELETE_NOTE']);
      expect((await client.callTool({ name: 'LOOPDEMO_CREATE_NOTE', arguments: { text: 'x' } })).isError).toBe(true);
    } finally {
      await client.close();
    }
  });
});

describe('toolsmith mcp usage errors', () => {
  it('names an allow-listed tool that is not served, without a stack trace', () => {
    const run = spawnSync(process.execPath, cliArgs(['--tools', 'LOOPDEMO_NOPE']), { cwd: repo, env, encoding: 'utf8', timeout: 60_000 });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('LOOPDEMO_NOPE');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('MCP over Streamable HTTP', () => {
  it('library API: requires the bearer token, binds loopback, executes as the user', async () => {
    const toolsmith = new Toolsmith({ toolkits: [toolkit], store });
    const handle = await serveMcpHttp(() => createMcpServer(toolsmith, { userId: 'user-1' }), { port: 0, token: 'secret-token-1' });
    try {
      expect(handle.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
      const denied = await fetch(handle.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(denied.status).toBe(401);
      const wrong = new Client({ name: 'test', version: '1.0.0' });
      await expect(wrong.connect(new StreamableHTTPClientTransport(new URL(handle.url), { requestInit: { headers: { Authorization: 'Bearer nope' } } }))).rejects.toThrow();
      const client = new Client({ name: 'test', version: '1.0.0' });
      await client.connect(new StreamableHTTPClientTransport(new URL(handle.url), { requestInit: { headers: { Authorization: 'Bearer secret-token-1' } } }));
      await expectCreateNote(client);
      await client.close();
    } finally {
      await handle.close();
    }
  });

  it('the CLI with --http: token from TOOLSMITH_MCP_TOKEN, router meta tools with --router', async () => {
    const child: ChildProcess = spawn(process.execPath, cliArgs(['--http', '0', '--router']), { cwd: repo, env: { ...env, TOOLSMITH_MCP_TOKEN: 'cli-token-2' }, stdio: ['ignore', 'ignore', 'pipe'] });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let text = '';
        child.stderr!.on('data', (chunk: Buffer) => {
          text += chunk.toString();
          const match = /Streamable HTTP on (\S+)/.exec(text);
          if (match) resolve(match[1]!);
        });
        child.once('exit', (code) => reject(new Error(`toolsmith mcp exited (${code}): ${text}`)));
      });
      const client = new Client({ name: 'test', version: '1.0.0' });
      await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers: { Authorization: 'Bearer cli-token-2' } } }));
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name).sort()).toEqual(['TOOLSMITH_MANAGE_CONNECTIONS', 'TOOLSMITH_MULTI_EXECUTE_TOOL', 'TOOLSMITH_SEARCH_TOOLS']);
      const search = await client.callTool({ name: 'TOOLSMITH_SEARCH_TOOLS', arguments: { query: 'delete a note' } });
      const found = (search.structuredContent as any).data.tools;
      expect(found[0].tool_slug).toBe('LOOPDEMO_DELETE_NOTE');
      expect(found[0].connection).toBe('connected');
      const before = api.requests.length;
      const multi = await client.callTool({ name: 'TOOLSMITH_MULTI_EXECUTE_TOOL', arguments: { calls: [
        { tool_slug: 'LOOPDEMO_DELETE_NOTE', arguments: { id: 7 } },
        { tool_slug: 'LOOPDEMO_CREATE_NOTE', arguments: { text: 'multi' } },
      ] } });
      const results = (multi.structuredContent as any).data.results;
      expect(results.map((r: any) => r.successful)).toEqual([true, true]);
      expect(api.requests.slice(before).map((r) => `${r.method} ${r.path}`).sort()).toEqual(['DELETE /notes/7', 'POST /notes']);
      await client.close();
    } finally {
      child.kill('SIGTERM');
    }
  });
});

describe('router without MCP', () => {
  it('caps multi-execute at 20 calls and reports missing accounts with a next step', async () => {
    const toolsmith = new Toolsmith({ toolkits: [toolkit], store });
    const router = createToolRouter(toolsmith);
    const tooMany = await router.execute('user-1', 'TOOLSMITH_MULTI_EXECUTE_TOOL', {
      calls: Array.from({ length: 21 }, () => ({ tool_slug: 'LOOPDEMO_DELETE_NOTE', arguments: { id: 1 } })),
    });
    expect(tooMany.successful).toBe(false);
    expect(tooMany.error).toMatch(/calls/);
    const stranger = await router.execute('user-2', 'TOOLSMITH_SEARCH_TOOLS', { query: 'create note' });
    expect((stranger.data as any).tools[0].connection).toBe('not_connected');
    const manage = await router.execute('user-2', 'TOOLSMITH_MANAGE_CONNECTIONS', { toolkit: 'loopdemo' });
    expect(manage.data).toMatchObject({ status: 'needs_credentials' });
    const run = await router.execute('user-2', 'TOOLSMITH_MULTI_EXECUTE_TOOL', { calls: [{ tool_slug: 'LOOPDEMO_DELETE_NOTE', arguments: { id: 1 } }] });
    expect((run.data as any).results[0].error).toMatch(/TOOLSMITH_MANAGE_CONNECTIONS/);
  });
});
