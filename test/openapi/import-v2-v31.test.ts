import { describe, expect, it } from 'vitest';
import { flattenTool } from '../../compiler/flatten/flatten-tool.js';
import { importFixture, toolByOperation } from './helpers.js';

describe('Swagger 2.0 import', () => {
  it('converts body, formData, collectionFormat, produces and securityDefinitions to the same IR', async () => {
    const { toolkit, diagnostics } = await importFixture('petstore-v2.yaml', {}, {}, 'petstore');
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(toolkit.baseUrl).toBe('https://petstore.example.com/v2');
    expect(toolkit.description).toBe('A pet store.');
    expect(toolkit.auth.map((a) => a.kind)).toEqual(['oauth2', 'api_key']);
    expect(toolkit.auth[1]!.inject).toMatchObject([{ in: 'header', name: 'api_key' }]);

    const add = toolByOperation(toolkit, 'addPet');
    expect(add.slug).toBe('PETSTORE_ADD_PET');
    expect(add.scopes).toEqual(['write:pets']);
    expect(add.body).toMatchObject({ contentType: 'application/json', required: true, schema: { $ref: '#/$defs/PetInput' } });
    expect(add.response).toMatchObject({ kind: 'json', schema: { $ref: '#/$defs/Pet' } });
    expect(toolkit.sharedSchemas['Pet']!['properties']).toMatchObject({ tag: { type: ['string', 'null'] }, id: { readOnly: true } });
    expect(Object.keys(toolkit.sharedSchemas['PetInput']!['properties'] as object)).toEqual(['category', 'name', 'tag', 'status']);

    const find = toolByOperation(toolkit, 'findPetsByStatus');
    expect(find.parameters[0]).toMatchObject({ name: 'status', in: 'query', style: 'form', explode: true, required: true,
      schema: { type: 'array', items: { type: 'string', enum: ['available', 'pending', 'sold'], default: 'available' } } });

    const upload = toolByOperation(toolkit, 'uploadFile');
    expect(upload.body?.contentType).toBe('multipart/form-data');
    expect(upload.body?.schema).toEqual({
      type: 'object', required: ['file'],
      properties: { additionalMetadata: { type: 'string' }, file: { type: 'string', format: 'binary' } },
    });
    const flat = flattenTool(upload, { onCollision: 'rename', sharedSchemas: toolkit.sharedSchemas });
    expect(flat.inputs.find((input) => input.name === 'file')).toMatchObject({ in: 'body', file: true, required: true });

    const form = toolByOperation(toolkit, 'updatePetWithForm');
    expect(form.body?.contentType).toBe('application/x-www-form-urlencoded');
    expect(form.response.kind).toBe('empty');
    expect(form.parameters.map((p) => p.name)).toEqual(['petId']);
  });
});

describe('OpenAPI 3.1 import', () => {
  it('keeps type arrays, const, prefixItems and siblings of $ref; a relative server becomes a connection field', async () => {
    const { toolkit, diagnostics } = await importFixture('vercel-v31.yaml', {}, {}, 'deploys');
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(toolkit.baseUrl).toBe('{{connection.base_url}}/api');
    expect(toolkit.connection.map((c) => c.name)).toEqual(['base_url']);
    expect(toolkit.auth.map((a) => a.kind)).toEqual(['bearer']);
    const create = toolByOperation(toolkit, 'createDeployment');
    expect(create.body?.schema['properties']).toEqual({
      name: { type: ['string', 'null'], description: 'Deployment name' },
      target: { type: 'string', const: 'production' },
      meta: { type: 'object', additionalProperties: { type: 'string' } },
      tags: { type: 'array', prefixItems: [{ type: 'string' }, { type: 'integer' }] },
      parent: { $ref: '#/$defs/Deployment', description: 'The parent deployment' },
    });
    expect(toolkit.sharedSchemas['Deployment']).toEqual({
      type: 'object',
      properties: {
        id: { type: 'string' },
        state: { type: ['string', 'null'], enum: ['READY', 'ERROR', null] },
        children: { type: 'array', items: { $ref: '#/$defs/Deployment' } },
      },
    });
  });

  it('keeps multipart encoding and marks the binary part as a file upload', async () => {
    const { toolkit } = await importFixture('vercel-v31.yaml', {}, {}, 'deploys');
    const upload = toolByOperation(toolkit, 'uploadFiles');
    expect(upload.body).toMatchObject({ contentType: 'multipart/form-data', encoding: { file: { contentType: 'image/png' } } });
    const flat = flattenTool(upload, { onCollision: 'rename', sharedSchemas: toolkit.sharedSchemas });
    expect(flat.inputs.find((input) => input.name === 'file')).toMatchObject({ file: true, contentType: 'image/png' });
  });

  it('bundles external $refs from local files and lists them as source files', async () => {
    const { toolkit, diagnostics } = await importFixture('external/api.yaml', {}, {}, 'split');
    expect(diagnostics).toEqual([]);
    const list = toolByOperation(toolkit, 'listThings');
    // swagger-parser's bundle inlines the first use and points later ones at it; that target is shared once.
    expect(list.response.schema).toMatchObject({ type: 'array', items: { type: 'object' } });
    expect(Object.keys(toolkit.sharedSchemas)).toHaveLength(1);
    const [name] = Object.keys(toolkit.sharedSchemas);
    const thing = toolkit.sharedSchemas[name!]!;
    expect((thing['properties'] as Record<string, unknown>)['parts']).toEqual({ type: 'array', items: { $ref: `#/$defs/${name}` } });
    expect(toolkit.sourceFiles.some((file) => file.endsWith('external/schemas.yaml'))).toBe(true);
  });
});

describe('auth fallbacks', () => {
  it('imports an OAuth2 scheme with no runnable flow as a bearer token and drops the scopes nothing declares', async () => {
    const { toolkit, diagnostics } = await importFixture('implicit-only.yaml', {}, {}, 'azure');
    expect(toolkit.auth.map((a) => a.kind)).toEqual(['bearer']);
    expect(diagnostics.find((d) => d.code === 'TS0206')?.message).toContain('imported as a bearer token');
    expect(toolByOperation(toolkit, 'Operations_List')).toMatchObject({ slug: 'AZURE_OPERATIONS_LIST', scopes: [] });
  });
});
