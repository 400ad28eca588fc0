/**
 * Regressions found by the corpus run (scripts/corpus-run.ts): each case is the smallest spec that showed
 * the failure, built with the real `build()` and, where the failure was in generated code, type-checked.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importOpenApi } from '../../compiler/parse/openapi/index.js';
import { buildSpecsCleanedAfterEach, typecheckOutput } from './corpus/build-spec.js';
import { yamlToolkit } from './helpers.js';

const build = buildSpecsCleanedAfterEach();

function generatedText(outDir: string): string {
  const parts: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else parts.push(readFileSync(full, 'utf8'));
    }
  };
  walk(outDir);
  return parts.join('\n');
}

describe('corpus regressions', () => {
  // xero.com/xero_accounting.json: schemas that all link to each other made provider lowering unfold every
  // path of the graph (minutes per tool, the corpus run's compile time limit). Eight schemas each pointing at
  // all eight would be 8^24 paths; the expansion must stop once it has nothing more to add.
  it('lowers a densely linked schema graph without unfolding every path', async () => {
    const names = Array.from({ length: 8 }, (_, i) => `Node${i}`);
    const schemas = Object.fromEntries(names.map((name) => [name, {
      type: 'object',
      properties: {
        note: { type: 'string', nullable: true },
        ...Object.fromEntries(names.map((other, j) => [`link${j}`, { $ref: `#/components/schemas/${other}` }])),
      },
    }]));
    const spec = {
      openapi: '3.0.3', info: { title: 'Graph', version: '1' },
      paths: { '/nodes': { post: {
        operationId: 'createNode',
        requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Node0' } } } },
        responses: { '200': { description: 'ok' } },
      } } },
      components: { schemas },
    };
    const { result, outDir } = await build('graph', spec);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.tools).toBe(1);
    // Optional properties sent to OpenAI strict come back as null and are dropped before the request.
    expect(generatedText(outDir)).toContain('"drop-null"');
  });

  // A spec whose schemas only point at each other (A: $ref B, B: $ref A) describes no value; emitted as
  // shared schemas it became `type A = B; type B = A;` (TS2456). Now a positioned warning, and any value.
  it('reports a pure $ref cycle once, at its first $ref, and emits code that type-checks', async () => {
    const spec = {
      openapi: '3.0.3', info: { title: 'Loop', version: '1' },
      paths: { '/a': { get: {
        operationId: 'getA',
        responses: { '200': { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/A' } } } } },
      } } },
      components: { schemas: { A: { $ref: '#/components/schemas/B' }, B: { $ref: '#/components/schemas/A' }, C: { type: 'object', properties: { a: { $ref: '#/components/schemas/A' } } } } },
    };
    const { result, outDir, specFile } = await build('loop', spec);
    expect(result.ok).toBe(true);
    const cycles = result.diagnostics.filter((d) => d.code === 'TS0203');
    expect(cycles).toHaveLength(1);
    expect(cycles[0]).toMatchObject({
      severity: 'warning', pointer: '/components/schemas/A/$ref',
      message: '$ref cycle #/components/schemas/A → #/components/schemas/B → #/components/schemas/A never reaches a schema; accepted as any value',
    });
    expect(path.resolve(cycles[0]!.file)).toBe(specFile);
    const lines = readFileSync(specFile, 'utf8').split('\n');
    const line = lines.findIndex((text) => text.includes('"$ref": "#/components/schemas/B"'));
    expect([cycles[0]!.line, cycles[0]!.column]).toEqual([line + 1, lines[line]!.indexOf('"$ref"') + 1]);
    expect(typecheckOutput(outDir)).toEqual([]);
  });

  // Compositions that lead back to themselves with no property in between have no base case: an anyOf
  // cycle became `type A = B | string; type B = A | number` (TS2456), an allOf cycle overflowed the stack in
  // validation. The member closing each cycle is dropped with a positioned warning.
  it('breaks allOf/anyOf cycles without a property in between, keeping the other members', async () => {
    const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
    const spec = {
      openapi: '3.0.3', info: { title: 'Compose', version: '1' },
      paths: {
        '/union': { post: {
          operationId: 'postUnion',
          requestBody: { content: { 'application/json': { schema: { type: 'object', properties: { value: ref('UnionA') } } } } },
          responses: { '200': { description: 'ok', content: { 'application/json': { schema: ref('UnionA') } } } },
        } },
        '/all': { post: {
          operationId: 'postAll',
          requestBody: { content: { 'application/json': { schema: ref('AllA') } } },
          responses: { '200': { description: 'ok', content: { 'application/json': { schema: ref('AllB') } } } },
        } },
        '/tree': { get: {
          operationId: 'getTree',
          responses: { '200': { description: 'ok', content: { 'application/json': { schema: ref('Tree') } } } },
        } },
      },
      components: { schemas: {
        UnionA: { anyOf: [ref('UnionB'), { type: 'string' }] },
        UnionB: { anyOf: [ref('UnionA'), { type: 'number' }] },
        AllA: { allOf: [ref('AllB'), { type: 'object', properties: { a: { type: 'string' } } }] },
        AllB: { allOf: [ref('AllA'), { type: 'object', properties: { b: { type: 'string' } } }] },
        // Recursion through a property is an ordinary recursive schema and stays as it is.
        Tree: { allOf: [{ type: 'object', properties: { children: { type: 'array', items: ref('Tree') } } }] },
      } },
    };
    const { result, outDir, specFile } = await build('compose', spec);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const dropped = result.diagnostics.filter((d) => d.code === 'TS0203');
    expect(dropped.map((d) => d.pointer).sort()).toEqual(['/components/schemas/AllB/allOf/0', '/components/schemas/UnionB/anyOf/0']);
    expect(dropped.find((d) => d.pointer === '/components/schemas/UnionB/anyOf/0')!.message).toBe(
      'this member closes a cycle of allOf/anyOf/oneOf and $refs with no property in between '
      + '(#/components/schemas/UnionA → #/components/schemas/UnionA/anyOf/0 → #/components/schemas/UnionB → '
      + '#/components/schemas/UnionB/anyOf/0 → #/components/schemas/UnionA); dropped',
    );
    for (const diagnostic of dropped) expect(path.resolve(diagnostic.file)).toBe(specFile);
    expect(typecheckOutput(outDir)).toEqual([]);
    // UnionA keeps both of its alternatives: its own string and, through UnionB, the number.
    const { toolkit } = await importOpenApi({
      toolkit: yamlToolkit('compose'), overlay: { spec: specFile }, definitionFile: specFile, definitionDir: path.dirname(specFile),
    });
    expect(toolkit.sharedSchemas['UnionA']).toEqual({ anyOf: [{ $ref: '#/$defs/UnionB' }, { type: 'string' }] });
    expect(toolkit.sharedSchemas['UnionB']).toEqual({ anyOf: [{ type: 'number' }] });
    expect(toolkit.sharedSchemas['Tree']).toEqual({
      allOf: [{ type: 'object', properties: { children: { type: 'array', items: { $ref: '#/$defs/Tree' } } } }],
    });
  });

  // googleapis.com/aiplatform.json (seed-7 probe): properties named like data keywords (`default`, `enum`,
  // `examples`) are schemas; a $ref inside one must keep its shared schema, or the tool's $defs miss it.
  it('keeps shared schemas reached through properties named default, enum or examples', async () => {
    const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
    const spec = {
      openapi: '3.0.3', info: { title: 'Names', version: '1' },
      paths: { '/thing': { get: {
        operationId: 'getThing',
        responses: { '200': { description: 'ok', content: { 'application/json': { schema: ref('Thing') } } } },
      } } },
      components: { schemas: {
        Thing: { type: 'object', properties: { default: ref('Fallback'), enum: ref('Choices'), examples: ref('Samples') } },
        Fallback: { type: 'string' }, Choices: { type: 'array', items: { type: 'string' } }, Samples: { type: 'object' },
      } },
    };
    const dir = mkdtempSync(path.join(tmpdir(), 'names-'));
    const specFile = path.join(dir, 'openapi.json');
    writeFileSync(specFile, JSON.stringify(spec));
    try {
      const { toolkit, diagnostics } = await importOpenApi({
        toolkit: yamlToolkit('names'), overlay: { spec: specFile }, definitionFile: specFile, definitionDir: dir,
      });
      expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      expect(Object.keys(toolkit.sharedSchemas).sort()).toEqual(['Choices', 'Fallback', 'Samples', 'Thing']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
