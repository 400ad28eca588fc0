/**
 * The emitted Zod schemas, imported as modules (the golden files), accept valid arguments and reject
 * invalid ones; tool objects build schemas on first access and keep them.
 */
import { describe, expect, it } from 'vitest';
import { params } from '../golden/parameter-styles/params/index.js';
import { ParamsSearchInput } from '../golden/parameter-styles/params/schemas.gen.js';
import { bodies } from '../golden/request-bodies/bodies/index.js';
import { shapes } from '../golden/unions/shapes/index.js';
import { petstore } from '../golden/shared-schemas/petstore/index.js';
import { events } from '../golden/trigger-definitions/events/index.js';
import { files } from '../golden/file-download/files/index.js';

function tool<T extends { tools: readonly { slug: string }[] }>(toolkit: T, slug: string): T['tools'][number] {
  const found = toolkit.tools.find((candidate) => candidate.slug === slug);
  if (!found) throw new Error(`no ${slug}`);
  return found;
}

describe('emitted Zod schemas', () => {
  const search = tool(params, 'PARAMS_SEARCH');
  const valid = { id: 3, tags: ['a'], q: 'hello world' };

  it('accept valid arguments and apply defaults', () => {
    const parsed = search.input.parse(valid);
    expect(parsed).toMatchObject({ id: 3, page: 1, sort: 'asc' });
    expect(search.input.safeParse({ ...valid, since: '2024-01-02T03:04:05Z', email: 'a@b.co', 'X-Request-Id': '123e4567-e89b-12d3-a456-426614174000', ratio: 0.75 }).success).toBe(true);
  });

  it.each([
    ['a missing required field', { id: 3, tags: ['a'] }],
    ['a wrong type', { ...valid, id: 'three' }],
    ['a non-integer', { ...valid, id: 1.5 }],
    ['a value under the minimum', { ...valid, id: 0 }],
    ['a pattern mismatch', { ...valid, q: 'NO CAPS' }],
    ['a too short string', { ...valid, q: 'a' }],
    ['an enum outside its values', { ...valid, sort: 'up' }],
    ['too many items', { ...valid, ids: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] }],
    ['a bad date-time', { ...valid, since: 'yesterday' }],
    ['a bad email', { ...valid, email: 'nobody' }],
    ['a bad uuid', { ...valid, 'X-Request-Id': 'xyz' }],
    ['a ratio off its multiple', { ...valid, ratio: 0.3 }],
    ['an exclusive minimum hit', { ...valid, filter: { size: 0 } }],
    ['an unknown top-level field', { ...valid, nope: 1 }],
  ])('reject %s', (_label, args) => {
    expect(search.input.safeParse(args).success).toBe(false);
  });

  it('is the same schema object on every access, and the module export builds that same schema', () => {
    expect(search.input).toBe(search.input);
    expect(search.input).toBe(ParamsSearchInput());
  });

  it('outputs are lenient: unknown keys pass through and new enum values are accepted', () => {
    const parsed = search.output.parse([{ id: 1, state: 'archived', extra: true }]);
    expect(parsed).toEqual([{ id: 1, state: 'archived', extra: true }]);
  });

  it('bodies: strict nested objects, maps, tuples, and file uploads', () => {
    const create = tool(bodies, 'BODIES_CREATE_JSON');
    expect(create.input.safeParse({ title: 't', meta: { source: 's' }, labels: { a: 'b' }, point: [1, 2] }).success).toBe(true);
    expect(create.input.safeParse({ title: 't', meta: { source: 's', other: 1 } }).success).toBe(false);
    expect(create.input.safeParse({ title: 't', labels: { a: 1 } }).success).toBe(false);
    expect(create.input.safeParse({ title: 't', point: ['x', 2] }).success).toBe(false);
    const upload = tool(bodies, 'BODIES_UPLOAD');
    expect(upload.input.safeParse({ file: './photo.png' }).success).toBe(true);
    expect(upload.input.safeParse({ file: new Uint8Array([1, 2]) }).success).toBe(true);
    expect(upload.input.safeParse({ file: new Blob(['x']) }).success).toBe(true);
    expect(upload.input.safeParse({ file: 42 }).success).toBe(false);
    expect(upload.inputs.find((input) => input.name === 'file')?.file).toBe(true);
  });

  it('unions: discriminated shapes, anyOf, type arrays, nullable and mixed enums', () => {
    const draw = tool(shapes, 'SHAPES_DRAW');
    expect(draw.input.safeParse({ shape: { kind: 'circle', radius: 2 } }).success).toBe(true);
    expect(draw.input.safeParse({ shape: { kind: 'rect', width: 1, height: 2 }, color: [1, 2, 3], label: null, size: null, mode: 'two' }).success).toBe(true);
    expect(draw.input.safeParse({ shape: { kind: 'rect', radius: 2 } }).success).toBe(false);
    expect(draw.input.safeParse({ shape: { kind: 'hexagon' } }).success).toBe(false);
    expect(draw.input.safeParse({ shape: { kind: 'circle', radius: 1 }, color: [1, 2] }).success).toBe(false);
    expect(draw.input.safeParse({ shape: { kind: 'circle', radius: 1 }, mode: 'three' }).success).toBe(false);
    expect(draw.output.safeParse({ ok: false, error: 'boom' }).success).toBe(true);
  });

  it('shared schemas with cycles validate recursive data', () => {
    const get = tool(petstore, 'PETSTORE_GET_PET');
    const pet = { id: 1, name: 'Rex', parent: { id: 0, name: 'Old Rex', parent: null }, owner: { name: 'Ann', pets: [{ id: 2, name: 'Tom' }] } };
    expect(get.output.safeParse(pet).success).toBe(true);
    expect(get.output.safeParse({ id: 1, name: 'Rex', parent: { id: 'zero', name: 'x' } }).success).toBe(false);
    const parameters = get.outputParameters as { $ref?: string; $defs?: Record<string, unknown> };
    expect(parameters.$defs && Object.keys(parameters.$defs).sort()).toEqual(['NewPet', 'Owner', 'Pet', 'Status']);
  });

  it('triggers: config and payload schemas, webhook and poll specs', () => {
    const paid = events.triggers.find((trigger) => trigger.slug === 'EVENTS_ORDER_PAID')!;
    expect(paid.payload.safeParse({ id: 'o1', amount: 5, status: 'paid' }).success).toBe(true);
    expect(paid.payload.safeParse({ id: 'o1' }).success).toBe(false);
    expect(paid.config.safeParse({ minimum_amount: -1 }).success).toBe(false);
    expect(paid.webhook?.signature?.algorithm).toBe('hmac-sha256');
    const polled = events.triggers.find((trigger) => trigger.slug === 'EVENTS_NEW_ORDER')!;
    expect(polled.poll?.tool).toBe('EVENTS_LIST_ORDERS');
  });

  it('file downloads describe the saved file', () => {
    const download = tool(files, 'FILES_DOWNLOAD');
    expect(download.request.response.kind).toBe('file');
    expect(download.output.safeParse({ path: '/tmp/a', name: 'a', mimeType: 'text/plain', size: 1 }).success).toBe(true);
    expect(download.output.safeParse({ path: 3 }).success).toBe(false);
  });
});
