/** TS0012 a tool or trigger scope that no auth scheme declares; TS0027 a default scope its scheme lacks. */
import { didYouMeanHint } from '../parse/yaml/did-you-mean.js';
import { fieldOrigin, quoteList, type ValidationRule } from './rule.js';

export const scopesRule: ValidationRule = {
  name: 'scopes',
  check(toolkits, reporter) {
    for (const toolkit of toolkits) {
      const declared = new Set<string>();
      for (const scheme of toolkit.auth) {
        if (scheme.kind !== 'oauth2') continue;
        for (const name of Object.keys(scheme.scopes)) declared.add(name);
        scheme.defaultScopes.forEach((scope, index) => {
          if (Object.hasOwn(scheme.scopes, scope)) return;
          reporter.error(
            'TS0027',
            `Default scope "${scope}" is not among the scopes this oauth2 scheme declares.`,
            fieldOrigin(scheme.origin, 'defaultScopes', index),
            didYouMeanHint(scope, Object.keys(scheme.scopes)) ?? `declared scopes: ${quoteList(Object.keys(scheme.scopes))}`,
          );
        });
      }
      const known = [...declared].sort();
      const users = [
        ...toolkit.tools.map((tool) => ({ kind: 'Tool', slug: tool.slug, scopes: tool.scopes, origin: tool.origin })),
        ...toolkit.triggers.map((trigger) => ({ kind: 'Trigger', slug: trigger.slug, scopes: trigger.scopes, origin: trigger.origin })),
      ];
      for (const user of users) {
        user.scopes.forEach((scope, index) => {
          if (declared.has(scope)) return;
          reporter.error(
            'TS0012',
            `${user.kind} ${user.slug} requires scope "${scope}", which no auth scheme of toolkit "${toolkit.slug}" declares.`,
            fieldOrigin(user.origin, 'scopes', index),
            didYouMeanHint(scope, known) ?? `declared scopes: ${quoteList(known)}`,
          );
        });
      }
    }
  },
};
