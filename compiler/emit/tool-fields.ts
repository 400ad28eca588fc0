/**
 * Extra fields other emitters add to every emitted tool object (e.g. `providerSchemas`), without editing
 * the toolkit index emitter. See `registry.ts` for how to add one.
 */
import type { ToolPlan, ToolkitPlan } from './plan.js';

export interface ToolFieldContributor {
  /** The `CompiledTool` field, e.g. `providerSchemas`. */
  readonly field: string;
  /** Import statements `<toolkit>/index.ts` needs for the values, e.g. `import * as P from './provider-schemas.gen.js';`. */
  readonly imports?: (plan: ToolkitPlan) => string[];
  /**
   * TypeScript source of the field's value for one tool (undefined leaves the field out). Write a getter-free
   * expression; to build it lazily, emit a module and return e.g. `P.githubStarARepository` (a plain value) —
   * `defineTool` copies fields as property descriptors, so a value stays as is.
   */
  readonly value: (tool: ToolPlan, plan: ToolkitPlan) => string | undefined;
}

/** Filled in `registry.ts`. */
export const toolFieldContributors: ToolFieldContributor[] = [];
