/**
 * Executor overhead: `toolsmith.tools.execute` vs a plain `fetch` of the same request to the same loopback server
 * (the issue's target), and vs the same request through plain node:http with a keep-alive agent (the transport the
 * executor uses by default, so the difference is the executor's own work), in one run, at concurrency 1 and 100. The tool is GitHub-shaped: path parameters, a query parameter, a JSON body
 * and an OAuth2 bearer token from an account stored in the embedded (encrypted) file store. The server runs in a
 * child process and checks every request (method, path, query, token, body), so a wrong request fails the run
 * instead of being measured; this process's CPU is the client's alone.
 * Prints p50/p99 latency, added p50 latency (target < 10 %) and CPU µs per call (process.cpuUsage over all calls
 * of a round), with the executor's extra CPU per call (target < 50 µs), and the machine load.
 *
 *   npx tsx scripts/bench/executor.ts [--calls 4000] [--rounds 5] [--concurrency 1,100] [--only toolsmith|fetch|http|stub]
 *     [--typescript]   (measure the TypeScript sources under tsx instead of the transpiled JavaScript; see asJavaScript)
 *   (profile: node --cpu-prof --import tsx scripts/bench/executor.ts --typescript --only toolsmith --concurrency 1)
 * Under load, CPU per call drifts by tens of µs between rounds. Instruction counts help, with a caveat: per call
 * from two runs with --calls 400 and 1200 (each warms up with as many calls again: 1,600 calls apart, store setup
 * and loader cancel out), but a loopback run still varies by a few hundred million instructions with timing
 * (idle-time GC, event-loop turns), so repeat each run and compare medians:
 *   valgrind --tool=callgrind --callgrind-out-file=/dev/null --smc-check=all-non-file node --single-threaded \
 *     --import tsx scripts/bench/executor.ts --typescript --only fetch|toolsmith --calls 400|1200 --rounds 1 --concurrency 1
 */
import { spawn } from 'node:child_process';
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { Toolsmith } from '../../runtime/toolsmith.js';
import { createFileStore } from '../../runtime/store/file-store.js';
import type { CompiledTool, CompiledToolkit } from '../../runtime/types.js';

const TOKEN = `gho_${randomBytes(18).toString('base64url')}`;
const ARGS = {
  owner: 'octo-org', repo: 'hello-world', notify: true,
  title: 'Found a bug', body: 'The widget breaks when the input is empty.\nSteps: open, clear, save.',
  labels: ['bug', 'triage'], assignees: ['octocat'], milestone: 3,
};
const EXPECTED_URL = '/repos/octo-org/hello-world/issues?notify=true';

// The server answers 200 with a GitHub-sized issue only when the request is exactly the expected one.
const SERVER = `
const http = require('node:http');
const expected = ${JSON.stringify({ url: EXPECTED_URL, auth: `Bearer ${TOKEN}`, body: { title: ARGS.title, body: ARGS.body, labels: ARGS.labels, assignees: ARGS.assignees, milestone: ARGS.milestone } })};
const issue = JSON.stringify({ id: 1, node_id: 'MDU6SXNzdWUx', number: 1347, state: 'open', locked: false,
  url: 'https://api.github.com/repos/octo-org/hello-world/issues/1347', title: expected.body.title, body: expected.body.body,
  user: { login: 'octocat', id: 1, type: 'User', site_admin: false, avatar_url: 'https://github.com/images/error/octocat_happy.gif' },
  labels: expected.body.labels.map((name, id) => ({ id, name, color: 'f29513', default: false })),
  assignees: [{ login: 'octocat', id: 1 }], milestone: { number: 3, title: 'v1.0', state: 'open' },
  comments: 0, created_at: '2011-04-22T13:33:48Z', updated_at: '2011-04-22T13:33:48Z', author_association: 'OWNER' });
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    let body; try { body = JSON.parse(Buffer.concat(chunks).toString()); } catch { body = undefined; }
    const ok = req.method === 'POST' && req.url === expected.url && req.headers.authorization === expected.auth
      && (req.headers['content-type'] || '').startsWith('application/json') && same(body, expected.body);
    const text = ok ? issue : JSON.stringify({ message: 'unexpected request', url: req.url });
    res.writeHead(ok ? 201 : 400, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  });
});
server.keepAliveTimeout = 60000;
server.listen(0, '127.0.0.1', () => process.stdout.write(String(server.address().port) + '\\n'));
`;

function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
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

