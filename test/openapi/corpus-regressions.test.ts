/**
 * Regressions found by the corpus run (scripts/corpus-run.ts): each case is the smallest spec that showed
 * the failure, built with the real `build()` and, where the failure was in generated code, type-checked.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildSpec, typecheckOutput, type BuiltSpec } from './corpus/build-spec.js';

const built: BuiltSpec[] = [];
afterEach(() => { for (const spec of built.splice(0)) spec.cleanup(); });

async function build(slug: string, spec: unknown, fileName?: string): Promise<BuiltSpec> {
  const result = await buildSpec(slug, spec, fileName);
  built.push(result);
  return result;
}

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
});
