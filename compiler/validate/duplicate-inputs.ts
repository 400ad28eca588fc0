/**
 * TS0022 two inputs with the same name after flattening (toolkits that `report` collisions);
 * TS0207 (info) each input renamed in toolkits that `rename` them.
 */
import { flattenTool } from '../flatten/flatten-tool.js';
import { type ValidationRule } from './rule.js';

export const duplicateInputsRule: ValidationRule = {
  name: 'duplicate-inputs',
  check(toolkits, reporter) {
    for (const toolkit of toolkits) {
      const onCollision = toolkit.inputCollisions ?? 'report';
      for (const tool of toolkit.tools) {
        const result = flattenTool(tool, { onCollision, sharedSchemas: toolkit.sharedSchemas });
        for (const collision of result.collisions) {
          // The same parameter declared twice is TS0029's finding, not a merge clash.
          const parameters = tool.parameters.filter((parameter) => parameter.name === collision.name);
          const sameParameter = parameters.length === collision.origins.length && new Set(parameters.map((p) => p.in)).size === 1;
          if (sameParameter) continue;
          const [, second] = collision.origins;
          reporter.error(
            'TS0022',
            `${tool.slug} has ${collision.origins.length} inputs named "${collision.name}" once parameters and body are merged.`,
            second ?? tool.origin,
            'rename one of them; the model sees a single flat object',
          );
        }
        for (const rename of result.renamed) {
          reporter.report(
            'TS0207',
            'info',
            `${tool.slug}: input "${rename.from}" (${rename.in}) is shown to the model as "${rename.to}" to avoid a name clash.`,
            rename.origin,
          );
        }
      }
    }
  },
};
