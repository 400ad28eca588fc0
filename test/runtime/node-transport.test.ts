/**
 * The default transport (node:http) against real servers on loopback: what fetch used to do for us (default
 * headers, decompression, Content-Length, BOM), a keep-alive socket the server closed, bodies that stall or are
 * never read, and header values that cannot be sent.
 */
import { createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Toolsmith } from '../../runtime/toolsmith.js';
import { CallDeadline } from '../../runtime/execute/deadline.js';
import { nodeTransport } from '../../runtime/execute/node-transport.js';
import { startRecordServer, type RecordServer } from '../support/record-server.js';
import { noAuth, tool, toolkit } from './support/toolkit.js';

let server: RecordServer;
beforeAll(async () => { server = await startRecordServer(); });
afterAll(async () => { await server.close(); });

const tools = [
  tool({ slug: 'DEMO_GET', toolkit: 'demo', path: '/get' }),
  tool({ slug: 'DEMO_POST_EMPTY', toolkit: 'demo', method: 'POST', path: '/post' }),
  tool({
    slug: 'DEMO_SET_HEADER', toolkit: 'demo', path: '/h', input: z.object({ value: z.string() }),
    inputs: [{ name: 'value', in: 'header', target: 'X-Value', required: true }],
  }),
];
const make = (baseUrl: string, headers: Record<string, string> = {}) =>
  new Toolsmith({ toolkits: [toolkit('demo', baseUrl, tools, [noAuth], { headers })], timeoutMs: 5_000 });

