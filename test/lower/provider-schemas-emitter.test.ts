/**
 * The provider-schemas emitter inside the real build: generated tools carry `providerSchemas` for every
 * dialect, each accepted by its validator, parsed lazily from the generated module.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { build } from '../../compiler/build/build.js';
import { PROVIDER_DIALECTS, VALIDATE } from '../../compiler/lower/index.js';
import type { CompiledToolkit } from '../../runtime/types.js';

const outDir = path.resolve(`test/lower/.out-${process.pid}`);
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('provider-schemas emitter', () => {
  it('fills providerSchemas on every generated tool, each accepted by its provider validator', async () => {
    const result = await build({ definitionsDir: 'definitions', outDir, toolkit: 'github', noCache: true });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.written).toContain('github/json/providers-01.json');
    const module = await import(pathToFileURL(path.join(outDir, 'github/index.ts')).href) as Record<string, unknown>;
    const toolkit = Object.values(module).find((value): value is CompiledToolkit => (value as CompiledToolkit)?.slug === 'github');
    expect(toolkit?.tools.length).toBeGreaterThan(10);
    for (const tool of toolkit!.tools) {
      for (const dialect of PROVIDER_DIALECTS) {
        const schema = tool.providerSchemas?.[dialect];
        expect(schema, `${tool.slug} ${dialect}`).toBeDefined();
        expect(VALIDATE[dialect](schema!, tool.slug)).toEqual([]);
      }
      expect(JSON.stringify(tool.providerSchemas?.gemini?.parameters)).not.toContain('$ref');
    }
  }, 300_000);
});