function githubLikeToolkit(baseUrl: string): CompiledToolkit {
  const label = z.string().min(1);
  const createIssue: CompiledTool = {
    slug: 'GITHUB_CREATE_AN_ISSUE', name: 'Create an issue', description: 'Creates an issue in a repository.', toolkit: 'github',
    importance: 90, scopes: ['repo'], tags: ['issues'],
    hints: { readOnly: false, idempotent: false, destructive: false, openWorld: true },
    input: z.object({
      owner: z.string().min(1), repo: z.string().min(1), notify: z.boolean().optional(),
      title: z.union([z.string(), z.number().int()]), body: z.string().optional(),
      labels: z.array(z.union([label, z.object({ name: z.string().optional(), id: z.number().int().optional() })])).optional(),
      assignees: z.array(z.string()).optional(), milestone: z.union([z.string(), z.number().int()]).nullable().optional(),
    }) as z.ZodType<Record<string, unknown>>,
    output: z.unknown(),
    inputParameters: {
      type: 'object', required: ['owner', 'repo', 'title'],
      properties: {
        owner: { type: 'string' }, repo: { type: 'string' }, notify: { type: 'boolean' }, title: { type: ['string', 'integer'] },
        body: { type: 'string' }, labels: { type: 'array' }, assignees: { type: 'array', items: { type: 'string' } },
        milestone: { type: ['string', 'integer', 'null'] },
      },
    },
    outputParameters: {},
    request: { method: 'POST', path: '/repos/{owner}/{repo}/issues', body: { contentType: 'application/json', required: true }, response: { kind: 'json' } },
    inputs: [
      { name: 'owner', in: 'path', target: 'owner', required: true }, { name: 'repo', in: 'path', target: 'repo', required: true },
      { name: 'notify', in: 'query', target: 'notify', required: false },
      { name: 'title', in: 'body', target: 'title', required: true }, { name: 'body', in: 'body', target: 'body', required: false },
      { name: 'labels', in: 'body', target: 'labels', required: false }, { name: 'assignees', in: 'body', target: 'assignees', required: false },
      { name: 'milestone', in: 'body', target: 'milestone', required: false },
    ],
  };
  return {
    slug: 'github', name: 'GitHub', description: 'GitHub-shaped bench toolkit', categories: [], baseUrl,
    headers: { Accept: 'application/vnd.github+json', 'X-GitHub-Api-Version': '2022-11-28' }, connection: [],
    auth: [{
      scheme: 'oauth2', grant: 'authorization_code', authorizationUrl: `${baseUrl}/login/oauth/authorize`, tokenUrl: `${baseUrl}/login/oauth/access_token`,
      pkce: false, scopeSeparator: ' ', scopes: { repo: 'Repositories' }, defaultScopes: ['repo'], authorizationParams: {},
      tokenAuthMethod: 'client_secret_post', fields: [],
      inject: [{ in: 'header', name: 'Authorization', value: 'Bearer {{credentials.access_token}}' }],
    }],
    tools: [createIssue], triggers: [],
  };
}

/**
 * Through the `fetch` option with fetch stubbed (a prebuilt Response, no socket): what is left is the executor's own
 * CPU on that path (its AbortSignal included), a figure machine load distorts far less than loopback round trips.
 */
async function stubbed(store: Awaited<ReturnType<typeof createFileStore>>, calls: number, rounds: number): Promise<void> {
  const issue = JSON.stringify({ id: 1, number: 1347, title: ARGS.title, labels: ARGS.labels.map((name) => ({ name })), user: { login: 'octocat' } });
  const stub = async (): Promise<Response> => new Response(issue, { status: 201, headers: { 'content-type': 'application/json; charset=utf-8' } });
  const toolsmith = new Toolsmith({ toolkits: [githubLikeToolkit('http://127.0.0.1:9')], store, fetch: stub as typeof fetch });
  const cpuPerCall = async (call: () => Promise<unknown>): Promise<number> => {
    for (let i = 0; i < 2000; i++) await call();
    const runs: number[] = [];
    for (let round = 0; round < rounds; round++) {
      const before = process.cpuUsage();
      for (let i = 0; i < calls; i++) await call();
      const used = process.cpuUsage(before);
      runs.push((used.user + used.system) / calls);
    }
    return median(runs);
  };
  const plain = await cpuPerCall(async () => (await stub()).json());
  const ours = await cpuPerCall(async () => {
    const result = await toolsmith.tools.execute('GITHUB_CREATE_AN_ISSUE', { userId: 'bench-user', arguments: ARGS });
    if (!result.successful) throw new Error(`toolsmith (stubbed fetch): ${result.error}`);
  });
  console.log(`fetch option with a stubbed fetch (no network), CPU µs/call: stub + json ${plain.toFixed(1)}, toolsmith ${ours.toFixed(1)}, ` +
    `executor's own CPU on the fetch path ${(ours - plain).toFixed(1)} µs/call (< 50 µs: ${ours - plain < 50 ? 'yes' : 'no'}; ` +
    'on the default path it is the "vs node:http" row)');
}

