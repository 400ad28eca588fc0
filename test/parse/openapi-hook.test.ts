import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sortDiagnostics } from '../../compiler/diagnostics/format.js';
import { loadDefinitions, loadOpenApiImporter } from '../../compiler/parse/load-definitions.js';

describe('the OpenAPI importer hook', () => {
  it('finds the importer module, and reports a missing one as absent instead of throwing', async () => {
    expect(typeof (await loadOpenApiImporter())).toBe('function');
    expect(await loadOpenApiImporter('./openapi/no-such-module.js')).toBeUndefined();
  });

  it('hands the YAML toolkit and the raw openapi mapping to the importer', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'toolsmith-openapi-'));
    mkdirSync(path.join(dir, 'petstore'));
    writeFileSync(
      path.join(dir, 'petstore', 'openapi.json'),
      JSON.stringify({
        openapi: '3.0.3',
        info: { title: 'Pets', version: '1' },
        servers: [{ url: 'https://pets.example/v1' }],
        paths: { '/pets/{id}': { get: { operationId: 'getPet', summary: 'Get a pet.', parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }], responses: { '200': { description: 'ok' } } } } },
      }),
    );
    writeFileSync(
      path.join(dir, 'petstore', 'toolkit.yaml'),
      '# yaml-language-server: $schema=../../toolsmith.schema.json\n' +
        'slug: petstore\nname: Pet store\n' +
        'openapi:\n  spec: ./openapi.json\n  tools:\n    getPet: { slug: PETSTORE_GET_PET, importance: 70 }\n',
    );
    const { toolkits, diagnostics } = await loadDefinitions(dir);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const [toolkit] = toolkits;
    expect(toolkit?.slug).toBe('petstore');
    expect(toolkit?.tools.map((tool) => [tool.slug, tool.importance, tool.path])).toEqual([['PETSTORE_GET_PET', 70, '/pets/{id}']]);
  });

  it('shape-checks the openapi section before importing', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'toolsmith-openapi-'));
    mkdirSync(path.join(dir, 'petstore'));
    writeFileSync(
      path.join(dir, 'petstore', 'toolkit.yaml'),
      '# yaml-language-server: $schema=../../toolsmith.schema.json\n' +
        'slug: petstore\nname: Pet store\n' +
        'openapi:\n  specs: ./openapi.json\n  tools:\n    getPet: { slugg: PETSTORE_GET_PET }\n',
    );
    const { diagnostics } = await loadDefinitions(dir);
    expect(sortDiagnostics(diagnostics).map((d) => [d.code, d.line, d.column, d.hint])).toEqual([
      ['TS0003', 4, 1, undefined],
      ['TS0002', 5, 3, 'did you mean "spec"?'],
      ['TS0002', 7, 15, 'did you mean "slug"?'],
    ]);
  });
});
