import { beforeAll, describe, expect, it } from 'vitest';
import type { IR } from '../../compiler/ir/types.js';
import { loadDefinitions } from '../../compiler/parse/load-definitions.js';
import { validateToolkits } from '../../compiler/validate/index.js';

const file = 'test/parse/fixtures/defaults/demo/toolkit.yaml';
let toolkit: IR.Toolkit;

beforeAll(async () => {
  const result = await loadDefinitions('test/parse/fixtures/defaults');
  expect(result.diagnostics).toEqual([]);
  expect(validateToolkits(result.toolkits)).toEqual([]);
  expect(result.toolkits).toHaveLength(1);
  toolkit = result.toolkits[0] as IR.Toolkit;
});

const tool = (slug: string): IR.Tool => toolkit.tools.find((item) => item.slug === slug) as IR.Tool;
const scheme = (kind: IR.AuthSchemeKind): IR.AuthScheme => toolkit.auth.find((item) => item.kind === kind) as IR.AuthScheme;
const fieldNames = (kind: IR.AuthSchemeKind): string[] => scheme(kind).fields.map((field) => field.name);
const injects = (kind: IR.AuthSchemeKind): string[] => scheme(kind).inject.map((rule) => `${rule.in} ${rule.name}: ${rule.value}`);

describe('toolkit defaults', () => {
  it('fills toolkit fields and origins', () => {
    expect(toolkit.categories).toEqual([]);
    expect(toolkit.headers).toEqual({});
    expect(toolkit.sharedSchemas).toEqual({});
    expect(toolkit.sourceFiles).toEqual([file]);
    expect(toolkit.origin).toEqual({ file, pointer: '' });
    expect(toolkit.inputCollisions).toBeUndefined();
    expect(toolkit.connection.map((field) => [field.name, field.required, field.origin.pointer])).toEqual([
      ['region', true, '/connection/0'],
      ['tier', false, '/connection/1'],
    ]);
  });

  it('defaults a toolkit without auth to the none scheme', async () => {
    const { toolkits } = await loadDefinitions('test/fixtures/diagnostics/TS0019');
    expect(toolkits[0]?.auth.map((item) => [item.kind, item.fields.length, item.inject.length])).toEqual([['none', 0, 0]]);
  });
});

describe('auth scheme defaults', () => {
  it('oauth2: token fields plus the written ones, Bearer access token, scope list accepted', () => {
    expect(fieldNames('oauth2')).toEqual(['access_token', 'refresh_token', 'expires_at', 'scope', 'instance_url']);
    expect(injects('oauth2')).toEqual(['header Authorization: Bearer {{credentials.access_token}}']);
    const oauth2 = scheme('oauth2') as IR.OAuth2Scheme;
    expect(oauth2).toMatchObject({
      grant: 'authorization_code',
      pkce: false,
      scopeSeparator: ' ',
      scopes: { read: '', write: '' },
      defaultScopes: [],
      authorizationParams: {},
      tokenAuthMethod: 'client_secret_post',
    });
    expect(oauth2.fields.find((field) => field.name === 'access_token')).toMatchObject({ secret: true, required: true });
    expect(oauth2.fields.find((field) => field.name === 'refresh_token')).toMatchObject({ secret: true, required: false });
    expect(oauth2.fields.find((field) => field.name === 'instance_url')).toMatchObject({ secret: false, required: true });
  });

  it('bearer, basic, api_key, none and custom', () => {
    expect(fieldNames('bearer')).toEqual(['token']);
    expect(injects('bearer')).toEqual(['header Authorization: Bearer {{credentials.token}}']);
    expect(fieldNames('basic')).toEqual(['username', 'password']);
    expect(scheme('basic').fields.map((field) => field.secret)).toEqual([false, true]);
    expect(injects('basic')).toEqual(["header Authorization: Basic {{base64 credentials.username ':' credentials.password}}"]);
    // Written fields replace the default; the default header uses the first field.
    expect(fieldNames('api_key')).toEqual(['key']);
    expect(injects('api_key')).toEqual(['header X-API-Key: {{credentials.key}}']);
    expect(fieldNames('none')).toEqual([]);
    expect(injects('none')).toEqual([]);
    expect(fieldNames('custom')).toEqual(['token']);
    expect(injects('custom')).toEqual(['query token: {{credentials.token}}']);
    expect(scheme('custom').inject[0]?.origin).toEqual({ file, pointer: '/auth/5/inject/0' });
  });
});

