/** TS0019 importance outside 0–100. */
import { fieldOrigin, type ValidationRule } from './rule.js';

export const importanceRule: ValidationRule = {
  name: 'importance',
  check(toolkits, reporter) {
    for (const toolkit of toolkits) {
      for (const tool of toolkit.tools) {
        if (Number.isFinite(tool.importance) && tool.importance >= 0 && tool.importance <= 100) continue;
        reporter.error(
          'TS0019',
          `Importance of ${tool.slug} is ${tool.importance}; it must be between 0 and 100.`,
          fieldOrigin(tool.origin, 'importance'),
        );
      }
    }
  },
};
