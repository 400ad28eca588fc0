/**
 * The runtime JSON Schema → Zod builder (runtime/schema/zod-from-json-schema.ts), feature by feature, with
 * values each schema must accept and values it must reject, in input and output mode.
 */
import { describe, expect, it } from 'vitest';
import { createSharedSchemas, FILE_MARKER, markFileInputs, zodFromJsonSchema } from '../../runtime/schema/index.js';

type Mode = 'input' | 'output';

function check(schema: unknown, mode: Mode, accept: readonly unknown[], reject: readonly unknown[]): void {
  const zod = zodFromJsonSchema(schema, { mode });
  for (const value of accept) expect(zod.safeParse(value).success, `${mode} should accept ${JSON.stringify(value)}`).toBe(true);
  for (const value of reject) expect(zod.safeParse(value).success, `${mode} should reject ${JSON.stringify(value)}`).toBe(false);
}

describe('zodFromJsonSchema', () => {
  it('true, absent and non-schemas accept anything; false accepts nothing', () => {
    check(true, 'input', [1, 'a', null, {}], []);
    check(undefined, 'input', [1, null], []);
    check(false, 'input', [], [1, null, undefined]);
  });

  it('strings: formats, lengths and u-flag patterns in input mode only', () => {
    const schema = { type: 'string', format: 'email', minLength: 5, maxLength: 12, pattern: '^[a-z@.]+$' };
    check(schema, 'input', ['ab@cd.ef'], ['a@b.c', 'averylongname@x.io', 'AB@CD.EF', 'no-at-sign', 3]);
    check(schema, 'output', ['anything at all'], [3]);
    check({ type: 'string', format: 'date-time' }, 'input', ['2024-01-02T03:04:05Z', '2024-01-02T03:04:05+02:00'], ['yesterday']);
    check({ type: 'string', format: 'date' }, 'input', ['2024-01-02'], ['2024-13-45', 'Jan 2']);
    check({ type: 'string', format: 'uuid' }, 'input', ['123e4567-e89b-12d3-a456-426614174000'], ['xyz']);
    check({ type: 'string', format: 'uri' }, 'input', ['https://example.com/a'], ['not a url']);
    check({ type: 'string', format: 'ipv4' }, 'input', ['10.0.0.1'], ['10.0.0.300']);
    check({ type: 'string', format: 'unknown-format' }, 'input', ['whatever'], [1]);
    // JavaScript cannot compile this pattern with the u flag: it is left out, not thrown.
    check({ type: 'string', pattern: '\\_' }, 'input', ['x'], [1]);
    check({ type: 'string', pattern: '^\\p{Lu}+$' }, 'input', ['ÄB'], ['ab']);
  });

  it('numbers and integers: bounds, exclusive bounds (both drafts) and multipleOf', () => {
    check({ type: 'integer', minimum: 1, maximum: 3 }, 'input', [1, 3], [0, 4, 1.5, '2']);
    check({ type: 'integer', minimum: 1 }, 'output', [0, 1.5], ['1']);
    check({ type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 }, 'input', [0.5], [0, 1]);
    check({ type: 'number', minimum: 0, exclusiveMinimum: true, maximum: 1, exclusiveMaximum: true }, 'input', [0.5], [0, 1]);
    check({ type: 'number', multipleOf: 0.25 }, 'input', [0.75], [0.3]);
    check({ minimum: 2 }, 'input', [2], [1, 'x']);
  });

  it('enums: closed in input mode, open (any string/number) in output mode; mixed and null members', () => {
    check({ type: 'string', enum: ['a', 'b'] }, 'input', ['a'], ['c', 1]);
    check({ type: 'string', enum: ['a', 'b'] }, 'output', ['a', 'c'], [1]);
    check({ enum: [1, 2] }, 'input', [1], [3]);
    check({ enum: [1, 2] }, 'output', [3], ['1']);
    check({ enum: ['one', 2, true] }, 'output', ['one', 2, true], ['two', 3]);
    check({ enum: ['a', null] }, 'input', ['a', null], ['b']);
    check({ enum: [null] }, 'input', [null], ['a']);
  });

  it('const, nullable (3.0) and type arrays (3.1)', () => {
    check({ const: 'fixed' }, 'input', ['fixed'], ['other']);
    check({ type: 'string', nullable: true }, 'input', ['a', null], [1]);
    check({ type: ['string', 'null'] }, 'input', ['a', null], [1]);
    check({ type: ['string', 'integer'] }, 'input', ['a', 2], [1.5, null]);
    check({ type: ['integer', 'number'] }, 'input', [1.5], ['1']);
    check({ type: 'null' }, 'input', [null], [0]);
  });

  it('objects: strict in input mode with additionalProperties false, loose otherwise; records and catchall', () => {
    const closed = { type: 'object', properties: { a: { type: 'string' } }, required: ['a'], additionalProperties: false };
    check(closed, 'input', [{ a: 'x' }], [{ a: 'x', b: 1 }, {}, { a: 1 }]);
    check(closed, 'output', [{ a: 'x', b: 1 }], [{}]);
    check({ type: 'object', properties: { a: { type: 'string' } } }, 'input', [{}, { a: 'x', b: 1 }], [{ a: 1 }, [], 'x']);
    check({ type: 'object', additionalProperties: { type: 'integer' } }, 'input', [{ a: 1 }], [{ a: 'x' }]);
    check({ type: 'object' }, 'input', [{ any: 'thing' }], [null, 1]);
    const catchall = { type: 'object', properties: { a: { type: 'string' } }, additionalProperties: { type: 'number' } };
    check(catchall, 'input', [{ a: 'x', b: 1 }], [{ a: 'x', b: 'y' }]);
    check(catchall, 'output', [{ a: 'x', b: 'y' }], []);
  });

  it('readOnly leaves inputs and writeOnly leaves outputs (unless required)', () => {
    const schema = {
      type: 'object', additionalProperties: false,
      properties: { id: { type: 'integer', readOnly: true }, secret: { type: 'string', writeOnly: true }, name: { type: 'string' } },
    };
    // Input: a strict object without `id`, so sending it is an unknown key.
    check(schema, 'input', [{ name: 'n', secret: 's' }], [{ id: 1, name: 'n' }]);
    // Output: loose, `secret` is not described so any value passes through; `id` is checked.
    check(schema, 'output', [{ id: 1, secret: 42 }], [{ id: 'one' }]);
  });

  it('defaults fill optional inputs when they fit the type', () => {
    const schema = {
      type: 'object',
      properties: {
        page: { type: 'integer', default: 1 }, sort: { type: 'string', enum: ['asc', 'desc'], default: 'asc' },
        wrong: { type: 'integer', default: 'x' }, nullable: { type: 'string', nullable: true, default: 'a' },
      },
    };
    expect(zodFromJsonSchema(schema, { mode: 'input' }).parse({})).toEqual({ page: 1, sort: 'asc' });
    expect(zodFromJsonSchema(schema, { mode: 'output' }).parse({})).toEqual({});
  });

  it('arrays and tuples (prefixItems and draft-4 items arrays), item bounds in input mode', () => {
    check({ type: 'array', items: { type: 'integer' }, minItems: 1, maxItems: 2 }, 'input', [[1], [1, 2]], [[], [1, 2, 3], ['a']]);
    check({ type: 'array', items: { type: 'integer' }, minItems: 1 }, 'output', [[]], [['a']]);
    check({ type: 'array', prefixItems: [{ type: 'number' }, { type: 'number' }], items: false }, 'input', [[1, 2]], [[1], [1, 'x'], [1, 2, 3]]);
    check({ type: 'array', prefixItems: [{ type: 'number' }] }, 'input', [[1, 'rest', null]], [['x']]);
    check({ type: 'array', items: [{ type: 'string' }], additionalItems: { type: 'integer' } }, 'input', [['a', 1, 2]], [['a', 'b']]);
  });

  it('allOf merges inline objects and intersects references; oneOf/anyOf with sibling properties', () => {
    const allOf = { allOf: [{ type: 'object', properties: { a: { type: 'string' } }, required: ['a'] }, { properties: { b: { type: 'integer' } }, required: ['b'] }] };
    check(allOf, 'input', [{ a: 'x', b: 1 }], [{ a: 'x' }, { a: 'x', b: 'y' }]);
    // An empty part (Box's sign-request fields: allOf [{ type: string }, {}]) constrains nothing.
    check({ allOf: [{ type: 'string' }, {}] }, 'input', ['x'], [1, {}]);
    check({ allOf: [{ type: 'string' }, { description: 'only words' }] }, 'output', ['x'], [1]);
    check({ allOf: [{}] }, 'input', ['x', 1, {}], []);
    const siblings = {
      type: 'object', properties: { id: { type: 'integer' } }, required: ['id'],
      oneOf: [{ type: 'object', properties: { x: { type: 'string' } }, required: ['x'] }, { type: 'object', properties: { y: { type: 'string' } }, required: ['y'] }],
    };
    check(siblings, 'input', [{ id: 1, x: 'a' }, { id: 1, y: 'b' }], [{ x: 'a' }, { id: 1 }]);
    check({ anyOf: [{ type: 'string' }, { type: 'integer' }] }, 'input', ['a', 1], [1.5, null]);
    // "one of these fields is required" only narrows required: not a union, the object stands.
    check({ type: 'object', properties: { a: { type: 'string' } }, anyOf: [{ required: ['a'] }, { required: ['b'] }] }, 'input', [{ a: 'x' }], [{ a: 1 }]);
  });

  it('discriminated unions: declared or inferred from distinct required constants', () => {
    const shape = {
      oneOf: [
        { type: 'object', properties: { kind: { const: 'circle' }, radius: { type: 'number' } }, required: ['kind', 'radius'], additionalProperties: false },
        { type: 'object', properties: { kind: { type: 'string', enum: ['rect'] }, width: { type: 'number' } }, required: ['kind', 'width'], additionalProperties: false },
      ],
      discriminator: { propertyName: 'kind' },
    };
    check(shape, 'input', [{ kind: 'circle', radius: 1 }, { kind: 'rect', width: 2 }], [{ kind: 'rect', radius: 1 }, { kind: 'hexagon' }, {}]);
    const { discriminator: _ignored, ...inferred } = shape;
    check(inferred, 'input', [{ kind: 'circle', radius: 1 }], [{ kind: 'circle', width: 1 }]);
  });

  it('file inputs accept a path or URL string, bytes or a Blob; marked lists accept arrays of them', () => {
    const marked = markFileInputs(
      { type: 'object', properties: { file: { type: 'string' }, files: { type: 'array', items: { type: 'string' } }, note: { type: 'string' } }, required: ['file'] },
      [{ name: 'file', file: true }, { name: 'files', file: true }, { name: 'note' }],
    );
    expect((marked['properties'] as Record<string, Record<string, unknown>>)['file']![FILE_MARKER]).toBe('single');
    check(marked, 'input', [{ file: './a.png' }, { file: new Uint8Array([1]) }, { file: new Blob(['x']), files: ['a', new Uint8Array()] }], [{ file: 42 }, { file: 'a', files: [1] }, {}]);
    check({ type: 'string', format: 'binary' }, 'input', ['p', new Uint8Array()], [1]);
    check({ type: 'string', format: 'binary' }, 'output', [1, 'x', null], []);
  });

  it('shared schemas: referenced by name in every $ref form, built once, cycles through z.lazy', () => {
    const definitions = {
      Node: { type: 'object', properties: { value: { type: 'integer' }, next: { $ref: '#/$defs/Node', nullable: true } }, required: ['value'] },
      'a/b': { type: 'string', enum: ['x'] },
    };
    let reads = 0;
    const shared = createSharedSchemas(() => {
      reads++;
      return definitions;
    });
    const list = zodFromJsonSchema({ type: 'object', properties: { head: { $ref: '#/components/schemas/Node' }, tag: { $ref: '#/definitions/a~1b' } } }, { shared });
    expect(list.safeParse({ head: { value: 1, next: { value: 2, next: null } }, tag: 'anything' }).success).toBe(true);
    expect(list.safeParse({ head: { value: 1, next: { value: 'two' } } }).success).toBe(false);
    expect(shared.get('Node')).toBe(shared.get('Node'));
    expect(reads).toBe(1);
    expect(() => shared.get('Missing')).toThrow(/shared schema "Missing" is not defined/);
    // A $ref that names nothing known accepts anything (as before: never a crash at build time).
    check({ $ref: '#/$defs/Missing' }, 'input', [1, 'x'], []);
    // Without a registry, the schema's own $defs serve (self-contained inputParameters).
    check({ type: 'array', items: { $ref: '#/$defs/N' }, $defs: { N: { type: 'integer' } } }, 'input', [[1]], [['x']]);
  });

  it('mutual recursion across shared schemas validates deep data', () => {
    const shared = createSharedSchemas(() => ({
      A: { type: 'object', properties: { b: { $ref: '#/$defs/B' } } },
      B: { type: 'object', properties: { a: { $ref: '#/$defs/A' }, n: { type: 'integer' } } },
    }));
    const zod = zodFromJsonSchema({ $ref: '#/$defs/A' }, { shared });
    expect(zod.safeParse({ b: { n: 1, a: { b: { n: 2, a: {} } } } }).success).toBe(true);
    expect(zod.safeParse({ b: { a: { b: { n: 'x' } } } }).success).toBe(false);
  });
});
