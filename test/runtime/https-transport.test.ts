/**
 * The default transport over TLS, against an https server on loopback with a certificate made for the test
 * (openssl): an untrusted certificate is refused with a clear result; trusted through NODE_EXTRA_CA_CERTS (in a
 * child process, where Node reads it at start), calls succeed, gzip bodies are decoded and one connection serves
 * every call (keep-alive).
 */
import { execFileSync, spawn } from 'node:child_process';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Toolsmith } from '../../runtime/toolsmith.js';
import { bearer, tool, toolkit } from './support/toolkit.js';
import { account, memoryStore } from './support/memory-store.js';

let dir: string;
let server: Server;
let baseUrl: string;
let connections = 0;
const seen: Array<{ url: string | undefined; authorization: string | undefined }> = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'toolsmith-tls-'));
  const key = join(dir, 'key.pem');
  const cert = join(dir, 'cert.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1',
    '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
  server = createServer({ key: await readFile(key), cert: await readFile(cert) }, (req, res) => {
    seen.push({ url: req.url, authorization: req.headers.authorization });
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      res.end(gzipSync(JSON.stringify({ secure: true, path: req.url })));
    });
  });
  server.on('secureConnection', () => { connections++; });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  baseUrl = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((done) => server.close(done));
  await rm(dir, { recursive: true, force: true });
});

const tools = [tool({ slug: 'TLS_GET', toolkit: 'tls', path: '/secure' })];

describe('https through the default transport', () => {
  it('an untrusted certificate is refused: a NETWORK_ERROR result naming the certificate, with no credential in it', async () => {
    const store = memoryStore();
    await store.accounts.insert(account({ userId: 'u', toolkit: 'tls', scheme: 'bearer', credentials: { token: 'TLS-SECRET-TOKEN' } }));
    const toolsmith = new Toolsmith({ toolkits: [toolkit('tls', baseUrl, tools, [bearer])], store, timeoutMs: 5_000 });
    const before = seen.length;
    const result = await toolsmith.tools.execute('TLS_GET', { userId: 'u' });
    expect(result.successful).toBe(false);
    expect(result.error).toMatch(/TLS_GET \(GET \/secure\) failed before a response: .*certificate/i);
    expect(JSON.stringify(result)).not.toContain('TLS-SECRET-TOKEN');
    expect(seen.length).toBe(before);
  });

  it('a trusted certificate: calls succeed, gzip is decoded, and one connection serves them all', async () => {
    const script = join(dir, 'calls.mts');
    await writeFile(script, `
      import { Toolsmith } from ${JSON.stringify(resolve('runtime/toolsmith.ts'))};
      import { noAuth, tool, toolkit } from ${JSON.stringify(resolve('test/runtime/support/toolkit.ts'))};
      const tools = [tool({ slug: 'TLS_GET', toolkit: 'tls', path: '/secure' })];
      const toolsmith = new Toolsmith({ toolkits: [toolkit('tls', ${JSON.stringify(baseUrl)}, tools, [noAuth])], timeoutMs: 5_000 });
      const results = [];
      for (let i = 0; i < 3; i++) results.push(await toolsmith.tools.execute('TLS_GET', {}));
      process.stdout.write(JSON.stringify(results.map((r) => ({ successful: r.successful, data: r.data, error: r.error }))));
    `);
    const before = connections;
    const outcome = await new Promise<{ code: number | null; out: string; err: string }>((done) => {
      const child = spawn(process.execPath, ['--import', 'tsx', script], {
        stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_EXTRA_CA_CERTS: join(dir, 'cert.pem') },
      });
      let out = '';
      let err = '';
      child.stdout.on('data', (chunk: Buffer) => { out += chunk.toString(); });
      child.stderr.on('data', (chunk: Buffer) => { err += chunk.toString(); });
      child.on('exit', (code) => done({ code, out, err }));
    });
    expect(outcome.err).not.toMatch(/Error/);
    expect(outcome.code).toBe(0);
    expect(JSON.parse(outcome.out)).toEqual(Array(3).fill({ successful: true, data: { secure: true, path: '/secure' }, error: null }));
    expect(connections - before).toBe(1);
  }, 60_000);
});
