import { describe, expect, it } from 'vitest';
import { fileInputNote, flattenTool } from '../../compiler/flatten/flatten-tool.js';
import type { IR } from '../../compiler/ir/types.js';

const origin = (pointer: string): IR.Origin => ({ file: 'demo/toolkit.yaml', pointer });

function parameter(name: string, location: IR.ParameterLocation, extra: Partial<IR.Parameter> = {}): IR.Parameter {
  const style = location === 'path' || location === 'header' ? 'simple' : 'form';
  return {
    name,
    in: location,
    required: location === 'path',
    schema: { type: 'string' },
    style,
    explode: style === 'form',
    allowReserved: false,
    deprecated: false,
    origin: origin(`/tools/0/parameters/${name}`),
    ...extra,
  };
}

function tool(parameters: IR.Parameter[], body?: Partial<IR.Body> & { schema: IR.JsonSchema }): IR.Tool {
  return {
    slug: 'DEMO_TOOL',
    name: 'Tool',
    description: 'A tool.',
    importance: 50,
    scopes: [],
    tags: [],
    hints: { readOnly: false, idempotent: false, destructive: false, openWorld: true },
    deprecated: false,
    method: 'POST',
    path: '/items/{id}',
    headers: {},
    parameters,
    ...(body && {
      body: { contentType: 'application/json', required: true, encoding: {}, origin: origin('/tools/0/body'), ...body },
    }),
    response: { kind: 'json', schema: {}, origin: origin('/tools/0') },
    origin: origin('/tools/0'),
  };
}

const objectBody = {
  schema: {
    type: 'object',
    required: ['id', 'title'],
    properties: {
      id: { type: 'string', description: 'Body id.' },
      title: { type: 'string', 'x-internal': true },
      created: { type: 'string', readOnly: true },
    },
  },
};

