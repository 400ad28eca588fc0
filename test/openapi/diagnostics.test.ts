import { describe, expect, it } from 'vitest';
import { importFixture, toolByOperation } from './helpers.js';

describe('invalid specs', () => {
  it('names file, line and column of a JSON syntax error', async () => {
    const { diagnostics, toolkit } = await importFixture('broken.json');
    expect(toolkit.tools).toEqual([]);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: 'TS0200', severity: 'error', line: 5 });
    expect(diagnostics[0]!.file).toMatch(/broken\.json$/);
    expect(diagnostics[0]!.message).toContain('not valid JSON');
  });

  it('says what is missing when the document has no version', async () => {
    const { diagnostics } = await importFixture('no-version.json');
    expect(diagnostics).toMatchObject([{ code: 'TS0201', severity: 'error' }]);
    expect(diagnostics[0]!.message).toContain('neither an `openapi` nor a `swagger` version');
  });

  it('reports a missing file', async () => {
    const { diagnostics } = await importFixture('does-not-exist.yaml');
    expect(diagnostics).toMatchObject([{ code: 'TS0200', severity: 'error', message: 'cannot read the OpenAPI spec: file not found' }]);
  });

  it('positions a dangling $ref at its line and column and keeps going', async () => {
    const { diagnostics, toolkit } = await importFixture('broken-ref.json');
    expect(toolkit.tools).toHaveLength(1);
    const dangling = diagnostics.find((d) => d.code === 'TS0203');
    expect(dangling).toMatchObject({ severity: 'warning', line: 8, pointer: '/paths/~1a/get/responses/200/content/application~1json/schema/$ref' });
    expect(dangling!.column).toBeGreaterThan(1);
    expect(dangling!.message).toContain('#/components/schemas/Missing');
  });

  it('reports a YAML syntax error with its position', async () => {
    const { diagnostics } = await importFixture('toolkit.yaml'.replace('toolkit', '../openapi/bad-yaml'));
    expect(diagnostics[0]).toMatchObject({ code: 'TS0200', severity: 'error' });
    expect(diagnostics[0]!.line).toBeGreaterThan(1);
  });

  it('reads OpenAPI 3.2 as 3.1 with a positioned warning; 3.1 gets none', async () => {
    const { diagnostics, toolkit } = await importFixture('shop-v32.yaml');
    expect(toolkit?.tools.map((tool) => tool.operationId)).toEqual(['listItems']);
    expect(diagnostics).toMatchObject([{ code: 'TS0206', severity: 'warning', line: 2, column: 1 }]);
    expect(diagnostics[0]!.message).toContain('OpenAPI 3.2.0 is read as 3.1');
    const v31 = await importFixture('vercel-v31.yaml');
    expect(v31.diagnostics.filter((d) => d.code === 'TS0206' && d.message.includes('read as 3.1'))).toEqual([]);
  });

  it('warns, with positions, about required, items and properties of the wrong kind, and keeps what was meant', async () => {
    const { diagnostics, toolkit } = await importFixture('malformed-schemas.yaml');
    const warnings = diagnostics.filter((d) => d.code === 'TS0020').sort((a, b) => (a.line ?? 0) - (b.line ?? 0)).map((d) => `${d.line}:${d.column} ${d.severity} ${d.message}`);
    expect(warnings).toEqual([
      '14:15 warning `required` must be a list of property names; read as ["name"]',
      '16:39 warning `required: true` inside property "name" is not OpenAPI; read as listing "name" in the object\'s required',
      '17:38 warning `items` must be a schema, not "string"; items accepted as any value',
      '18:39 warning `properties` must be an object of property names to schemas; ignored',
    ]);
    const body = toolByOperation(toolkit!, 'createItem').body!.schema as { required?: string[]; properties: Record<string, Record<string, unknown>> };
    expect(body.required).toEqual(['name']);
    expect(body.properties['tags']).toEqual({ type: 'array', items: {} });
    expect(body.properties['meta']).toEqual({ type: 'object' });
  });

  it('rejects an unsupported version', async () => {
    const { diagnostics } = await importFixture('v2-swagger-1.json');
    expect(diagnostics).toMatchObject([{ code: 'TS0202', severity: 'error' }]);
  });
});
