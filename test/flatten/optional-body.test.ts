/**
 * An optional request body whose schema requires fields (Box group memberships, OAuth2 revoke; 122 corpus
 * operations): built by the real compiler from an OpenAPI spec, then executed through Toolsmith against a
 * recording server on loopback. The flat input keeps those fields required, every provider's lowered schema
 * says so, a call without them gets a validation error naming them and sends nothing, and a full call sends
 * exactly the body the spec asks for.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Toolsmith } from '../../runtime/toolsmith.js';
import type { CompiledTool } from '../../runtime/types.js';
import type { RecordServer } from '../support/record-server.js';
import { compileSpec, type CompiledSpec } from './compile-spec.js';

const spec = {
  openapi: '3.0.2',
  info: { title: 'Groups', version: '1' },
  servers: [{ url: 'https://api.example.test/2.0' }],
  security: [{ ApiKey: [] }],
  components: {
    securitySchemes: { ApiKey: { type: 'apiKey', in: 'header', name: 'X-Api-Key' } },
    schemas: {
      Revoke: {
        type: 'object',
        required: ['client_id', 'token'],
        properties: { client_id: { type: 'string' }, token: { type: 'string' } },
      },
    },
  },
  paths: {
    '/group_memberships': {
      post: {
        operationId: 'post_group_memberships',
        // No `required: true`, as in Box's spec: the body is optional, its fields are not.
        requestBody: {
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['user', 'group'],
                properties: {
                  user: { type: 'object', required: ['id'], properties: { id: { type: 'string' } } },
                  group: { type: 'object', required: ['id'], properties: { id: { type: 'string' } } },
                  role: { type: 'string', enum: ['member', 'admin'] },
                },
              },
            },
          },
        },
        responses: { '201': { description: 'Created', content: { 'application/json': { schema: { type: 'object' } } } } },
      },
    },
    '/oauth2/revoke': {
      post: {
        operationId: 'post_oauth2_revoke',
        requestBody: { content: { 'application/x-www-form-urlencoded': { schema: { $ref: '#/components/schemas/Revoke' } } } },
        responses: { '200': { description: 'Revoked' } },
      },
    },
    '/notes': {
      post: {
        operationId: 'post_notes',
        requestBody: { content: { 'application/json': { schema: { type: 'object', properties: { text: { type: 'string' } } } } } },
        responses: { '204': { description: 'Done' } },
      },
    },
  },
};

const toolkitYaml = `slug: groups
name: Groups
description: Group memberships.
categories: [test]
openapi:
  spec: ./openapi.json
  tools:
    post_group_memberships: { slug: GROUPS_ADD_MEMBER }
    post_oauth2_revoke: { slug: GROUPS_REVOKE_TOKEN }
    post_notes: { slug: GROUPS_ADD_NOTE }
`;

let compiled: CompiledSpec;
let server: RecordServer;
let toolsmith: Toolsmith;

beforeAll(async () => {
  compiled = await compileSpec('groups', spec, toolkitYaml);
  ({ server, toolsmith } = compiled);
}, 120_000);

afterAll(async () => {
  await compiled?.close();
});

const toolOf = (slug: string): CompiledTool => compiled.tool(slug);

describe('an optional body whose schema requires fields', () => {
  it('keeps those fields required in the flat input and in every provider schema', () => {
    const add = toolOf('GROUPS_ADD_MEMBER');
    expect(add.request.body).toMatchObject({ contentType: 'application/json', required: false });
    expect(add.inputParameters['required']).toEqual(['user', 'group']);
    expect(add.inputs.map((input) => [input.name, input.required])).toEqual([['user', true], ['group', true], ['role', false]]);
    expect(toolOf('GROUPS_REVOKE_TOKEN').inputParameters['required']).toEqual(['client_id', 'token']);
    // A body with no required fields stays optional as a whole.
    expect(toolOf('GROUPS_ADD_NOTE').inputParameters['required']).toBeUndefined();
    const schemas = add.providerSchemas ?? {};
    expect(Object.keys(schemas).sort()).toEqual(['anthropic', 'gemini', 'openai']);
    for (const [provider, lowered] of Object.entries(schemas)) {
      const required = lowered.parameters['required'] as string[] | undefined;
      expect(required, provider).toEqual(expect.arrayContaining(['user', 'group']));
      // OpenAI strict requires every property; the optional one is there made nullable, the required ones are not.
      const properties = lowered.parameters['properties'] as Record<string, Record<string, unknown>>;
      expect(JSON.stringify(properties['user']), provider).not.toContain('null');
    }
  });

  it('refuses a body without them, naming each missing field, and sends nothing', async () => {
    const before = server.requests.length;
    const result = await toolsmith.tools.execute('GROUPS_ADD_MEMBER', { userId: 'user-1', arguments: { role: 'admin' } });
    expect(result.successful).toBe(false);
    expect(result.error).toMatch(/^Invalid arguments for GROUPS_ADD_MEMBER: /);
    expect(result.error).toContain('`user`');
    expect(result.error).toContain('`group`');
    const revoke = await toolsmith.tools.execute('GROUPS_REVOKE_TOKEN', { userId: 'user-1', arguments: { client_id: 'c-1' } });
    expect(revoke.successful).toBe(false);
    expect(revoke.error).toContain('`token`');
    expect(server.requests.length).toBe(before);
  });

  it('sends exactly the JSON body the spec asks for', async () => {
    server.enqueue({ status: 201, json: { id: 'm-1' } });
    const before = server.requests.length;
    const result = await toolsmith.tools.execute('GROUPS_ADD_MEMBER', {
      userId: 'user-1', arguments: { user: { id: 'u-9' }, group: { id: 'g-3' }, role: 'member' },
    });
    expect(result).toMatchObject({ successful: true, status: 201, data: { id: 'm-1' } });
    const request = server.requests[before]!;
    expect(request.method).toBe('POST');
    expect(request.path).toBe('/group_memberships');
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers['x-api-key']).toBe('k-1');
    expect(request.text()).toBe('{"user":{"id":"u-9"},"group":{"id":"g-3"},"role":"member"}');
  });

  it('sends exactly the form body the spec asks for', async () => {
    server.enqueue({ status: 200, body: '' });
    const before = server.requests.length;
    const result = await toolsmith.tools.execute('GROUPS_REVOKE_TOKEN', { userId: 'user-1', arguments: { client_id: 'c-1', token: 't/1 2' } });
    expect(result.successful).toBe(true);
    const request = server.requests[before]!;
    expect(request.path).toBe('/oauth2/revoke');
    expect(request.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
    expect(request.text()).toBe('client_id=c-1&token=t%2F1%202');
  });

  it('still sends no body at all when an optional body without required fields is left empty', async () => {
    server.enqueue({ status: 204 });
    const before = server.requests.length;
    const result = await toolsmith.tools.execute('GROUPS_ADD_NOTE', { userId: 'user-1', arguments: {} });
    expect(result.successful).toBe(true);
    const request = server.requests[before]!;
    expect(request.body.length).toBe(0);
    expect(request.headers['content-type']).toBeUndefined();
  });
});
