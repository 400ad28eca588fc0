/** TS0033 a connection field, a credential field of one scheme, or an inject rule declared twice. */
import type { IR } from '../ir/types.js';
import { type Reporter, type ValidationRule } from './rule.js';

function reportRepeats<T extends { origin: IR.Origin }>(
  items: readonly T[],
  keyOf: (item: T) => string,
  describe: (item: T) => string,
  reporter: Reporter,
): void {
  const seen = new Set<string>();
  for (const item of items) {
    const key = keyOf(item);
    if (seen.has(key)) reporter.error('TS0033', `${describe(item)} is declared more than once.`, item.origin);
    seen.add(key);
  }
}

export const duplicateFieldsRule: ValidationRule = {
  name: 'duplicate-fields',
  check(toolkits, reporter) {
    for (const toolkit of toolkits) {
      reportRepeats(toolkit.connection, (field) => field.name, (field) => `Connection field "${field.name}"`, reporter);
      for (const scheme of toolkit.auth) {
        // Defaulted fields share the scheme's origin; only written ones can repeat.
        reportRepeats(scheme.fields, (field) => field.name, (field) => `Credential field "${field.name}" of the ${scheme.kind} scheme`, reporter);
        reportRepeats(
          scheme.inject,
          (rule) => `${rule.in}:${rule.in === 'header' ? rule.name.toLowerCase() : rule.name}`,
          (rule) => `Inject rule for ${rule.in} "${rule.name}" of the ${scheme.kind} scheme`,
          reporter,
        );
      }
    }
  },
};
