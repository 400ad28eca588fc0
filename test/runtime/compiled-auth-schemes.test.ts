/**
 * A toolkit written as YAML, compiled by build() and executed through the real Toolsmith against a recording
 * server on loopback, once per auth scheme: the exact credentials each scheme sends (and no other scheme's),
 * the base URL, toolkit headers and tool headers templated from the account's connection fields.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../compiler/build/build.js';
import { Toolsmith } from '../../runtime/toolsmith.js';
import { createFileStore } from '../../runtime/store/file-store.js';
import type { AuthScheme, CompiledToolkit } from '../../runtime/types.js';
import { startRecordServer, type RecordServer } from '../support/record-server.js';

const DEFINITION = `
slug: allauth
name: All auth
description: One tool, every auth scheme.
baseUrl: "{{connection.base}}/api/{{connection.tenant}}"
headers: { Accept: application/json, X-Tenant: "{{connection.tenant}}" }
connection:
  - { name: base }
  - { name: tenant, default: acme }
  - { name: agent, default: nobody }
auth:
  - scheme: oauth2
    authorizationUrl: https://auth.example/authorize
    tokenUrl: https://auth.example/token
    scopes: [read]
  - scheme: bearer
  - scheme: basic
  - scheme: api_key
  - scheme: custom
    fields: [{ name: key }, { name: session }, { name: region, secret: false }]
    inject:
      - { in: query, name: api_key, value: "{{credentials.key}}" }
      - { in: cookie, name: sid, value: "{{credentials.session}}" }
      - { in: header, name: X-Region, value: "{{credentials.region}}-{{connection.tenant}}" }
  - scheme: none
tools:
  - slug: ALLAUTH_GET_ITEM
    description: Reads one item.
    request: { method: GET, path: "/items/{id}", headers: { X-On-Behalf-Of: "{{connection.agent}}" } }
    parameters:
      - { name: id, in: path, schema: { type: integer } }
      - { name: page, in: query, schema: { type: integer } }
`;

const outDir = join('test', 'fixtures', 'compiled-auth', `out-${process.pid}`);
let toolkit: CompiledToolkit;
let server: RecordServer;
let scratch: string;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'toolsmith-allauth-'));
  await mkdir(join(scratch, 'definitions', 'allauth'), { recursive: true });
  await writeFile(join(scratch, 'definitions', 'allauth', 'toolkit.yaml'), DEFINITION);
  const result = await build({ definitionsDir: join(scratch, 'definitions'), outDir, toolkit: 'allauth', noCache: true });
  expect(result.ok, JSON.stringify(result.diagnostics.filter((d) => d.severity === 'error').slice(0, 3))).toBe(true);
  toolkit = (await import(pathToFileURL(join(process.cwd(), outDir, 'allauth', 'index.ts')).href) as Record<string, CompiledToolkit>).allauth!;
  server = await startRecordServer();
}, 120_000);
afterAll(async () => {
  await server?.close();
  await rm(join('test', 'fixtures', 'compiled-auth'), { recursive: true, force: true });
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

const SECRETS = {
  oauth2: { access_token: 'oa-ACCESS-1', expires_at: '2999-01-01T00:00:00Z' },
  bearer: { token: 'be-TOKEN-2' },
  basic: { username: 'ann', password: 'pw-SECRET-3' },
  api_key: { api_key: 'ak-KEY-4' },
  custom: { key: 'cu-KEY-5', session: 'cu-SESSION-6', region: 'eu' },
} as const;
const ALL_SECRET_VALUES = Object.values(SECRETS).flatMap((fields) => Object.values(fields)).filter((value) => !/^(2999|ann|eu)/.test(value));

describe('a YAML toolkit compiled and executed with every auth scheme', () => {
  it('sends exactly each scheme\'s credentials, with base URL, toolkit and tool headers templated per account', async () => {
    const store = await createFileStore({ dir: join(scratch, 'store'), encryptionKey: Buffer.alloc(32, 7) });
    const toolsmith = new Toolsmith({ toolkits: [toolkit], store });
    const expected: Record<string, { auth?: string; query?: string; cookie?: string; region?: string }> = {
      oauth2: { auth: 'Bearer oa-ACCESS-1' },
      bearer: { auth: 'Bearer be-TOKEN-2' },
      basic: { auth: `Basic ${Buffer.from('ann:pw-SECRET-3').toString('base64')}` },
      api_key: {},
      custom: { query: 'api_key=cu-KEY-5', cookie: 'sid=cu-SESSION-6', region: 'eu-globex' },
      none: {},
    };
    for (const scheme of Object.keys(expected) as Array<AuthScheme['scheme']>) {
      const credentials = (SECRETS as Record<string, Record<string, string>>)[scheme] ?? {};
      const connection = { base: server.url, agent: `agent-${scheme}`, ...(scheme === 'custom' ? { tenant: 'globex' } : {}) };
      await toolsmith.connectedAccounts.create(`user-${scheme}`, 'allauth', { scheme, credentials, connection });
      const before = server.requests.length;
      const result = await toolsmith.tools.execute('ALLAUTH_GET_ITEM', { userId: `user-${scheme}`, arguments: { id: 7, page: 2 } });
      expect(result, scheme).toMatchObject({ successful: true, data: { ok: true } });
      expect(server.requests.length - before, scheme).toBe(1);
      const request = server.requests[before]!;
      const tenant = scheme === 'custom' ? 'globex' : 'acme';
      expect(request.path, scheme).toBe(`/api/${tenant}/items/7`);
      expect(request.rawQuery, scheme).toBe(['page=2', expected[scheme]!.query].filter(Boolean).join('&'));
      expect(request.headers['x-tenant'], scheme).toBe(tenant);
      expect(request.headers['x-on-behalf-of'], scheme).toBe(`agent-${scheme}`);
      expect(request.headers.authorization, scheme).toBe(expected[scheme]!.auth);
      expect(request.headers['x-api-key'], scheme).toBe(scheme === 'api_key' ? 'ak-KEY-4' : undefined);
      expect(request.headers.cookie, scheme).toBe(expected[scheme]!.cookie);
      expect(request.headers['x-region'], scheme).toBe(expected[scheme]!.region);
      // Nothing of another scheme's credentials anywhere in the request.
      const sent = `${request.url}\n${JSON.stringify(request.headers)}\n${request.text()}`;
      const own = Object.values(credentials);
      for (const secret of ALL_SECRET_VALUES.filter((value) => !own.includes(value))) expect(sent, `${scheme} leaks ${secret}`).not.toContain(secret);
    }
    await store.close();
  });
});