describe('flattenTool', () => {
  it('merges parameters and object body fields into one flat object, required carried over', () => {
    const result = flattenTool(
      tool([parameter('id', 'path', { description: 'Item id.' }), parameter('page', 'query', { schema: { type: 'integer', 'x-go-name': 'Page' } })], {
        schema: { type: 'object', required: ['title'], properties: { title: { type: 'string' }, tags: { type: 'array', items: { type: 'string' } } } },
      }),
      { onCollision: 'report' },
    );
    expect(result.schema).toEqual({
      type: 'object',
      properties: {
        id: { type: 'string', description: 'Item id.' },
        page: { type: 'integer' },
        title: { type: 'string' },
        tags: { type: 'array', items: { type: 'string' } },
      },
      required: ['id', 'title'],
      additionalProperties: false,
    });
    expect(result.inputs).toEqual([
      { name: 'id', in: 'path', target: 'id', required: true, style: 'simple', explode: false },
      { name: 'page', in: 'query', target: 'page', required: false, style: 'form', explode: true },
      { name: 'title', in: 'body', target: 'title', required: true },
      { name: 'tags', in: 'body', target: 'tags', required: false },
    ]);
    expect(result.collisions).toEqual([]);
  });

  it('reports a parameter and a body field with the same name, keeping the first', () => {
    const result = flattenTool(tool([parameter('id', 'path')], objectBody), { onCollision: 'report' });
    expect(result.collisions).toEqual([{ name: 'id', origins: [origin('/tools/0/parameters/id'), origin('/tools/0/body/schema/properties/id')] }]);
    expect(result.inputs.map((input) => `${input.name}:${input.in}`)).toEqual(['id:path', 'title:body']);
    expect(result.renamed).toEqual([]);
  });

  it('renames collisions stably: the path parameter keeps its name, the body field becomes body_<name>', () => {
    const result = flattenTool(tool([parameter('id', 'path')], objectBody), { onCollision: 'rename' });
    expect(result.inputs.map((input) => [input.name, input.in, input.target])).toEqual([
      ['id', 'path', 'id'],
      ['body_id', 'body', 'id'],
      ['title', 'body', 'title'],
    ]);
    expect(Object.keys(result.schema['properties'] as object)).toEqual(['id', 'body_id', 'title']);
    expect(result.schema['required']).toEqual(['id', 'body_id', 'title']);
    expect(result.collisions).toEqual([]);
    expect(result.renamed).toEqual([{ from: 'id', to: 'body_id', in: 'body', origin: origin('/tools/0/body/schema/properties/id') }]);
  });

  it('renames other clashes to <in>_<name> and never reuses a taken name', () => {
    const result = flattenTool(
      tool([parameter('id', 'query'), parameter('id', 'header'), parameter('header_id', 'query')], objectBody),
      { onCollision: 'rename' },
    );
    expect(result.inputs.map((input) => `${input.name}<-${input.in}:${input.target}`)).toEqual([
      'id<-query:id',
      'header_id_2<-header:id',
      'header_id<-query:header_id',
      'body_id<-body:id',
      'title<-body:title',
    ]);
    expect(new Set(result.inputs.map((input) => input.name)).size).toBe(result.inputs.length);
  });

  it('leaves readOnly body properties out and strips x- keys, but keeps properties named x-…', () => {
    const result = flattenTool(
      tool([parameter('x-request-id', 'header')], objectBody),
      { onCollision: 'report' },
    );
    const properties = result.schema['properties'] as Record<string, IR.JsonSchema>;
    expect(Object.keys(properties)).toEqual(['x-request-id', 'id', 'title']);
    expect(properties['title']).toEqual({ type: 'string' });
    expect(JSON.stringify(result.schema)).not.toContain('x-internal');
  });

  it('turns multipart binary fields (and lists of them) into file inputs shown as strings', () => {
    const result = flattenTool(
      tool([], {
        contentType: 'multipart/form-data',
        encoding: { file: { contentType: 'image/png' } },
        schema: {
          type: 'object',
          required: ['file'],
          properties: {
            file: { type: 'string', format: 'binary', description: 'The image.' },
            attachments: { type: 'array', items: { type: 'string', format: 'binary' } },
            comment: { type: 'string' },
          },
        },
      }),
      { onCollision: 'report' },
    );
    expect(result.inputs).toEqual([
      { name: 'file', in: 'body', target: 'file', required: true, file: true, contentType: 'image/png' },
      { name: 'attachments', in: 'body', target: 'attachments', required: false, file: true },
      { name: 'comment', in: 'body', target: 'comment', required: false },
    ]);
    const properties = result.schema['properties'] as Record<string, IR.JsonSchema>;
    expect(properties['file']).toEqual({ type: 'string', description: `The image. ${fileInputNote}` });
    expect(properties['attachments']).toEqual({
      type: 'array',
      items: { type: 'string' },
      description: 'Files to upload: local file paths or http(s) URLs.',
    });
  });

  it('gives a non-object body one input "body" (body-root), and a binary body a file input', () => {
    const list = flattenTool(tool([], { schema: { type: 'array', items: { type: 'integer' } }, description: 'Ids.' }), { onCollision: 'report' });
    expect(list.inputs).toEqual([{ name: 'body', in: 'body-root', target: 'body', required: true }]);
    expect(list.schema['properties']).toEqual({ body: { type: 'array', items: { type: 'integer' }, description: 'Ids.' } });

    const binary = flattenTool(
      tool([], { contentType: 'application/octet-stream', required: false, schema: { type: 'string', format: 'binary' } }),
      { onCollision: 'report' },
    );
    expect(binary.inputs).toEqual([
      { name: 'body', in: 'body-root', target: 'body', required: false, file: true, contentType: 'application/octet-stream' },
    ]);
    expect(binary.schema).toEqual({
      type: 'object',
      properties: { body: { type: 'string', description: fileInputNote } },
      additionalProperties: false,
    });
  });

  it('keeps a free-form object body (no declared properties) as one input', () => {
    const result = flattenTool(tool([], { schema: { type: 'object', additionalProperties: { type: 'string' } } }), { onCollision: 'report' });
    expect(result.inputs).toEqual([{ name: 'body', in: 'body-root', target: 'body', required: true }]);
    expect(result.schema['properties']).toEqual({ body: { type: 'object', additionalProperties: { type: 'string' } } });
  });

  it('sees through a body that is a $ref to a shared object schema, keeping nested $refs as they are', () => {
    const sharedSchemas = {
      NewItem: { type: 'object', required: ['owner'], properties: { owner: { $ref: '#/$defs/User' }, note: { type: 'string' } } },
      User: { type: 'object', properties: { login: { type: 'string' } } },
    };
    const result = flattenTool(tool([], { schema: { $ref: '#/$defs/NewItem' } }), { onCollision: 'report', sharedSchemas });
    expect(result.inputs.map((input) => `${input.name}:${input.in}`)).toEqual(['owner:body', 'note:body']);
    expect(result.schema['properties']).toEqual({ owner: { $ref: '#/$defs/User' }, note: { type: 'string' } });
    // Without the shared schemas the body stays one opaque input.
    const opaque = flattenTool(tool([], { schema: { $ref: '#/$defs/NewItem' } }), { onCollision: 'report' });
    expect(opaque.inputs.map((input) => `${input.name}:${input.in}`)).toEqual(['body:body-root']);
  });

  it('merges an allOf of objects into fields; an optional body keeps the fields its schema requires required', () => {
    const result = flattenTool(
      tool([], {
        required: false,
        schema: { allOf: [{ type: 'object', required: ['a'], properties: { a: { type: 'string' } } }, { properties: { b: { type: 'number' } } }] },
      }),
      { onCollision: 'report' },
    );
    expect(result.inputs).toEqual([
      { name: 'a', in: 'body', target: 'a', required: true },
      { name: 'b', in: 'body', target: 'b', required: false },
    ]);
    expect(result.schema['required']).toEqual(['a']);
  });

  it('merges an allOf with the properties and required list written beside it', () => {
    const sharedSchemas = { Update: { type: 'object', properties: { title: { type: 'string' } } } };
    const result = flattenTool(
      tool([], {
        required: false,
        schema: {
          type: 'object',
          required: ['folder'],
          allOf: [{ $ref: '#/$defs/Update' }, { properties: { folder: { type: 'object', properties: { id: { type: 'string' } } } } }],
          properties: { note: { type: 'string' } },
        },
      }),
      { onCollision: 'report', sharedSchemas },
    );
    expect(result.inputs.map((input) => [input.name, input.required])).toEqual([['title', false], ['folder', true], ['note', false]]);
    expect(result.schema['required']).toEqual(['folder']);
  });

  it('an optional body without required properties leaves every field optional; a non-object optional body stays optional', () => {
    const loose = flattenTool(
      tool([parameter('id', 'path')], { required: false, schema: { type: 'object', properties: { note: { type: 'string' } } } }),
      { onCollision: 'report' },
    );
    expect(loose.schema['required']).toEqual(['id']);
    expect(loose.inputs[1]).toEqual({ name: 'note', in: 'body', target: 'note', required: false });
    const text = flattenTool(tool([], { contentType: 'text/plain', required: false, schema: { type: 'string' } }), { onCollision: 'report' });
    expect(text.inputs).toEqual([{ name: 'body', in: 'body-root', target: 'body', required: false }]);
  });

  it("prefers a parameter's description to its schema's, and keeps the schema's when the parameter has none", () => {
    const result = flattenTool(
      tool([
        parameter('a', 'query', { description: 'From the parameter.', schema: { type: 'string', description: 'From the schema.' } }),
        parameter('b', 'query', { schema: { type: 'string', description: 'From the schema.' } }),
      ]),
      { onCollision: 'report' },
    );
    expect(result.schema['properties']).toEqual({
      a: { type: 'string', description: 'From the parameter.' },
      b: { type: 'string', description: 'From the schema.' },
    });
  });

  it('carries parameter serialization and deprecation', () => {
    const result = flattenTool(
      tool([parameter('filter', 'query', { style: 'deepObject', explode: true, allowReserved: true, deprecated: true, schema: { type: 'object' } })]),
      { onCollision: 'report' },
    );
    expect(result.inputs).toEqual([
      { name: 'filter', in: 'query', target: 'filter', required: false, style: 'deepObject', explode: true, allowReserved: true },
    ]);
    expect(result.schema['properties']).toEqual({ filter: { type: 'object', deprecated: true } });
  });
});

