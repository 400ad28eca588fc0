/**
 * toolsmith.schema.json and the parser must agree: the same objects with the same fields, and a
 * JSON Schema validator (ajv, as editors use) accepting what the parser accepts and rejecting an
 * unknown field the parser rejects.
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { definitionFields } from '../../compiler/parse/yaml/fields.js';
import { loadDefinitions } from '../../compiler/parse/load-definitions.js';

interface SchemaDefinition {
  properties?: Record<string, unknown>;
  additionalProperties?: unknown;
  required?: string[];
}
const schema = JSON.parse(readFileSync('toolsmith.schema.json', 'utf8')) as {
  $schema: string;
  definitions: Record<string, SchemaDefinition>;
};

describe('toolsmith.schema.json', () => {
  it('is draft-07 and declares exactly the parser\'s objects', () => {
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(Object.keys(schema.definitions).filter((name) => name !== 'JsonSchema').sort()).toEqual(
      Object.keys(definitionFields).sort(),
    );
  });

  for (const [kind, fields] of Object.entries(definitionFields)) {
    it(`${kind}: same fields, closed, each described`, () => {
      const definition = schema.definitions[kind];
      expect(Object.keys(definition?.properties ?? {}).sort()).toEqual([...fields].sort());
      expect(definition?.additionalProperties).toBe(false);
      for (const [field, property] of Object.entries(definition?.properties ?? {})) {
        expect([kind, field, typeof (property as { description?: unknown }).description]).toEqual([kind, field, 'string']);
      }
    });
  }

  const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
  const validate = ajv.compile(schema);
  const validFiles = [
    'test/fixtures/diagnostics/valid/demo/toolkit.yaml',
    'test/parse/fixtures/defaults/demo/toolkit.yaml',
    ...(existsSync('definitions')
      ? readdirSync('definitions')
          .map((name) => `definitions/${name}/toolkit.yaml`)
          .filter((file) => existsSync(file))
      : []),
  ];

  for (const file of validFiles) {
    it(`accepts ${file}, which the parser accepts`, async () => {
      const folder = file.split('/').slice(0, -2).join('/');
      const name = file.split('/').at(-2) ?? '';
      const { diagnostics } = await loadDefinitions(folder, { only: [name] });
      const shapeErrors = diagnostics.filter((d) => d.file === file && ['TS0002', 'TS0003', 'TS0004', 'TS0005'].includes(d.code));
      expect(shapeErrors).toEqual([]);
      const ok = validate(parse(readFileSync(file, 'utf8')));
      expect(validate.errors ?? []).toEqual([]);
      expect(ok).toBe(true);
    });
  }

  it('rejects the unknown, missing and mistyped fields the parser rejects', () => {
    for (const code of ['TS0002', 'TS0003', 'TS0004', 'TS0005']) {
      const data = parse(readFileSync(`test/fixtures/diagnostics/${code}/demo/toolkit.yaml`, 'utf8')) as unknown;
      expect([code, validate(data)]).toEqual([code, false]);
    }
  });
});
