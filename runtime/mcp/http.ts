/**
 * MCP over Streamable HTTP on a node:http server: one MCP session per client (each with its own server
 * from `createServer`), a bearer token required on every request (compared in constant time), loopback
 * bind by default, and DNS-rebinding protection (Host must be the bound address) when bound to loopback.
 */
import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';

export interface McpHttpOptions {
  /** Port to listen on; 0 picks a free one. */
  readonly port: number;
  /** Default 127.0.0.1. Binding elsewhere exposes the user's accounts to the network: use a strong token. */
  readonly host?: string;
  /** Bearer token; default `TOOLSMITH_MCP_TOKEN`, else a random one (read it from the result). */
  readonly token?: string;
  /** Path of the MCP endpoint; default `/mcp`. */
  readonly path?: string;
}

export interface McpHttpHandle {
  /** `http://host:port/mcp` */
  readonly url: string;
  readonly port: number;
  readonly token: string;
  /** True when the token was generated here (the caller should show it once). */
  readonly generatedToken: boolean;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 4 * 1024 * 1024;

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function reply(response: ServerResponse, status: number, message: string, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32000, message }, id: null }));
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error('request body too large');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  return text === '' ? undefined : JSON.parse(text);
}

export async function serveMcpHttp(createServerForSession: () => Server, options: McpHttpOptions): Promise<McpHttpHandle> {
  const host = options.host ?? '127.0.0.1';
  const endpoint = options.path ?? '/mcp';
  const envToken = process.env['TOOLSMITH_MCP_TOKEN'];
  const token = options.token ?? (envToken && envToken !== '' ? envToken : randomBytes(24).toString('base64url'));
  const generatedToken = options.token === undefined && !(envToken && envToken !== '');
  const sessions = new Map<string, StreamableHTTPServerTransport>();
  const loopback = host === '127.0.0.1' || host === 'localhost' || host === '::1';
  const allowedHosts: string[] = [];

  const http: HttpServer = createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://placeholder');
      if (url.pathname !== endpoint) return reply(response, 404, `Not found: the MCP endpoint is ${endpoint}.`);
      const auth = request.headers.authorization ?? '';
      const given = auth.startsWith('Bearer ') ? auth.slice(7) : '';
      if (!sameToken(given, token)) return reply(response, 401, 'Missing or wrong bearer token.', { 'www-authenticate': 'Bearer' });
      const sessionId = request.headers['mcp-session-id'];
      let body: unknown;
      if (request.method === 'POST') {
        try {
          body = await readJson(request);
        } catch {
          return reply(response, 400, 'Request body is not JSON (or is larger than 4 MiB).');
        }
      }
      let transport = typeof sessionId === 'string' ? sessions.get(sessionId) : undefined;
      if (!transport) {
        if (typeof sessionId === 'string') return reply(response, 404, 'Unknown MCP session; initialize a new one.');
        if (request.method !== 'POST' || !isInitializeRequest(body)) return reply(response, 400, 'No MCP session: send an initialize request first.');
        const created = new StreamableHTTPServerTransport({
          sessionIdGenerator: () => randomUUID(),
          onsessioninitialized: (id) => { sessions.set(id, created); },
          ...(loopback ? { enableDnsRebindingProtection: true, allowedHosts } : {}),
        });
        created.onclose = () => { if (created.sessionId) sessions.delete(created.sessionId); };
        await createServerForSession().connect(created);
        transport = created;
      }
      await transport.handleRequest(request, response, body);
    })().catch(() => {
      if (!response.headersSent) reply(response, 500, 'Internal error while handling the MCP request.');
      else response.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port, host, () => resolve());
  });
  const port = (http.address() as AddressInfo).port;
  allowedHosts.push(`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`);
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${port}${endpoint}`,
    port,
    token,
    generatedToken,
    close: async () => {
      await Promise.all([...sessions.values()].map((transport) => transport.close().catch(() => undefined)));
      sessions.clear();
      const closed = new Promise<void>((resolve) => http.close(() => resolve()));
      http.closeAllConnections();
      await closed;
    },
  };
}