describe('default transport (node:http)', () => {
  it('sends a User-Agent, Accept and Accept-Encoding unless the toolkit sets its own; Content-Length 0 on a bodiless POST', async () => {
    const before = server.requests.length;
    await make(server.url).tools.execute('DEMO_GET', {});
    await make(server.url, { 'User-Agent': 'my-agent/1.0', Accept: 'application/vnd.github+json' }).tools.execute('DEMO_GET', {});
    await make(server.url).tools.execute('DEMO_POST_EMPTY', {});
    const [plain, custom, post] = server.requests.slice(before);
    expect(plain!.headers).toMatchObject({ 'user-agent': 'toolsmith', accept: '*/*', 'accept-encoding': 'gzip, deflate, br' });
    expect(plain!.headers['content-length']).toBeUndefined();
    expect(plain!.headers['transfer-encoding']).toBeUndefined();
    expect(custom!.headers).toMatchObject({ 'user-agent': 'my-agent/1.0', accept: 'application/vnd.github+json' });
    expect(post!.headers['content-length']).toBe('0');
    expect(post!.headers['transfer-encoding']).toBeUndefined();
  });

  it('decodes gzip, deflate and br bodies, drops a UTF-8 BOM, and joins repeated headers', async () => {
    const json = JSON.stringify({ name: 'zoë', items: Array.from({ length: 200 }, (_, i) => i) });
    const cases = [
      { 'content-encoding': 'gzip', body: gzipSync(json) },
      { 'content-encoding': 'deflate', body: deflateSync(json) },
      { 'content-encoding': 'br', body: brotliCompressSync(json) },
      { 'content-encoding': 'identity', body: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(json)]) },
    ];
    for (const { body, ...headers } of cases) {
      server.enqueue({ body, headers: { ...headers, 'content-type': 'application/json' } });
      const result = await make(server.url).tools.execute('DEMO_GET', {});
      expect(result, headers['content-encoding']).toMatchObject({ successful: true, data: JSON.parse(json) });
    }
    server.enqueue({ body: Buffer.from('not gzip at all'), headers: { 'content-encoding': 'gzip', 'content-type': 'application/json' } });
    const broken = await make(server.url).tools.execute('DEMO_GET', {});
    expect(broken).toMatchObject({ successful: false });
    expect(broken.error).toContain('failed while reading the response');
  });

  it('a header value with a line break is refused with a clear result, and nothing is sent', async () => {
    const before = server.requests.length;
    const result = await make(server.url).tools.execute('DEMO_SET_HEADER', { arguments: { value: 'a\r\nX-Injected: 1' } });
    expect(result.successful).toBe(false);
    expect(result.error).toMatch(/DEMO_SET_HEADER \(GET \/h\) failed before a response: .*header/i);
    expect(server.requests.length).toBe(before);
  });

  it('sends paths as the URL parser reads them: dot segments resolved, backslashes as slashes, unicode encoded; IPv6 hosts', async () => {
    const deadline = new CallDeadline(5_000);
    const before = server.requests.length;
    try {
      for (const path of ['/a/b?x=1', '/a/../b', '/a/%2e%2E/b', '/a\\b', '/zoë/ü?q=ä b', '/a#fragment']) {
        const response = await nodeTransport.send({ method: 'GET', url: `${server.url}${path}`, headers: {} }, deadline);
        await response.text();
      }
      const v6 = await nodeTransport.send({ method: 'GET', url: `http://[::ffff:127.0.0.1]:${server.port}/v6`, headers: {} }, deadline);
      await v6.text();
    } finally {
      deadline.clear();
    }
    expect(server.requests.slice(before).map((request) => request.url))
      .toEqual(['/a/b?x=1', '/b', '/b', '/a/b', '/zo%C3%AB/%C3%BC?q=%C3%A4%20b', '/a', '/v6']);
  });

  it('sends every proxy body kind with its length and the Content-Type fetch would give it', async () => {
    const toolsmith = new Toolsmith({ toolkits: [toolkit('demo', server.url, [], [noAuth])], timeoutMs: 5_000 });
    const form = new FormData();
    form.append('name', 'zoë');
    form.append('file', new Blob(['hello'], { type: 'text/plain' }), 'a.txt');
    const bodies: Array<[unknown, RegExp | undefined, (text: string) => void]> = [
      ['plain text', /^text\/plain;charset=utf-8$/i, (text) => expect(text).toBe('plain text')],
      [{ a: [1, 2] }, /^application\/json$/, (text) => expect(JSON.parse(text)).toEqual({ a: [1, 2] })],
      [new Uint8Array([0, 1, 2, 255]), undefined, (text) => expect(Buffer.from(text, 'latin1')).toEqual(Buffer.from([0, 1, 2, 255]))],
      [new Blob(['<x/>'], { type: 'application/xml' }), /^application\/xml$/, (text) => expect(text).toBe('<x/>')],
      [new URLSearchParams({ q: 'a b', n: '1' }), /^application\/x-www-form-urlencoded;charset=UTF-8$/, (text) => expect(text).toBe('q=a+b&n=1')],
      [form, /^multipart\/form-data; boundary=/, (text) => expect(text).toMatch(/name="name"\r\n\r\nzoë\r\n[\s\S]*filename="a\.txt"\r\nContent-Type: text\/plain\r\n\r\nhello\r\n/)],
    ];
    for (const [body, type, check] of bodies) {
      const before = server.requests.length;
      const result = await toolsmith.tools.proxyExecute({ toolkit: 'demo', endpoint: '/upload', method: 'POST', body });
      expect(result.successful).toBe(true);
      const request = server.requests[before]!;
      if (type) expect(request.headers['content-type']).toMatch(type);
      else expect(request.headers['content-type']).toBeUndefined();
      expect(Number(request.headers['content-length'])).toBe(request.body.length);
      expect(request.headers['transfer-encoding']).toBeUndefined();
      check(body instanceof Uint8Array ? request.body.toString('latin1') : request.text());
    }
  });

  it('a body the server cuts off (Content-Length not reached) fails while reading, at once', async () => {
    const cutting = createServer((req, res) => {
      req.resume();
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      res.write('{"items":[1,');
      setTimeout(() => res.socket?.destroy(), 20);
    });
    await new Promise<void>((done) => cutting.listen(0, '127.0.0.1', done));
    try {
      const result = await make(`http://127.0.0.1:${(cutting.address() as AddressInfo).port}`).tools.execute('DEMO_GET', {});
      expect(result).toMatchObject({ successful: false, data: null });
      expect(result.error).toMatch(/DEMO_GET \(GET \/get\) failed while reading the response: aborted/);
    } finally {
      cutting.closeAllConnections();
      await new Promise((done) => cutting.close(done));
    }
  });

  it('a body cut off by the deadline before it is read rejects its read instead of hanging', async () => {
    const deadline = new CallDeadline(5_000);
    server.enqueue({ json: { late: true } });
    try {
      const response = await nodeTransport.send({ method: 'GET', url: `${server.url}/late`, headers: {} }, deadline);
      deadline.expire();
      await new Promise((done) => setImmediate(done)); // the stream's 'error' has been emitted before the read starts
      await expect(response.text()).rejects.toBeInstanceOf(Error);
      expect(deadline.timedOut).toBe(true);
    } finally {
      deadline.clear();
    }
  });

  it('a JSON or text body over maxResponseBytes fails the call (declared, chunked, or a gzip bomb), on both transports', async () => {
    const big = JSON.stringify({ items: 'x'.repeat(5_000) });
    const replies: Array<{ body: string | Buffer; headers: Record<string, string> }> = [
      { body: big, headers: { 'content-type': 'application/json' } },
      { body: big, headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } },
      { body: gzipSync(JSON.stringify({ items: '0'.repeat(2_000_000) })), headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' } },
    ];
    for (const fetchOption of [undefined, globalThis.fetch]) {
      const toolsmith = new Toolsmith({
        toolkits: [toolkit('demo', server.url, tools, [noAuth])], timeoutMs: 5_000, maxResponseBytes: 4_096, ...(fetchOption ? { fetch: fetchOption } : {}),
      });
      for (const reply of replies) {
        server.enqueue(reply);
        const result = await toolsmith.tools.execute('DEMO_GET', {});
        expect(result, `${fetchOption ? 'fetch' : 'node'} ${JSON.stringify(reply.headers)}`).toMatchObject({ successful: false, data: null });
        expect(result.error).toBe('DEMO_GET (GET /get): the response body is larger than 4096 bytes (maxResponseBytes); ask for less (a page size, a filter) or raise the limit.');
      }
      server.enqueue({ json: { small: true } });
      expect(await toolsmith.tools.execute('DEMO_GET', {})).toMatchObject({ successful: true, data: { small: true } });
    }
  });

  it('reads repeated response headers joined, as fetch does', async () => {
    const raw = createServer((req, res) => {
      req.resume();
      res.setHeader('x-multi', ['a', 'b']);
      res.setHeader('content-type', 'application/json');
      res.end('{}');
    });
    await new Promise<void>((done) => raw.listen(0, '127.0.0.1', done));
    const deadline = new CallDeadline(5_000);
    try {
      const response = await nodeTransport.send({ method: 'GET', url: `http://127.0.0.1:${(raw.address() as AddressInfo).port}/`, headers: {} }, deadline);
      expect(response.headers.get('X-Multi')).toBe('a, b');
      expect(response.headers.get('missing')).toBeNull();
      expect(await response.text()).toBe('{}');
    } finally {
      deadline.clear();
      raw.closeAllConnections();
      await new Promise((done) => raw.close(done));
    }
  });
});

