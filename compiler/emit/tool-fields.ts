/**
 * Extra fields other emitters add to every emitted tool object, without editing the toolkit index emitter.
 * None are registered by default (`providerSchemas` is built in). See `registry.ts` for how to add one.
 */
import type { ToolPlan, ToolkitPlan } from './plan.js';

export interface ToolFieldContributor {
  /** The `CompiledTool` field, e.g. `examples`. */
  readonly field: string;
  /** Import statements `<toolkit>/index.ts` needs for the values, e.g. `import * as X from './examples.gen.js';`. */
  readonly imports?: (plan: ToolkitPlan) => string[];
  /**
   * TypeScript source of the field's value for one tool (undefined leaves the field out), e.g.
   * `X.githubStarARepository`. It is evaluated when the toolkit module loads and set on the tool object as is.
   */
  readonly value: (tool: ToolPlan, plan: ToolkitPlan) => string | undefined;
}

/** Filled in `registry.ts`. */
export const toolFieldContributors: ToolFieldContributor[] = [];
