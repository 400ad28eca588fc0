/**
 * Specs that are themselves broken: each gets a diagnostic with a code, a message saying what is wrong,
 * and the spec's file:line:col, never a crash (issue 3 item 6). Built with the real `build()`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSpecsCleanedAfterEach } from './corpus/build-spec.js';

const build = buildSpecsCleanedAfterEach();

/** 1-based line and column of the first occurrence of `needle` in the file. */
function positionIn(file: string, needle: string): [number, number] {
  const lines = readFileSync(file, 'utf8').split('\n');
  const line = lines.findIndex((text) => text.includes(needle));
  if (line === -1) throw new Error(`${needle} not in ${file}`);
  return [line + 1, lines[line]!.indexOf(needle) + 1];
}

describe('invalid specs', () => {
  it('says an empty spec file is empty', async () => {
    const { result, specFile } = await build('empty', '');
    expect(result.ok).toBe(false);
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    expect(errors).toMatchObject([{ code: 'TS0201', message: 'not an OpenAPI document: the file is empty', line: 1, column: 1 }]);
    expect(path.resolve(errors[0]!.file)).toBe(specFile);
  });

  it('positions an external $ref to a missing file at that $ref', async () => {
    const spec = {
      openapi: '3.0.3', info: { title: 'Ext', version: '1' },
      paths: { '/a': { get: {
        operationId: 'getA',
        responses: { '200': { description: 'ok', content: { 'application/json': { schema: { $ref: './missing.json#/Thing' } } } } },
      } } },
    };
    const { result, specFile } = await build('ext', spec);
    expect(result.ok).toBe(false);
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 'TS0203', hint: 'external refs must name local files relative to the spec' });
    expect(errors[0]!.message).toContain('cannot resolve an external $ref of the OpenAPI spec');
    expect(errors[0]!.message).toContain('missing.json');
    expect([errors[0]!.line, errors[0]!.column]).toEqual(positionIn(specFile, '"$ref": "./missing.json#/Thing"'));
  });

  it('does not take a $ref inside example, default, enum, const or extension data for a file reference', async () => {
    const data = { $ref: './not-a-file.json' };
    const spec = {
      openapi: '3.1.0', info: { title: 'Data', version: '1' }, 'x-meta': data,
      paths: { '/a': { post: {
        operationId: 'postA',
        requestBody: { content: { 'application/json': {
          schema: { type: 'object', properties: { v: { type: 'object', default: data, enum: [data], examples: [data] }, w: { const: data } } },
          example: data,
          examples: { one: { summary: 'data', value: data } },
        } } },
        responses: { '200': { description: 'ok' } },
      } } },
    };
    const { result } = await build('data_refs', spec);
    expect(result.diagnostics.filter((d) => d.code === 'TS0203')).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it('still follows file references under names that look like data keywords (a default response, a property named default)', async () => {
    for (const [name, at] of [
      ['default_response', { responses: { default: { $ref: './missing.json#/R' } } }],
      ['default_property', { responses: { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object', properties: { default: { $ref: './missing.json#/T' } } } } } } } }],
    ] as const) {
      const spec = { openapi: '3.0.3', info: { title: 'Ext', version: '1' }, paths: { '/a': { get: { operationId: 'getA', ...at } } } };
      const { result } = await build(name, spec);
      expect(result.diagnostics.filter((d) => d.severity === 'error'), name).toMatchObject([{ code: 'TS0203' }]);
    }
  });

  it('positions a YAML spec error and keeps the file name', async () => {
    const { result, specFile } = await build('yamlbad', 'openapi: 3.0.3\ninfo:\n  title: T\n  version: "1"\npaths:\n  /a:\n    get: [unclosed\n', 'openapi.yaml');
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 'TS0200' });
    expect(errors[0]!.message).toContain('not valid YAML');
    expect(path.resolve(errors[0]!.file)).toBe(specFile);
    expect(errors[0]!.line).toBeGreaterThan(1);
  });
});

describe('YAML specs with duplicate keys', () => {
  it('warns at the later key, naming the first, and uses the later value', async () => {
    const yaml = [
      'openapi: 3.0.3',
      'info: { title: T, version: "1" }',
      'paths:',
      '  /a:',
      '    get:',
      '      operationId: first',
      '      responses: { "200": { description: ok } }',
      '  /a:',
      '    post:',
      '      operationId: second',
      '      responses: { "200": { description: ok } }',
      '',
    ].join('\n');
    const { result, specFile } = await build('dupkeys', yaml, 'openapi.yaml');
    expect(result.ok).toBe(true);
    const duplicates = result.diagnostics.filter((d) => d.code === 'TS0006');
    expect(duplicates).toHaveLength(1);
    expect(duplicates[0]).toMatchObject({
      severity: 'warning', line: 8, column: 3,
      message: 'duplicate key "/a" (first at line 4); the later value is used and the earlier one ignored',
    });
    expect(path.resolve(duplicates[0]!.file)).toBe(specFile);
    expect(result.tools).toBe(1);
  });
});

describe('schemas with a type JSON Schema does not have', () => {
  it('reads a capitalised type as its lower-case form and warns about an unknown one, each at its position', async () => {
    const spec = {
      openapi: '3.0.3', info: { title: 'Types', version: '1' },
      paths: { '/a': { get: {
        operationId: 'getA',
        responses: { '200': { description: 'ok', content: { 'application/json': { schema: {
          type: 'object', properties: { name: { type: 'String' }, size: { type: 'int' } },
        } } } } },
      } } },
    };
    const { result, specFile } = await build('types', spec);
    expect(result.ok).toBe(true);
    const typeNotes = result.diagnostics.filter((d) => d.code === 'TS0020');
    expect(typeNotes).toHaveLength(2);
    expect(typeNotes.find((d) => d.severity === 'info')).toMatchObject({ message: 'type "String" read as "string"' });
    const unknown = typeNotes.find((d) => d.severity === 'warning')!;
    expect(unknown.message).toBe('type "int" is not a JSON Schema type; accepted as any value');
    expect([unknown.line, unknown.column]).toEqual(positionIn(specFile, '"type": "int"'));
  });
});
