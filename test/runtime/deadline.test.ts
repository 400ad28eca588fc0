/**
 * The call deadline: it covers the body read (a server that sends headers and then stalls), the caller's signal
 * still aborts, and a finished call leaves no timer or listener behind (a child process exits at once).
 */
import { spawn } from 'node:child_process';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getEventListeners } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Toolsmith } from '../../runtime/toolsmith.js';
import { noAuth, tool, toolkit } from './support/toolkit.js';

/** Answers /ok at once; /stall sends headers and half a JSON body, then nothing; /hang never answers. */
let server: Server;
let baseUrl: string;
const open = new Set<ServerResponse>();
beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    if (req.url === '/ok') { res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'); return; }
    open.add(res);
    if (req.url === '/stall') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"items":[1,2,');
    }
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const res of open) res.destroy();
  server.closeAllConnections();
  await new Promise((done) => server.close(done));
});

const tools = [
  tool({ slug: 'DEMO_OK', toolkit: 'demo', path: '/ok' }),
  tool({ slug: 'DEMO_STALL', toolkit: 'demo', path: '/stall' }),
  tool({ slug: 'DEMO_HANG', toolkit: 'demo', path: '/hang' }),
];
const make = (timeoutMs: number) => new Toolsmith({ toolkits: [toolkit('demo', baseUrl, tools, [noAuth])], timeoutMs });

describe('call deadline', () => {
  it('a body that stalls after the headers is cut off at timeoutMs (REQUEST_TIMEOUT result)', async () => {
    const result = await make(300).tools.execute('DEMO_STALL', {});
    expect(result).toMatchObject({ successful: false, data: null });
    expect(result.error).toContain('DEMO_STALL (GET /stall) timed out after 300 ms');
  });

  it('through a caller\'s own fetch (an AbortSignal carries the deadline) too', async () => {
    const wrapped = ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init)) as typeof fetch;
    const toolsmith = new Toolsmith({ toolkits: [toolkit('demo', baseUrl, tools, [noAuth])], timeoutMs: 250, fetch: wrapped });
    expect((await toolsmith.tools.execute('DEMO_STALL', {})).error).toContain('timed out after 250 ms');
    expect((await toolsmith.tools.execute('DEMO_HANG', {})).error).toContain('timed out after 250 ms');
    expect(await toolsmith.tools.execute('DEMO_OK', {})).toMatchObject({ successful: true, data: { ok: true } });
  });

  it('a per-call timeoutMs applies to the body read too', async () => {
    const result = await make(60_000).tools.execute('DEMO_STALL', { timeoutMs: 200 });
    expect(result.error).toContain('timed out after 200 ms');
  });

  it('the caller aborting during the body read throws REQUEST_ABORTED, and the listener is removed', async () => {
    const controller = new AbortController();
    const pending = make(60_000).tools.execute('DEMO_STALL', { signal: controller.signal });
    await new Promise((done) => setTimeout(done, 100));
    controller.abort();
    await expect(pending).rejects.toMatchObject({ code: 'REQUEST_ABORTED' });
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it('a finished call leaves no listener on the caller signal', async () => {
    const controller = new AbortController();
    const result = await make(60_000).tools.execute('DEMO_OK', { signal: controller.signal });
    expect(result).toMatchObject({ successful: true, data: { ok: true } });
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it('after calls that succeeded, timed out and failed, no timer keeps the process alive', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'toolsmith-deadline-'));
    const script = join(dir, 'calls.mts');
    const runtime = resolve('runtime/toolsmith.ts');
    const support = resolve('test/runtime/support/toolkit.ts');
    await writeFile(script, `
      import { Toolsmith } from ${JSON.stringify(runtime)};
      import { noAuth, tool, toolkit } from ${JSON.stringify(support)};
      const tools = [tool({ slug: 'DEMO_OK', toolkit: 'demo', path: '/ok' }), tool({ slug: 'DEMO_STALL', toolkit: 'demo', path: '/stall' }),
        tool({ slug: 'DEMO_GONE', toolkit: 'demo', path: '/ok' })];
      const ok = new Toolsmith({ toolkits: [toolkit('demo', ${JSON.stringify(baseUrl)}, tools, [noAuth])], timeoutMs: 600_000 });
      const results = [];
      for (let i = 0; i < 20; i++) results.push((await ok.tools.execute('DEMO_OK', {})).successful);
      results.push((await ok.tools.execute('DEMO_STALL', { timeoutMs: 100 })).successful);
      const gone = new Toolsmith({ toolkits: [toolkit('demo', 'http://127.0.0.1:9', tools, [noAuth])], timeoutMs: 600_000 });
      results.push((await gone.tools.execute('DEMO_GONE', {})).successful);
      process.stdout.write(JSON.stringify(results));
    `);
    try {
      // A leaked 600 s timer would keep the child alive; it is killed after 60 s, far below that.
      const outcome = await new Promise<{ code: number | null; signal: string | null; out: string; err: string }>((done) => {
        const child = spawn(process.execPath, ['--import', 'tsx', script], { stdio: ['ignore', 'pipe', 'pipe'] });
        let out = '';
        let err = '';
        child.stdout.on('data', (chunk: Buffer) => { out += chunk.toString(); });
        child.stderr.on('data', (chunk: Buffer) => { err += chunk.toString(); });
        const killer = setTimeout(() => child.kill('SIGKILL'), 60_000);
        child.on('exit', (code, signal) => { clearTimeout(killer); done({ code, signal, out, err }); });
      });
      expect(outcome.err).not.toMatch(/Error/);
      expect(outcome).toMatchObject({ code: 0, signal: null });
      expect(JSON.parse(outcome.out)).toEqual([...Array<boolean>(20).fill(true), false, false]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
