/**
 * SchemaConverter keeps enum values once each (by JSON value, first occurrence first) and reports every
 * field whose pattern JavaScript cannot compile, even when the same pattern was seen before.
 */
import { describe, expect, it } from 'vitest';
import { Reporter } from '../../compiler/parse/openapi/report.js';
import { SchemaConverter } from '../../compiler/parse/openapi/schemas.js';

function converter(): { convert: SchemaConverter; reporter: Reporter } {
  const reporter = new Reporter();
  return { convert: new SchemaConverter({ openapi: '3.0.3', paths: {} }, 'spec.json', '3.0', reporter), reporter };
}

describe('SchemaConverter values', () => {
  it('keeps each enum value once, in first-seen order, comparing JSON values', () => {
    const { convert } = converter();
    expect(convert.convert({ type: 'string', enum: ['b', 'a', 'b', 'c', 'a'] }, '/x')['enum']).toEqual(['b', 'a', 'c']);
    const objects = convert.convert({ type: 'object', enum: [{ k: 1 }, { k: 2 }, { k: 1 }] }, '/y')['enum'];
    expect(objects).toEqual([{ k: 1 }, { k: 2 }]);
    expect(convert.convert({ enum: [1, '1', 1, null, null] }, '/z')['enum']).toEqual([1, '1', null]);
  });

  it('reports an invalid pattern at every field that has it, and keeps valid ones', () => {
    const { convert, reporter } = converter();
    convert.convert({ type: 'string', pattern: '(?<x' }, '/a');
    convert.convert({ type: 'string', pattern: '(?<x' }, '/b');
    const kept = convert.convert({ type: 'string', pattern: '^[a-z]+$' }, '/c');
    expect(kept['pattern']).toBe('^[a-z]+$');
    expect(reporter.finish().filter((d) => d.code === 'TS0206').map((d) => d.message)).toHaveLength(2);
  });
});

describe('SchemaConverter.convertOperationSchema', () => {
  it('gives operations that share a component the same result, converted once', () => {
    const { convert } = converter();
    const node = { type: 'integer', default: 30, maximum: 100 };
    const first = convert.convertOperationSchema(node, '/components/parameters/per-page/schema');
    expect(convert.convertOperationSchema(node, '/components/parameters/per-page/schema')).toBe(first);
    expect(first).toEqual({ type: 'integer', default: 30, maximum: 100 });
    // Another node at the same pointer (another document) is converted for itself.
    const other = convert.convertOperationSchema({ type: 'string' }, '/components/parameters/per-page/schema');
    expect(other).toEqual({ type: 'string' });
  });

  it('converts again, reporting again, a schema whose conversion reported something', () => {
    const { convert, reporter } = converter();
    const node = { type: 'string', pattern: '(?<x' };
    const first = convert.convertOperationSchema(node, '/components/parameters/bad/schema');
    const second = convert.convertOperationSchema(node, '/components/parameters/bad/schema');
    expect(second).not.toBe(first);
    expect(second).toEqual(first);
    expect(reporter.finish().filter((d) => d.code === 'TS0206')).toHaveLength(2);
  });
});