async function main(): Promise<void> {
  const calls = Number(option('calls') ?? 4000);
  const rounds = Number(option('rounds') ?? 5);
  const levels = (option('concurrency') ?? '1,100').split(',').map(Number);
  const only = option('only');
  if (only === 'stub') {
    const store = await createFileStore({ dir: await mkdtemp(join(tmpdir(), 'toolsmith-bench-')), encryptionKey: randomBytes(32) });
    await new Toolsmith({ toolkits: [githubLikeToolkit('http://127.0.0.1:9')], store }).connectedAccounts
      .create('bench-user', 'github', { credentials: { access_token: TOKEN, expires_at: '2099-01-01T00:00:00Z' } });
    await stubbed(store, calls * 5, rounds);
    await store.close();
    return;
  }
  const server = await startServer();
  const dir = await mkdtemp(join(tmpdir(), 'toolsmith-bench-'));
  const store = await createFileStore({ dir, encryptionKey: randomBytes(32) });
  const toolsmith = new Toolsmith({ toolkits: [githubLikeToolkit(server.url)], store });
  // Other users' accounts beside the one used, as in a real store.
  for (let i = 0; i < 200; i++) {
    await toolsmith.connectedAccounts.create(`user-${i}`, 'github', { credentials: { access_token: `gho_other${i}`, expires_at: '2099-01-01T00:00:00Z' } });
  }
  await toolsmith.connectedAccounts.create('bench-user', 'github', { credentials: { access_token: TOKEN, expires_at: '2099-01-01T00:00:00Z' } });

  const plain = async (): Promise<unknown> => {
    const { owner, repo, notify, title, body, labels, assignees, milestone } = ARGS;
    const response = await fetch(`${server.url}/repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}/issues?notify=${notify}`, {
      method: 'POST',
      headers: { accept: 'application/vnd.github+json', 'x-github-api-version': '2022-11-28', authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title, body, labels, assignees, milestone }),
    });
    const data: unknown = await response.json();
    if (response.status !== 201) throw new Error(`plain fetch: HTTP ${response.status} ${JSON.stringify(data)}`);
    return data;
  };
  // The same request through node:http with a keep-alive agent: the transport the executor uses by default.
  const agent = new HttpAgent({ keepAlive: true });
  const target = new URL(server.url);
  const plainHttp = (): Promise<unknown> => new Promise((resolve, reject) => {
    const { owner, repo, notify, title, body, labels, assignees, milestone } = ARGS;
    const payload = JSON.stringify({ title, body, labels, assignees, milestone });
    const request = httpRequest({
      host: target.hostname, port: target.port, method: 'POST', agent,
      path: `/repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}/issues?notify=${notify}`,
      headers: {
        accept: 'application/vnd.github+json', 'x-github-api-version': '2022-11-28', authorization: `Bearer ${TOKEN}`,
        'content-type': 'application/json', 'content-length': Buffer.byteLength(payload),
      },
    }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const data: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        if (response.statusCode !== 201) reject(new Error(`plain node:http: HTTP ${response.statusCode} ${JSON.stringify(data)}`));
        else resolve(data);
      });
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(payload);
  });
  const viaToolsmith = async (): Promise<unknown> => {
    const result = await toolsmith.tools.execute('GITHUB_CREATE_AN_ISSUE', { userId: 'bench-user', arguments: ARGS });
    if (!result.successful) throw new Error(`toolsmith: ${result.error}`);
    return result.data;
  };

  console.log(`Executor overhead: POST with path, query, JSON body and a stored OAuth2 bearer token (${calls} calls per round, ` +
    `median of ${rounds} alternating rounds, Node ${process.version}, ${import.meta.url.endsWith('.js') ? 'transpiled JavaScript' : 'TypeScript under tsx'})`);
  console.log(`load average before: ${loadavg().map((value) => value.toFixed(2)).join(' ')}`);
  console.log('concurrency | client      | p50 ms | p99 ms | CPU µs/call | calls/s');
  const row = (concurrency: number, name: string, run: Run): void => console.log(`${String(concurrency).padStart(11)} | ${name.padEnd(11)} | ` +
    `${run.p50.toFixed(3).padStart(6)} | ${run.p99.toFixed(3).padStart(6)} | ${run.cpuMicrosPerCall.toFixed(1).padStart(11)} | ${run.perSecond.toFixed(0).padStart(7)}`);
  const summarize = (runs: Run[]): Run => ({
    p50: median(runs.map((r) => r.p50)), p99: median(runs.map((r) => r.p99)),
    cpuMicrosPerCall: median(runs.map((r) => r.cpuMicrosPerCall)), perSecond: median(runs.map((r) => r.perSecond)),
  });
  const clients: ReadonlyArray<readonly [string, () => Promise<unknown>]> = [['plain fetch', plain], ['node:http', plainHttp], ['toolsmith', viaToolsmith]];
  const chosen = clients.filter(([name]) => only === undefined || name.includes(only));
  const added = (ours: Run, base: Run, baseRuns: Run[], oursRuns: Run[]): string => {
    const latency = ((ours.p50 - base.p50) / base.p50) * 100;
    const cpu = ours.cpuMicrosPerCall - base.cpuMicrosPerCall;
    return `p50 ${latency >= 0 ? '+' : ''}${latency.toFixed(1)} % (target < 10 %: ${latency < 10 ? 'met' : 'NOT met'}) | ` +
      `CPU ${cpu >= 0 ? '+' : ''}${cpu.toFixed(1)} µs/call (target < 50 µs: ${cpu < 50 ? 'met' : 'NOT met'}); ` +
      `per-round CPU deltas ${oursRuns.map((run, i) => (run.cpuMicrosPerCall - baseRuns[i]!.cpuMicrosPerCall).toFixed(0)).join(', ')} µs`;
  };
  for (const concurrency of levels) {
    // Warm-up: JIT, connection pools, schema build, store caches.
    for (const [, call] of chosen) await measure(Math.min(calls, 2000), concurrency, call);
    const runs = chosen.map(() => [] as Run[]);
    for (let round = 0; round < rounds; round++) {
      for (const [index, [, call]] of chosen.entries()) runs[index]!.push(await measure(calls, concurrency, call));
    }
    const summaries = runs.map(summarize);
    for (const [index, [name]] of chosen.entries()) row(concurrency, name, summaries[index]!);
    if (chosen.length === clients.length) {
      console.log(`${String(concurrency).padStart(11)} | vs fetch    | ${added(summaries[2]!, summaries[0]!, runs[0]!, runs[2]!)}`);
      console.log(`${String(concurrency).padStart(11)} | vs node:http| ${added(summaries[2]!, summaries[1]!, runs[1]!, runs[2]!)}`);
    }
  }
  if (only === undefined) await stubbed(store, calls * 5, rounds);
  console.log(`load average after: ${loadavg().map((value) => value.toFixed(2)).join(' ')}`);
  await store.close();
  server.stop();
  await rm(dir, { recursive: true, force: true });
}

