/**
 * Shared-schema references found through properties whose names are also data keywords (`default`, `enum`,
 * `examples`): googleapis.com/aiplatform.json has a property `examples` holding a $ref, which was skipped, so the
 * tool's `$defs` lacked its target (the provider validators then reported an unresolvable $ref).
 */
import { describe, expect, it } from 'vitest';
import { normalizeRefs } from '../../compiler/emit/plan.js';
import { directRefs } from '../../runtime/schema/schema-shape.js';

const shared = { Fallback: { type: 'string' }, Choices: { type: 'array' }, Samples: { type: 'object' }, Data: { type: 'object' } };
const schema = {
  type: 'object',
  properties: {
    default: { $ref: '#/components/schemas/Fallback' },
    enum: { $ref: '#/components/schemas/Choices' },
    examples: { $ref: '#/components/schemas/Samples' },
  },
  // Instance data: a `$ref` inside a default value is data, not a reference.
  default: { $ref: '#/components/schemas/Data' },
};

describe('reference walks', () => {
  it('collect refs under properties named like data keywords, not refs inside data', () => {
    expect([...directRefs(schema, shared)].sort()).toEqual(['Choices', 'Fallback', 'Samples']);
  });

  it('rewrite refs under properties named like data keywords, and leave data alone', () => {
    expect(normalizeRefs(schema, shared)).toEqual({
      type: 'object',
      properties: {
        default: { $ref: '#/$defs/Fallback' },
        enum: { $ref: '#/$defs/Choices' },
        examples: { $ref: '#/$defs/Samples' },
      },
      default: { $ref: '#/components/schemas/Data' },
    });
  });
});
