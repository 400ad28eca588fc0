/**
 * The default transport (node:http) and the `fetch` option send the same request: for up to 40 tools of every
 * generated toolkit, with arguments generated from their schemas (as the Prism suite does, which checks the
 * fetch path against the real specs), both requests as a recording server on loopback received them are
 * compared — method, path and query, body bytes (multipart boundaries aside), Content-Length and every header but
 * the ones each transport adds of its own (User-Agent, Accept-Encoding, Connection and fetch's browser headers).
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toolkits } from '../../generated/index.js';
import { Toolsmith } from '../../runtime/toolsmith.js';
import { createFileStore } from '../../runtime/store/file-store.js';
import type { CompiledToolkit } from '../../runtime/types.js';
import { generateArguments } from '../prism/argument-generator.js';
import { pickScheme, spread } from '../prism/sampling.js';
import { startRecordServer, type RecordedRequest, type RecordServer } from '../support/record-server.js';

/** Headers a transport adds by itself, not the executor: left out of the comparison. */
const TRANSPORT_HEADERS = new Set(['user-agent', 'accept-encoding', 'connection', 'host', 'accept-language', 'sec-fetch-mode', 'keep-alive']);

let server: RecordServer;
let scratch: string;
let comparedInAll = 0;
beforeAll(async () => {
  server = await startRecordServer();
  scratch = await mkdtemp(join(tmpdir(), 'toolsmith-parity-'));
});
afterAll(async () => {
  console.log(`transport parity: ${comparedInAll} tool calls sent the same request through node:http and through fetch`);
  await server.close();
  await rm(scratch, { recursive: true, force: true });
});

const CONDITIONAL = ['if-match', 'if-none-match', 'if-modified-since', 'if-unmodified-since', 'if-range'];

/** What the executor decided about a request, with each transport's own additions and the multipart boundary left out. */
function essence(request: RecordedRequest, viaFetch: boolean): Record<string, unknown> {
  const type = String(request.headers['content-type'] ?? '');
  const boundary = /boundary=([^;]+)/.exec(type)?.[1];
  const normalize = (text: string): string => (boundary ? text.split(boundary).join('BOUNDARY') : text);
  // fetch's cache rules add these to a conditional request (If-Match…); node:http sends what it is given.
  const fetchCacheHeader = (name: string, value: unknown): boolean => viaFetch && (name === 'cache-control' || name === 'pragma')
    && value === 'no-cache' && CONDITIONAL.some((conditional) => request.headers[conditional] !== undefined);
  const headers = Object.fromEntries(Object.entries(request.headers)
    .filter(([name, value]) => !TRANSPORT_HEADERS.has(name) && !fetchCacheHeader(name, value))
    .map(([name, value]) => [name, normalize(String(value))]));
  return { method: request.method, url: request.url, headers, body: normalize(request.body.toString('latin1')), length: request.body.length };
}

describe('default transport and fetch option send the same requests', () => {
  for (const original of toolkits as readonly CompiledToolkit[]) {
    it(`${original.slug}: same method, URL, headers and body for up to 40 tools`, async () => {
      const toolkit: CompiledToolkit = { ...original, baseUrl: `${server.url}/base` };
      const store = await createFileStore({ dir: join(scratch, original.slug), encryptionKey: randomBytes(32) });
      const viaNode = new Toolsmith({ toolkits: [toolkit], store, retry: { maxRetries: 0 }, fileDir: join(scratch, 'files') });
      const viaFetch = new Toolsmith({ toolkits: [toolkit], store, retry: { maxRetries: 0 }, fileDir: join(scratch, 'files'), fetch: globalThis.fetch });
      const scheme = pickScheme(toolkit);
      if (scheme) {
        const credentials = Object.fromEntries(scheme.fields.map((field) => [field.name, field.name === 'expires_at' ? '2999-01-01T00:00:00Z' : `test-${field.name}`]));
        if (scheme.scheme === 'oauth2') { credentials.access_token = 'test-token'; delete credentials.refresh_token; }
        const connection = Object.fromEntries(toolkit.connection.map((field) => [field.name, field.default ?? 'test']));
        await viaNode.connectedAccounts.create('parity-user', toolkit.slug, { scheme: scheme.scheme, credentials, connection });
      }
      let compared = 0;
      for (const tool of spread(toolkit.tools.filter((candidate) => !candidate.deprecated), 40)) {
        const files = new Set(tool.inputs.filter((input) => input.file).map((input) => input.name));
        const args = generateArguments(tool.inputParameters, { optionalTopLevel: true, fileFields: files });
        const sent: Array<Record<string, unknown> | string> = [];
        for (const client of [viaNode, viaFetch]) {
          const before = server.requests.length;
          const result = await client.tools.execute(tool.slug, { userId: 'parity-user', arguments: args });
          sent.push(server.requests.length > before ? essence(server.requests[before]!, client === viaFetch) : `not sent: ${result.error}`);
        }
        expect(sent[0], tool.slug).toEqual(sent[1]);
        if (typeof sent[0] !== 'string') compared++;
      }
      expect(compared).toBeGreaterThan(0);
      comparedInAll += compared;
      await store.close();
    }, 60_000);
  }
});
