/**
 * lowerTool remembers results by input for slugs every provider keeps as the tool name: a repeated input
 * gives the same result as lowering it afresh, and a slug that must be renamed still gets its own name.
 */
import { describe, expect, it } from 'vitest';
import { lowerTool } from '../../compiler/lower/index.js';

const input = () => ({
  type: 'object',
  properties: {
    owner: { type: 'string', description: 'The account owner.' },
    per_page: { type: 'integer', default: 30, maximum: 100 },
    'weird key!': { type: 'string' },
  },
  required: ['owner'],
});

describe('lowerTool memo', () => {
  it('a repeated input (a new but equal object) lowers to what the first tool got', () => {
    const first = lowerTool('DEMO_LIST_THINGS', input());
    const again = lowerTool('DEMO_LIST_OTHER_THINGS', input());
    expect(again).toEqual(first);
    expect(JSON.stringify(again)).toBe(JSON.stringify(first));
    expect(first.schemas.openai.name).toBeUndefined();
  });

  it('a slug too long for a provider tool name is lowered for itself, with its shortened name', () => {
    lowerTool('DEMO_SHORT', input());
    const long = `DEMO_${'VERY_LONG_'.repeat(8)}NAME`;
    const lowered = lowerTool(long, input());
    for (const dialect of ['openai', 'anthropic', 'gemini'] as const) {
      expect(lowered.schemas[dialect].name).toMatch(/^DEMO_VERY_LONG_.{0,60}$/);
      expect(lowered.schemas[dialect].name!.length).toBeLessThanOrEqual(64);
      expect(lowered.schemas[dialect].changes[0]).toMatch(/^tool name shortened to /);
    }
  });

  it('a different input is lowered again', () => {
    const a = lowerTool('DEMO_A', input());
    const b = lowerTool('DEMO_B', { ...input(), required: [] });
    expect(b).not.toEqual(a);
    expect(b.schemas.openai.fixes?.some((fix) => fix.kind === 'drop-null' && fix.path[0] === 'owner')).toBe(true);
  });
});
