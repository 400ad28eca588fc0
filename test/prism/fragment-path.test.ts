/**
 * Box's spec tells operations on one path apart with a fragment (`PUT /files/{file_id}#add_shared_link`). A
 * fragment is never sent, so the compiled tool's path drops it, and the query string (Box's required
 * `fields=shared_link`) reaches the server instead of disappearing behind a `#`. Built by the real compiler,
 * executed against a recording server on loopback.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileSpec, type CompiledSpec } from '../flatten/compile-spec.js';

const fileId = { name: 'file_id', in: 'path', required: true, schema: { type: 'string' } };
const spec = {
  openapi: '3.0.2',
  info: { title: 'Files', version: '1' },
  servers: [{ url: 'https://api.example.test/2.0' }],
  security: [{ ApiKey: [] }],
  components: { securitySchemes: { ApiKey: { type: 'apiKey', in: 'header', name: 'X-Api-Key' } } },
  paths: {
    '/files/{file_id}': {
      put: {
        operationId: 'put_files_id',
        parameters: [fileId],
        requestBody: { content: { 'application/json': { schema: { type: 'object', properties: { name: { type: 'string' } } } } } },
        responses: { '200': { description: 'File' } },
      },
    },
    '/files/{file_id}#add_shared_link': {
      put: {
        operationId: 'put_files_id#add_shared_link',
        parameters: [fileId, { name: 'fields', in: 'query', required: true, schema: { type: 'string' } }],
        requestBody: {
          content: {
            'application/json': {
              schema: { type: 'object', properties: { shared_link: { type: 'object', properties: { access: { type: 'string', enum: ['open', 'company'] } } } } },
            },
          },
        },
        responses: { '200': { description: 'File with its shared link' } },
      },
    },
  },
};

const toolkitYaml = `slug: files
name: Files
description: Files and shared links.
categories: [test]
openapi:
  spec: ./openapi.json
  tools:
    put_files_id: { slug: FILES_UPDATE_FILE }
    "put_files_id#add_shared_link": { slug: FILES_ADD_SHARED_LINK }
`;

let compiled: CompiledSpec;
beforeAll(async () => { compiled = await compileSpec('files', spec, toolkitYaml); }, 120_000);
afterAll(async () => { await compiled?.close(); });

describe('an OpenAPI path with a #fragment', () => {
  it('compiles to the path without the fragment, the operations still two tools', () => {
    expect(compiled.tool('FILES_ADD_SHARED_LINK').request).toMatchObject({ method: 'PUT', path: '/files/{file_id}' });
    expect(compiled.tool('FILES_UPDATE_FILE').request).toMatchObject({ method: 'PUT', path: '/files/{file_id}' });
  });

  it('sends the query string after the path, not swallowed by the fragment', async () => {
    const { server, toolsmith } = compiled;
    server.enqueue({ status: 200, json: { id: 'f-1' } });
    const before = server.requests.length;
    const result = await toolsmith.tools.execute('FILES_ADD_SHARED_LINK', {
      userId: 'user-1', arguments: { file_id: 'f-1', fields: 'shared_link', shared_link: { access: 'open' } },
    });
    expect(result).toMatchObject({ successful: true, status: 200 });
    const request = server.requests[before]!;
    expect(request.method).toBe('PUT');
    expect(request.url).toBe('/files/f-1?fields=shared_link');
    expect(request.text()).toBe('{"shared_link":{"access":"open"}}');
  });
});
