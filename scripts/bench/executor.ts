/**
 * Executor overhead: `toolsmith.tools.execute` vs a plain `fetch` of the same request (same URL, headers and
 * JSON parsing) to the same loopback server, at concurrency 1 and 100. The server runs in a child process so
 * this process's CPU time is the client's alone. Prints p50/p99 latency, added p50 latency (target < 10 %) and
 * client CPU µs per call, with the executor's extra CPU per call (target < 50 µs).
 *
 *   npx tsx scripts/bench/executor.ts [--calls 4000]
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { Toolsmith } from '../../runtime/toolsmith.js';
import { createFileStore } from '../../runtime/store/file-store.js';
import type { CompiledTool, CompiledToolkit } from '../../runtime/types.js';

const SERVER = `
const http = require('node:http');
const body = JSON.stringify({ id: 1, name: 'item', tags: ['a', 'b'], price: 12.5 });
const server = http.createServer((req, res) => { req.resume(); req.on('end', () => {
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }); res.end(body); }); });
server.keepAliveTimeout = 60000;
server.listen(0, '127.0.0.1', () => process.stdout.write(String(server.address().port) + '\\n'));
`;

function argument(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
}

async function startServer(): Promise<{ url: string; stop(): void }> {
  const child = spawn(process.execPath, ['-e', SERVER], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<string>((resolve) => child.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString().trim())));
  return { url: `http://127.0.0.1:${port}`, stop: () => child.kill('SIGTERM') };
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

interface Run { p50: number; p99: number; cpuMicrosPerCall: number; perSecond: number }

async function measure(calls: number, concurrency: number, call: () => Promise<unknown>): Promise<Run> {
  const latencies: number[] = new Array<number>(calls);
  let next = 0;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    for (let index = next++; index < calls; index = next++) {
      const begin = performance.now();
      await call();
      latencies[index] = performance.now() - begin;
    }
  }));
  const elapsed = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  latencies.sort((a, b) => a - b);
  return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), cpuMicrosPerCall: (cpu.user + cpu.system) / calls, perSecond: (calls / elapsed) * 1000 };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

async function main(): Promise<void> {
  const calls = argument('calls', 4000);
  const rounds = argument('rounds', 3);
  const server = await startServer();
  const dir = await mkdtemp(join(tmpdir(), 'toolsmith-bench-'));
  const getItem: CompiledTool = {
    slug: 'BENCH_GET_ITEM', name: 'Get item', description: 'Gets an item', toolkit: 'bench', importance: 50, scopes: [], tags: [],
    hints: { readOnly: true, idempotent: true, destructive: false, openWorld: true },
    input: z.object({ id: z.string(), q: z.string().optional() }) as z.ZodType<Record<string, unknown>>, output: z.unknown(),
    inputParameters: { type: 'object', properties: { id: { type: 'string' }, q: { type: 'string' } }, required: ['id'] }, outputParameters: {},
    request: { method: 'GET', path: '/items/{id}', response: { kind: 'json' } },
    inputs: [{ name: 'id', in: 'path', target: 'id', required: true }, { name: 'q', in: 'query', target: 'q', required: false }],
  };
  const toolkit: CompiledToolkit = {
    slug: 'bench', name: 'Bench', description: 'Bench', categories: [], baseUrl: server.url, headers: { Accept: 'application/json' }, connection: [],
    auth: [{ scheme: 'api_key', fields: [{ name: 'api_key', secret: true, required: true }], inject: [{ in: 'header', name: 'X-Api-Key', value: '{{credentials.api_key}}' }] }],
    tools: [getItem], triggers: [],
  };
  const store = await createFileStore({ dir, encryptionKey: randomBytes(32) });
  const toolsmith = new Toolsmith({ toolkits: [toolkit], store });
  await toolsmith.connectedAccounts.create('bench-user', 'bench', { credentials: { api_key: 'bench-key' } });

  const plain = async (): Promise<unknown> => {
    const response = await fetch(`${server.url}/items/42?q=hello`, { method: 'GET', headers: { accept: 'application/json', 'x-api-key': 'bench-key' } });
    return response.json();
  };
  const viaToolsmith = async (): Promise<unknown> => {
    const result = await toolsmith.tools.execute('BENCH_GET_ITEM', { userId: 'bench-user', arguments: { id: '42', q: 'hello' } });
    if (!result.successful) throw new Error(result.error);
    return result.data;
  };

  console.log(`Executor overhead (${calls} calls per run, median of ${rounds} alternating rounds, Node ${process.version})`);
  console.log('concurrency | client      | p50 ms | p99 ms | CPU µs/call | calls/s');
  for (const concurrency of [1, 100]) {
    await measure(Math.min(calls, 1000), concurrency, plain);
    await measure(Math.min(calls, 1000), concurrency, viaToolsmith);
    const fetchRuns: Run[] = [];
    const toolsmithRuns: Run[] = [];
    for (let round = 0; round < rounds; round++) {
      fetchRuns.push(await measure(calls, concurrency, plain));
      toolsmithRuns.push(await measure(calls, concurrency, viaToolsmith));
    }
    const summarize = (runs: Run[]): Run => ({
      p50: median(runs.map((r) => r.p50)), p99: median(runs.map((r) => r.p99)),
      cpuMicrosPerCall: median(runs.map((r) => r.cpuMicrosPerCall)), perSecond: median(runs.map((r) => r.perSecond)),
    });
    const base = summarize(fetchRuns);
    const ours = summarize(toolsmithRuns);
    for (const [name, run] of [['plain fetch', base], ['toolsmith', ours]] as const) {
      console.log(`${String(concurrency).padStart(11)} | ${name.padEnd(11)} | ${run.p50.toFixed(3).padStart(6)} | ${run.p99.toFixed(3).padStart(6)} | ${run.cpuMicrosPerCall.toFixed(1).padStart(11)} | ${run.perSecond.toFixed(0).padStart(7)}`);
    }
    const added = ((ours.p50 - base.p50) / base.p50) * 100;
    console.log(`${String(concurrency).padStart(11)} | added       | p50 ${added >= 0 ? '+' : ''}${added.toFixed(1)} % (target < 10 %) | CPU +${(ours.cpuMicrosPerCall - base.cpuMicrosPerCall).toFixed(1)} µs/call (target < 50 µs)`);
  }
  await store.close();
  server.stop();
  await rm(dir, { recursive: true, force: true });
}

await main();
