import { describe, expect, it } from 'vitest';
import { generateArguments, generateValue } from './argument-generator.js';

describe('argument generator', () => {
  it('satisfies patterns real specs use', () => {
    for (const pattern of ['^AD[0-9a-fA-F]{32}$', '^(SM|MM)[0-9a-fA-F]{32}$', '^[\\w-]+$', '^\\d{4}-\\d{2}$', '^[a-z]{2,5}_[0-9]+$', 'prod_[A-Za-z0-9]{14}']) {
      const value = generateValue({ type: 'string', pattern }, {}) as string;
      expect(new RegExp(pattern, 'u').test(value), `${pattern} → ${value}`).toBe(true);
    }
  });
  it('fills required fields, follows $defs and picks usable branches', () => {
    const schema = {
      type: 'object', required: ['a', 'b', 'c'],
      properties: { a: { $ref: '#/$defs/A' }, b: { anyOf: [{ type: 'null' }, { type: 'integer', minimum: 3 }] }, c: { type: 'array', items: { enum: ['x', 'y'] } }, d: { type: 'object' } },
      $defs: { A: { type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid' } } } },
    };
    expect(generateArguments(schema, { optionalTopLevel: true })).toEqual({ a: { id: '123e4567-e89b-12d3-a456-426614174000' }, b: 3, c: ['x', 'y'] });
  });
});

describe('argument generator branches', () => {
  it('keeps the outer required fields when a oneOf branch adds its own', () => {
    const schema = { type: 'object', required: ['body'], properties: { body: {
      type: 'object', required: ['type'], properties: { type: { enum: ['Issue', 'PullRequest'] }, id: { type: 'integer' } },
      oneOf: [{ required: ['id'] }, { required: ['owner'] }],
    } } };
    expect(generateArguments(schema)).toEqual({ body: { type: 'Issue', id: 1 } });
  });
});
