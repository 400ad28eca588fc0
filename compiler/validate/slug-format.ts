/** TS0013 slug format, TS0014 toolkit prefix, TS0015 the 60-character limit. */
import { fieldOrigin, type ValidationRule } from './rule.js';

export const toolkitSlugPattern = /^[a-z][a-z0-9_]*$/;
export const toolSlugPattern = /^[A-Z][A-Z0-9_]*$/;
export const maxSlugLength = 60;

export const slugFormatRule: ValidationRule = {
  name: 'slug-format',
  check(toolkits, reporter) {
    for (const toolkit of toolkits) {
      if (!toolkitSlugPattern.test(toolkit.slug)) {
        reporter.error(
          'TS0013',
          `Toolkit slug "${toolkit.slug}" must be lower snake case: a letter, then letters, digits or "_".`,
          fieldOrigin(toolkit.origin, 'slug'),
          `try "${toolkit.slug.toLowerCase().replace(/[^a-z0-9_]+/g, '_').replace(/^[^a-z]+/, '')}"`,
        );
        continue;
      }
      const prefix = toolkit.slug.toUpperCase() + '_';
      const items = [
        ...toolkit.tools.map((tool) => ({ kind: 'Tool', slug: tool.slug, origin: tool.origin })),
        ...toolkit.triggers.map((trigger) => ({ kind: 'Trigger', slug: trigger.slug, origin: trigger.origin })),
      ];
      for (const item of items) {
        const origin = fieldOrigin(item.origin, 'slug');
        if (!toolSlugPattern.test(item.slug)) {
          reporter.error(
            'TS0013',
            `${item.kind} slug "${item.slug}" must be upper snake case: a letter, then letters, digits or "_".`,
            origin,
            `try "${item.slug.toUpperCase().replace(/[^A-Z0-9_]+/g, '_')}"`,
          );
        } else if (!item.slug.startsWith(prefix) || item.slug.length === prefix.length) {
          reporter.error(
            'TS0014',
            `${item.kind} slug "${item.slug}" must start with the toolkit prefix "${prefix}".`,
            origin,
            `try "${prefix}${item.slug}"`,
          );
        }
        if (item.slug.length > maxSlugLength) {
          reporter.error(
            'TS0015',
            `${item.kind} slug "${item.slug}" is ${item.slug.length} characters long; the limit is ${maxSlugLength}.`,
            origin,
          );
        }
      }
    }
  },
};