describe('flattenTool results by tool', () => {
  it('the same tool with the same options gives the same result (validation and planning share it)', () => {
    const demo = tool([parameter('id', 'path'), parameter('id', 'query')], objectBody);
    const shared = {};
    const first = flattenTool(demo, { onCollision: 'rename', sharedSchemas: shared });
    expect(flattenTool(demo, { onCollision: 'rename', sharedSchemas: shared })).toBe(first);
    expect(first.renamed.length).toBeGreaterThan(0);
  });

  it('other options, other shared schemas, or a tool with new parameters are flattened again', () => {
    const demo = tool([parameter('id', 'path'), parameter('id', 'query')], objectBody);
    const shared = {};
    const renamed = flattenTool(demo, { onCollision: 'rename', sharedSchemas: shared });
    const reported = flattenTool(demo, { onCollision: 'report', sharedSchemas: shared });
    expect(reported).not.toBe(renamed);
    expect(reported.collisions.map((collision) => collision.name)).toContain('id');
    const other = {};
    const withOther = flattenTool(demo, { onCollision: 'report', sharedSchemas: other });
    expect(withOther).not.toBe(reported);
    const changed = { ...demo, parameters: [parameter('other', 'query')] };
    expect(flattenTool(changed, { onCollision: 'report' }).inputs.map((input) => input.name)).toEqual(['other', 'id', 'title']);
    // A test (or a careless caller) that swaps a tool's parameters in place still gets a fresh result.
    (demo as { parameters: readonly IR.Parameter[] }).parameters = [parameter('page', 'query')];
    expect(flattenTool(demo, { onCollision: 'report', sharedSchemas: other }).inputs.map((input) => input.name)).toContain('page');
  });
});
