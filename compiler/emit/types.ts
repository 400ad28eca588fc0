/** The emitter contract: an emitter turns IR toolkits into generated files (paths relative to the out dir). */
import type { IR } from '../ir/types.js';
import type { ToolkitPlan } from './plan.js';

export interface GeneratedFile {
  /** Relative to the output folder, `/`-separated, e.g. `github/slugs.gen.ts`. */
  readonly path: string;
  readonly contents: string;
}

export interface EmitContext {
  /** The plan of each toolkit (flattened inputs, identifiers, module layout), computed once per build. */
  readonly plan: (toolkit: IR.Toolkit) => ToolkitPlan;
}

export interface Emitter {
  readonly name: string;
  /** Files for one toolkit (under `<toolkit>/`). */
  emitToolkit?(toolkit: IR.Toolkit, context: EmitContext): GeneratedFile[];
  /** Files that span every toolkit (`index.ts`, `catalog.json`). */
  emitAll?(toolkits: readonly IR.Toolkit[], context: EmitContext): GeneratedFile[];
}
