/** TS0028 a connection field `pattern` that is not a valid regular expression. */
import { fieldOrigin, type ValidationRule } from './rule.js';

export function regexProblem(pattern: string): string | undefined {
  try {
    new RegExp(pattern, 'u');
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

export const connectionPatternsRule: ValidationRule = {
  name: 'connection-patterns',
  check(toolkits, reporter) {
    for (const toolkit of toolkits) {
      for (const field of toolkit.connection) {
        const problem = field.pattern === undefined ? undefined : regexProblem(field.pattern);
        if (problem === undefined) continue;
        reporter.error(
          'TS0028',
          `Pattern of connection field "${field.name}" is not a valid regular expression: ${problem}.`,
          fieldOrigin(field.origin, 'pattern'),
        );
      }
    }
  },
};