/**
 * A raw TCP server speaking just enough HTTP/1.1: it answers the first request on each connection with keep-alive,
 * and closes the connection without answering when a second request arrives on it (a server closing an idle socket
 * as the client reuses it).
 */
function startClosingServer(): Promise<{ url: string; connections: () => number; requests: () => number; close(): Promise<void> }> {
  let connections = 0;
  let requests = 0;
  const sockets = new Set<Socket>();
  const tcp: TcpServer = createTcpServer((socket) => {
    connections++;
    sockets.add(socket);
    let served = 0;
    let buffered = '';
    socket.on('data', (chunk) => {
      buffered += chunk.toString('latin1');
      while (buffered.includes('\r\n\r\n')) {
        buffered = buffered.slice(buffered.indexOf('\r\n\r\n') + 4);
        requests++;
        if (served++ === 0) socket.write('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 11\r\nConnection: keep-alive\r\n\r\n{"ok":true}');
        else socket.destroy();
      }
    });
    socket.on('close', () => sockets.delete(socket));
  });
  return new Promise((resolve) => tcp.listen(0, '127.0.0.1', () => resolve({
    url: `http://127.0.0.1:${(tcp.address() as AddressInfo).port}`,
    connections: () => connections,
    requests: () => requests,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((done) => tcp.close(() => done()));
    },
  })));
}

describe('keep-alive sockets the server closes', () => {
  it('a request that meets a reused socket being closed is sent once more on a new connection', async () => {
    const closing = await startClosingServer();
    try {
      const toolsmith = make(closing.url);
      expect(await toolsmith.tools.execute('DEMO_POST_EMPTY', {})).toMatchObject({ successful: true, data: { ok: true } });
      // The next call reuses the idle socket; the server drops it, and the call goes out again on a fresh one.
      expect(await toolsmith.tools.execute('DEMO_POST_EMPTY', {})).toMatchObject({ successful: true, data: { ok: true } });
      expect(closing.requests()).toBe(3);
      expect(closing.connections()).toBe(2);
    } finally {
      await closing.close();
    }
  });

  it('a fresh connection that fails is not sent again', async () => {
    const refusing = createTcpServer((socket) => socket.once('data', () => socket.destroy()));
    await new Promise<void>((done) => refusing.listen(0, '127.0.0.1', done));
    let connections = 0;
    refusing.on('connection', () => { connections++; });
    try {
      const result = await make(`http://127.0.0.1:${(refusing.address() as AddressInfo).port}`).tools.execute('DEMO_POST_EMPTY', {});
      expect(result).toMatchObject({ successful: false });
      expect(result.error).toContain('failed before a response');
      expect(connections).toBe(1);
    } finally {
      await new Promise((done) => refusing.close(done));
    }
  });
});

describe('deadline on the default transport', () => {
  let sink: Server;
  let sinkUrl: string;
  beforeAll(async () => {
    // Accepts the request and never reads its body: a large upload fills the socket and waits for 'drain'.
    sink = createServer(() => undefined);
    await new Promise<void>((done) => sink.listen(0, '127.0.0.1', done));
    sinkUrl = `http://127.0.0.1:${(sink.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    sink.closeAllConnections();
    await new Promise((done) => sink.close(done));
  });

  it('an upload the server never reads is cut off at the deadline', async () => {
    const deadline = new CallDeadline(300);
    try {
      const body = new Blob([new Uint8Array(32 * 1024 * 1024)]);
      await expect(nodeTransport.send({ method: 'POST', url: `${sinkUrl}/upload`, headers: {}, body }, deadline)).rejects.toBeInstanceOf(Error);
      expect(deadline.timedOut).toBe(true);
    } finally {
      deadline.clear();
    }
  });

  it('a deadline already passed or a caller signal already aborted sends nothing', async () => {
    const before = server.requests.length;
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    const deadline = new CallDeadline(5_000, controller.signal);
    try {
      await expect(nodeTransport.send({ method: 'GET', url: `${server.url}/never`, headers: {} }, deadline)).rejects.toThrow('stop');
      expect(deadline.callerAborted).toBe(true);
      expect(server.requests.length).toBe(before);
    } finally {
      deadline.clear();
    }
  });
});