/**
 * Users ship JavaScript: by default the bench transpiles runtime/ and scripts/bench/ with TypeScript's
 * transpileModule (as import.ts does) into .toolsmith/bench/executor-js and measures there in plain node. Under tsx,
 * esbuild's keep-names helper runs for every closure made per call (several µs per call in a profile).
 * `--typescript` measures the sources under tsx instead.
 */
async function asJavaScript(): Promise<number> {
  const { transpileTree } = await import('./import.js');
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
  const work = join(root, '.toolsmith/bench/executor-js');
  await rm(work, { recursive: true, force: true });
  transpileTree(join(root, 'runtime'), join(work, 'runtime'));
  transpileTree(join(root, 'scripts/bench'), join(work, 'scripts/bench'));
  await writeFile(join(work, 'package.json'), JSON.stringify({ name: 'executor-bench', private: true, type: 'module' }));
  await symlink(join(root, 'node_modules'), join(work, 'node_modules'), 'dir');
  const child = spawn(process.execPath, [join(work, 'scripts/bench/executor.js'), ...process.argv.slice(2), '--typescript'], { stdio: 'inherit' });
  return new Promise((done) => child.on('exit', (code) => done(code ?? 1)));
}

if (process.argv.includes('--typescript')) await main();
else process.exitCode = await asJavaScript();