describe('tool defaults', () => {
  it('importance 50, name from the slug, hints from the method, JSON response of any shape', () => {
    const list = tool('DEMO_LIST_ITEMS');
    expect(list).toMatchObject({
      name: 'List items',
      importance: 50,
      scopes: [],
      tags: [],
      deprecated: false,
      method: 'GET',
      headers: {},
      hints: { readOnly: true, idempotent: true, destructive: false, openWorld: true },
      response: { kind: 'json', schema: {} },
    });
    expect(list.body).toBeUndefined();
    expect(tool('DEMO_DELETE_ITEM')).toMatchObject({
      name: 'Remove item',
      importance: 10,
      hints: { readOnly: false, idempotent: true, destructive: false, openWorld: true },
      response: { kind: 'file', contentType: 'application/pdf' },
    });
    expect(tool('DEMO_PUT_ITEM')).toMatchObject({
      hints: { readOnly: false, idempotent: true, destructive: false },
      headers: { Prefer: 'return=minimal' },
      response: { kind: 'text', contentType: 'text/csv' },
    });
  });

  it('parameter style and explode per OpenAPI; path parameters required; schema defaults to string', () => {
    expect(tool('DEMO_LIST_ITEMS').parameters.map((p) => [p.name, p.in, p.required, p.style, p.explode, p.schema])).toEqual([
      ['id', 'path', true, 'simple', false, { type: 'string' }],
      ['page', 'query', false, 'form', true, { type: 'integer' }],
      ['X-Trace', 'header', false, 'simple', false, { type: 'string' }],
      ['session', 'cookie', false, 'form', true, { type: 'string' }],
      ['ids', 'query', false, 'pipeDelimited', false, { type: 'string' }],
    ]);
    expect(tool('DEMO_LIST_ITEMS').parameters[1]?.origin).toEqual({ file, pointer: '/tools/0/parameters/1' });
  });

  it('body defaults and encoding', () => {
    expect(tool('DEMO_PUT_ITEM').body).toEqual({
      contentType: 'application/x-www-form-urlencoded',
      required: true,
      schema: { type: 'object', properties: { a: { type: 'string' } } },
      encoding: { a: { style: 'form', explode: true } },
      origin: { file, pointer: '/tools/2/body' },
    });
  });
});

describe('trigger defaults', () => {
  it('fills signature defaults per algorithm, challenge field, config and poll settings', () => {
    const [slackish, standard, poll] = toolkit.triggers;
    expect(slackish).toMatchObject({
      name: 'Slackish',
      description: '',
      scopes: [],
      config: { type: 'object', properties: {} },
      payload: {},
      webhook: {
        match: [],
        challenge: { type: 'url_verification', field: 'challenge' },
        signature: {
          algorithm: 'slack-v0',
          header: 'X-Slack-Signature',
          encoding: 'hex',
          prefix: 'v0=',
          timestampHeader: 'X-Slack-Request-Timestamp',
          signedPayload: 'v0:{timestamp}:{body}',
          toleranceSeconds: 300,
        },
      },
    });
    expect(standard?.webhook).toMatchObject({
      eventId: 'header:webhook-id',
      signature: { header: 'webhook-signature', encoding: 'base64', prefix: 'v1,', timestampHeader: 'webhook-timestamp' },
    });
    expect(poll?.poll).toEqual({ tool: 'DEMO_DELETE_ITEM', arguments: {}, intervalSeconds: 300, itemsPath: '', dedupeKey: '/id' });
    expect(poll?.webhook).toBeUndefined();
  });
});

describe('YAML conveniences', () => {
  it('resolves anchors, aliases and merge keys', async () => {
    const { mkdirSync, mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const dir = mkdtempSync(path.join(tmpdir(), 'toolsmith-anchors-'));
    mkdirSync(path.join(dir, 'demo'));
    writeFileSync(
      path.join(dir, 'demo', 'toolkit.yaml'),
      [
        '# yaml-language-server: $schema=../../toolsmith.schema.json',
        'slug: demo',
        'name: Demo',
        'description: Anchors.',
        'baseUrl: https://x.example',
        'tools:',
        '  - slug: DEMO_GET',
        '    description: Gets.',
        '    request: { method: GET, path: "/repos/{owner}" }',
        '    parameters: [&owner { name: owner, in: path, description: The owner. }]',
        '  - slug: DEMO_DELETE',
        '    description: Deletes.',
        '    request: { method: DELETE, path: "/repos/{owner}" }',
        '    parameters: [{ <<: *owner, description: Whose repository. }]',
        '',
      ].join('\n'),
    );
    const { toolkits, diagnostics } = await loadDefinitions(dir);
    expect(diagnostics).toEqual([]);
    expect(toolkits[0]?.tools.map((tool) => tool.parameters.map((p) => `${p.name}:${p.in}:${p.description}`))).toEqual([
      ['owner:path:The owner.'],
      ['owner:path:Whose repository.'],
    ]);
  });
});
