/**
 * Big toolkits: schemas split into `schemas/part-NN.gen.ts` + `schemas/shared.gen.ts` with memoized builders.
 * Emits a synthetic 120-tool toolkit (refs, cycles, unions), imports the emitted modules, and checks that
 * nothing is built at import, a tool's schema is built on first access and kept, and the JSON Schemas are
 * self-contained.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { emitToolkits } from '../../compiler/emit/emit.js';
import { syntheticToolkit } from './ir-factory.js';

// A dot folder: tsc's include globs skip it, vite imports it.
const out = path.join(import.meta.dirname, '.lazy-out');

afterAll(async () => {
  await rm(out, { recursive: true, force: true });
});

describe('lazy schema layout for big toolkits', () => {
  it('splits, loads lazily, and validates', async () => {
    const files = emitToolkits([syntheticToolkit(120, 60)]);
    const paths = files.map((file) => file.path);
    expect(paths).toEqual(expect.arrayContaining(['syn/schemas/shared.gen.ts', 'syn/schemas/part-01.gen.ts', 'syn/schemas/part-03.gen.ts', 'syn/schemas.gen.ts']));
    expect(paths).not.toContain('syn/schemas/part-04.gen.ts');
    await rm(out, { recursive: true, force: true });
    for (const file of files) {
      await mkdir(path.dirname(path.join(out, file.path)), { recursive: true });
      await writeFile(path.join(out, file.path), file.contents);
    }
    const schemas = (await import(path.join(out, 'syn/schemas.gen.ts'))) as Record<string, () => { safeParse(value: unknown): { success: boolean } }>;
    const { syn } = (await import(path.join(out, 'syn/index.ts'))) as { syn: { tools: Array<{ slug: string; input: unknown; output: { safeParse(value: unknown): { success: boolean } }; inputParameters: Record<string, unknown>; outputParameters: Record<string, unknown> }> } };
    expect(syn.tools).toHaveLength(120);
    const tool = syn.tools[5]!;
    expect(tool.slug).toBe('SYN_OPERATION_5');
    expect(tool.input).toBe(tool.input);
    expect(tool.input).toBe(schemas['SynOperation5Input']!());
    const input = tool.input as { safeParse(value: unknown): { success: boolean } };
    expect(input.safeParse({ owner: 'o', repo: 'r', title: 't', thing: { id: 1, name: 'x', owner: { id: 2, name: 'y' } } }).success).toBe(true);
    expect(input.safeParse({ owner: 'o', repo: 'r' }).success).toBe(false);
    expect(tool.output.safeParse({ id: 1, name: 'n', extra: true }).success).toBe(true);
    expect(tool.output.safeParse({ id: 'one', name: 'n' }).success).toBe(false);
    const output = tool.outputParameters as { $ref?: string; $defs?: Record<string, unknown> };
    expect(output.$ref).toMatch(/^#\/\$defs\/Thing\d+$/);
    expect(Object.keys(output.$defs ?? {})).toContain(output.$ref!.slice('#/$defs/'.length));
  });
});
