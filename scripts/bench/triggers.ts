/**
 * Webhook throughput and latency with 1,000 active trigger instances: events verified (HMAC-SHA256),
 * validated (zod) and delivered to a subscriber per second, and p50/p99 from receipt to the handler.
 * Runs in process (WHATWG Request) and over loopback HTTP (node:http), and compares with the bare
 * work (HMAC + timingSafeEqual + JSON.parse + zod) measured in the same run.
 *
 *   npx tsx scripts/bench/triggers.ts [--events 20000] [--instances 1000]
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { request as httpRequest, Agent } from 'node:http';
import { performance } from 'node:perf_hooks';
import { Triggers } from '../../runtime/triggers/triggers.js';
import { createWebhookServer } from '../../runtime/triggers/server.js';
import { acmegit, StarPayload } from '../../test/fixtures/triggers/toolkits.js';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFileStore } from '../../runtime/store/file-store.js';
import type { Store } from '../../runtime/store/types.js';
import { MemoryStore } from '../../test/triggers/support/memory-store.js';

const argValue = (name: string, fallback: number) => {
  const index = process.argv.indexOf(name);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
};
const EVENTS = argValue('--events', 20000);
const INSTANCES = argValue('--instances', 1000);
const CONCURRENCY = 16;
const FILE_EVENTS = argValue('--file-events', 2000);

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};
const starBody = (seq: number) => JSON.stringify({ action: 'created', starred_at: null, repository: { full_name: `octo/repo-${seq % 97}` }, sender: { login: `user${seq}` }, seq });
const sign = (secret: string, body: string) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

async function setup(store: Store = new MemoryStore()) {
  const triggers = new Triggers({ store, toolkits: [acmegit], logger: { info: () => {}, warn: () => {} } });
  const instances: Array<{ id: string; secret: string }> = [];
  for (let index = 0; index < INSTANCES; index++) {
    const created = await triggers.create(`user-${index}`, 'ACMEGIT_STAR_CREATED', { triggerConfig: { owner: 'octo', repo: `repo-${index}` } });
    instances.push({ id: created.id, secret: created.secret! });
  }
  const started = new Map<number, number>();
  const latencies: number[] = [];
  let delivered = 0;
  triggers.subscribe((event) => {
    const seq = Number((event.payload as { sender: { login: string } }).sender.login.slice(4));
    const start = started.get(seq);
    if (start !== undefined) latencies.push(performance.now() - start);
    delivered++;
  });
  return { triggers, instances, started, latencies, delivered: () => delivered };
}

function report(label: string, count: number, elapsedMs: number, latencies: number[]) {
  const perSecond = count / (elapsedMs / 1000);
  console.log(`${label.padEnd(44)} ${perSecond.toFixed(0).padStart(7)} events/s   p50 ${percentile(latencies, 50).toFixed(2)} ms   p99 ${percentile(latencies, 99).toFixed(2)} ms`);
  return perSecond;
}

async function bareWork(): Promise<number> {
  const secret = 'x'.repeat(64);
  const started = performance.now();
  for (let seq = 0; seq < EVENTS; seq++) {
    const body = starBody(seq);
    const header = sign(secret, body);
    const expected = createHmac('sha256', secret).update(body).digest();
    const provided = Buffer.from(header.slice(7), 'hex');
    if (!timingSafeEqual(expected, provided)) throw new Error('bad');
    StarPayload.parse(JSON.parse(body));
  }
  return EVENTS / ((performance.now() - started) / 1000);
}

async function inProcess(store?: Store, label = 'in process'): Promise<number> {
  const bench = await setup(store);
  const count = store ? Math.min(EVENTS, FILE_EVENTS) : EVENTS;
  const requests = Array.from({ length: count }, (_, seq) => {
    const target = bench.instances[seq % bench.instances.length]!;
    const body = starBody(seq);
    return { seq, target, body, headers: { 'x-github-event': 'star', 'x-github-delivery': `d-${seq}`, 'x-hub-signature-256': sign(target.secret, body) } };
  });
  const started = performance.now();
  let next = 0;
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next < requests.length) {
      const { seq, target, body, headers } = requests[next++]!;
      bench.started.set(seq, performance.now());
      const response = await bench.triggers.handleWebhook(new Request(`http://bench/webhooks/${target.id}`, { method: 'POST', body, headers }));
      if (response.status !== 200) throw new Error(`status ${response.status}`);
    }
  }));
  await bench.triggers.flush();
  const elapsed = performance.now() - started;
  if (bench.delivered() !== count) throw new Error(`delivered ${bench.delivered()} of ${count}`);
  return report(`${label}, /webhooks/:triggerId (${INSTANCES} inst.)`, count, elapsed, bench.latencies);
}

async function overHttp(): Promise<number> {
  const bench = await setup();
  const server = await createWebhookServer(bench.triggers);
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const post = (path: string, body: string, headers: Record<string, string>) => new Promise<number>((resolve, reject) => {
    const req = httpRequest(`${server.url}${path}`, { method: 'POST', agent, headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
  const started = performance.now();
  let next = 0;
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next < EVENTS) {
      const seq = next++;
      const target = bench.instances[seq % bench.instances.length]!;
      const body = starBody(seq);
      bench.started.set(seq, performance.now());
      const status = await post(`/webhooks/${target.id}`, body, { 'x-github-event': 'star', 'x-github-delivery': `h-${seq}`, 'x-hub-signature-256': sign(target.secret, body) });
      if (status !== 200) throw new Error(`status ${status}`);
    }
  }));
  await bench.triggers.flush();
  const elapsed = performance.now() - started;
  agent.destroy();
  await server.close();
  return report(`loopback HTTP, /webhooks/:triggerId (${INSTANCES} inst.)`, EVENTS, elapsed, bench.latencies);
}

async function toolkitRoute(): Promise<number> {
  // Worst case: the toolkit route must try every instance's secret to find the signer.
  const bench = await setup();
  const count = Math.min(EVENTS, 1000);
  const started = performance.now();
  for (let seq = 0; seq < count; seq++) {
    const target = bench.instances[seq % bench.instances.length]!;
    const body = starBody(seq);
    bench.started.set(seq, performance.now());
    const response = await bench.triggers.handleWebhook(new Request('http://bench/webhooks/acmegit', { method: 'POST', body,
      headers: { 'x-github-event': 'star', 'x-github-delivery': `t-${seq}`, 'x-hub-signature-256': sign(target.secret, body) } }));
    if (response.status !== 200) throw new Error(`status ${response.status}`);
  }
  await bench.triggers.flush();
  return report(`in process, /webhooks/:toolkit (${INSTANCES} secrets)`, count, performance.now() - started, bench.latencies);
}

console.log(`triggers bench: ${EVENTS} GitHub-signed star events, ${INSTANCES} active instances, concurrency ${CONCURRENCY}, node ${process.version}`);
const bare = await bareWork();
console.log(`${'bare HMAC + JSON.parse + zod (no runtime)'.padEnd(44)} ${bare.toFixed(0).padStart(7)} events/s`);
const local = await inProcess();
const http = await overHttp();
await toolkitRoute();
const dir = await mkdtemp(join(tmpdir(), 'toolsmith-bench-'));
const fileStore = await createFileStore({ dir, encryptionKey: Buffer.alloc(32, 5) });
const onFile = await inProcess(fileStore, 'file store, in process');
await fileStore.close();
await rm(dir, { recursive: true, force: true });
console.log(`ratio in-process / bare work: ${(local / bare).toFixed(2)}; loopback HTTP / bare work: ${(http / bare).toFixed(2)}; file store / memory store: ${(onFile / local).toFixed(2)}`);
console.log('stores: the in-memory test store (records round-trip through JSON) unless marked "file store" (the embedded store, durable appends)');
