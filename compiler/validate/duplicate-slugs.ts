/** TS0023 duplicate toolkit slugs, TS0010 duplicate tool slugs, TS0011 duplicate trigger slugs. */
import type { DiagnosticCode } from '../diagnostics/codes.js';
import type { IR } from '../ir/types.js';
import { fieldOrigin, type Reporter, type ValidationRule } from './rule.js';
import { positionOf } from '../diagnostics/positions.js';

function reportDuplicates(
  items: ReadonlyArray<{ slug: string; origin: IR.Origin }>,
  code: DiagnosticCode,
  what: string,
  reporter: Reporter,
): void {
  const first = new Map<string, IR.Origin>();
  for (const item of items) {
    const earlier = first.get(item.slug);
    if (!earlier) {
      first.set(item.slug, item.origin);
      continue;
    }
    const { line } = positionOf(earlier.file, earlier.pointer);
    reporter.error(
      code,
      `Duplicate ${what} slug "${item.slug}": it is already used at ${earlier.file}:${line}.`,
      fieldOrigin(item.origin, 'slug'),
    );
  }
}

export const duplicateSlugsRule: ValidationRule = {
  name: 'duplicate-slugs',
  check(toolkits, reporter) {
    reportDuplicates(toolkits, 'TS0023', 'toolkit', reporter);
    for (const toolkit of toolkits) {
      reportDuplicates(toolkit.tools, 'TS0010', 'tool', reporter);
      reportDuplicates(toolkit.triggers, 'TS0011', 'trigger', reporter);
    }
  },
};
