/** Runs every validation rule over the toolkits and returns all problems at once. */
import type { Diagnostic } from '../diagnostics/codes.js';
import type { IR } from '../ir/types.js';
import { authSchemesRule } from './auth-schemes.js';
import { bodyOnGetRule } from './body-on-get.js';
import { connectionPatternsRule } from './connection-patterns.js';
import { duplicateFieldsRule } from './duplicate-fields.js';
import { duplicateInputsRule } from './duplicate-inputs.js';
import { duplicateSlugsRule } from './duplicate-slugs.js';
import { importanceRule } from './importance.js';
import { jsonSchemasRule } from './json-schemas.js';
import { oauth2UrlsRule } from './oauth2-urls.js';
import { pathParametersRule } from './path-parameters.js';
import { pollArgumentsRule } from './poll-arguments.js';
import { pollToolsRule } from './poll-tools.js';
import { createReporter, type ValidationRule } from './rule.js';
import { scopesRule } from './scopes.js';
import { slugFormatRule } from './slug-format.js';
import { templatesRule } from './templates.js';

export const validationRules: readonly ValidationRule[] = [
  duplicateSlugsRule,
  slugFormatRule,
  scopesRule,
  templatesRule,
  pathParametersRule,
  importanceRule,
  jsonSchemasRule,
  bodyOnGetRule,
  duplicateInputsRule,
  pollToolsRule,
  pollArgumentsRule,
  oauth2UrlsRule,
  connectionPatternsRule,
  authSchemesRule,
  duplicateFieldsRule,
];

export function validateToolkits(toolkits: readonly IR.Toolkit[]): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const reporter = createReporter(diagnostics);
  for (const rule of validationRules) {
    try {
      rule.check(toolkits, reporter);
    } catch (error) {
      // A rule that trips over odd input must not hide the other rules' findings.
      const reason = error instanceof Error ? error.message : String(error);
      const origin = toolkits[0]?.origin ?? { file: '.', pointer: '' };
      reporter.error('TS0903', `Validation rule "${rule.name}" failed unexpectedly: ${reason}`, origin);
    }
  }
  return diagnostics;
}
