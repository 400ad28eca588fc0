/** TS0030 two auth schemes of the same kind (an account names its scheme by kind, so it would be ambiguous). */
import { type ValidationRule } from './rule.js';

export const authSchemesRule: ValidationRule = {
  name: 'auth-schemes',
  check(toolkits, reporter) {
    for (const toolkit of toolkits) {
      const seen = new Set<string>();
      for (const scheme of toolkit.auth) {
        if (seen.has(scheme.kind)) {
          reporter.error(
            'TS0030',
            `Toolkit "${toolkit.slug}" declares auth scheme "${scheme.kind}" more than once; an account picks its scheme by this name.`,
            scheme.origin,
            'merge the two, or make one of them scheme: custom',
          );
        }
        seen.add(scheme.kind);
      }
    }
  },
};
