/**
 * checkJsonSchema names each problem by its JSON pointer from the schema root, built only when a problem is
 * found: segments with `/` and `~` escaped, list indexes, map members, nested keywords, misspelling warnings.
 */
import { describe, expect, it } from 'vitest';
import { checkJsonSchema } from '../../compiler/validate/json-schema-check.js';

describe('checkJsonSchema pointers', () => {
  it('escapes names and follows maps, lists and single subschemas', () => {
    const problems = checkJsonSchema({
      type: 'object',
      properties: {
        'a/b': { properties: { 'c~d': { type: 'nope' } } },
        list: { items: [{ type: 'string' }, { minLength: -1 }] },
        one: { items: { pattern: '(' } },
      },
      anyOf: [{ enum: [] }, 7],
      additionalProperties: { not: { $ref: '#/$defs/Missing' } },
    });
    expect(problems.map((problem) => [problem.path, problem.code])).toEqual([
      ['/properties/a~1b/properties/c~0d/type', 'TS0020'],
      ['/properties/list/items/1/minLength', 'TS0020'],
      ['/properties/one/items/pattern', 'TS0028'],
      ['/anyOf/0/enum', 'TS0020'],
      ['/anyOf/1', 'TS0020'],
      ['/additionalProperties/not/$ref', 'TS0020'],
    ]);
  });

  it('warns about a misspelled keyword at its own pointer when asked', () => {
    const problems = checkJsonSchema({ properties: { x: { descripton: 'typo' } } }, {}, { flagMisspelledKeywords: true });
    expect(problems).toEqual([expect.objectContaining({ path: '/properties/x/descripton', severity: 'warning' })]);
  });

  it('walks a shared object once, so a problem in it is reported once', () => {
    const shared = { type: 'strin' };
    const problems = checkJsonSchema({ properties: { a: shared, b: shared } });
    expect(problems.map((problem) => problem.path)).toEqual(['/properties/a/type']);
  });
});
