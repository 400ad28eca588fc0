/** TS0017 a `{param}` in the path with no path parameter; TS0018 a path parameter the path never uses; TS0029 a parameter declared twice. */
import { fieldOrigin, type ValidationRule } from './rule.js';

export function pathPlaceholders(path: string): string[] {
  return [...path.matchAll(/\{([^{}]+)\}/g)].map((match) => match[1] ?? '');
}

export const pathParametersRule: ValidationRule = {
  name: 'path-parameters',
  check(toolkits, reporter) {
    for (const toolkit of toolkits) {
      for (const tool of toolkit.tools) {
        const placeholders = pathPlaceholders(tool.path);
        const declared = tool.parameters.filter((parameter) => parameter.in === 'path');
        for (const name of new Set(placeholders)) {
          if (declared.some((parameter) => parameter.name === name)) continue;
          reporter.error(
            'TS0017',
            `Path "${tool.path}" of ${tool.slug} uses {${name}}, but no parameter "${name}" with in: path is declared.`,
            fieldOrigin(tool.origin, 'request', 'path'),
            `add { name: ${name}, in: path, schema: { type: string } } to parameters`,
          );
        }
        for (const parameter of declared) {
          if (placeholders.includes(parameter.name)) continue;
          reporter.error(
            'TS0018',
            `Path parameter "${parameter.name}" of ${tool.slug} does not appear in its path "${tool.path}".`,
            parameter.origin,
            `add {${parameter.name}} to the path, or change "in" to query`,
          );
        }
        const seen = new Set<string>();
        for (const parameter of tool.parameters) {
          const key = `${parameter.in}:${parameter.in === 'header' ? parameter.name.toLowerCase() : parameter.name}`;
          if (seen.has(key)) {
            reporter.error(
              'TS0029',
              `Parameter "${parameter.name}" (in: ${parameter.in}) is declared more than once in ${tool.slug}.`,
              parameter.origin,
            );
          }
          seen.add(key);
        }
      }
    }
  },
};
