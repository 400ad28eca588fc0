/**
 * Everything the emitters share about one toolkit, computed once: flattened inputs, identifiers, and the
 * module layout (one `schemas.gen.ts`, or `schemas/*.gen.ts` parts for big toolkits).
 */
import { flattenTool } from '../flatten/flatten-tool.js';
import type { IR } from '../ir/types.js';
import type { InputMapping } from '../../runtime/types.js';
import { markFileInputs } from '../../runtime/schema/file-inputs.js';
import { directRefs, INSTANCE_DATA, isSchema, SCHEMA_MAPS, type Schema } from '../../runtime/schema/schema-shape.js';
import { assignSharedNames, camelCase, pascalCase } from './schema/names.js';

/** Above these sizes a toolkit's schema types are split into `schemas/part-NN.gen.ts` and `schemas/shared.gen.ts`. */
export const SPLIT_TOOL_THRESHOLD = 100;
export const SPLIT_SHARED_THRESHOLD = 150;
export const TOOLS_PER_PART = 50;

export interface ToolPlan {
  readonly tool: IR.Tool;
  readonly inputName: string;
  readonly outputName: string;
  readonly inputs: readonly InputMapping[];
  /** The flat LLM-facing input schema (refs point at `#/$defs/<key>`). */
  readonly inputParameters: Schema;
  /** The same with file inputs marked for the Zod/TS generators. */
  readonly inputForCode: Schema;
  readonly outputParameters: Schema;
  /** Shared keys each schema needs in its own `$defs` (transitively). */
  readonly inputRefs: readonly string[];
  readonly outputRefs: readonly string[];
  /** Schema part (split layout only), 1-based. */
  readonly part: number;
}

export interface TriggerPlan {
  readonly trigger: IR.Trigger;
  readonly configName: string;
  readonly payloadName: string;
  readonly configRefs: readonly string[];
  readonly payloadRefs: readonly string[];
}

export interface ToolkitPlan {
  readonly toolkit: IR.Toolkit;
  /** `GITHUB`-style prefix's Pascal form, e.g. `Github`. */
  readonly pascal: string;
  /** The export name, e.g. `github`. */
  readonly camel: string;
  /** Schema modules split into `schemas/*.gen.ts` (big toolkits). */
  readonly split: boolean;
  readonly parts: number;
  /** Shared-schema key → exported identifier. */
  readonly sharedNames: ReadonlyMap<string, string>;
  readonly tools: readonly ToolPlan[];
  readonly triggers: readonly TriggerPlan[];
}

/** The response data the runtime returns for a file download (`runtime/files/download.ts` SavedFile). */
const SAVED_FILE_SCHEMA: Schema = {
  type: 'object',
  description: 'The downloaded file, saved locally.',
  properties: {
    path: { type: 'string' },
    name: { type: 'string' },
    mimeType: { type: 'string' },
    size: { type: 'integer' },
  },
  required: ['path', 'name', 'mimeType', 'size'],
};

export function outputSchemaOf(response: IR.Response): Schema {
  switch (response.kind) {
    case 'json':
      return response.fileField ? SAVED_FILE_SCHEMA : response.schema;
    case 'text':
      return { type: 'string' };
    case 'file':
      return SAVED_FILE_SCHEMA;
    case 'empty':
      return {};
  }
}

/** Rewrites every local shared `$ref` to `#/$defs/<key>` so the schema is self-contained once `$defs` is attached. */
export function normalizeRefs(value: unknown, shared: Readonly<Record<string, Schema>>): unknown {
  if (Array.isArray(value)) return value.map((item) => normalizeRefs(item, shared));
  if (!isSchema(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (key === '$ref' && typeof item === 'string') {
      const match = /^#\/(?:\$defs|definitions|components\/schemas)\/(.+)$/.exec(item);
      const name = match ? match[1]!.replace(/~1/g, '/').replace(/~0/g, '~') : undefined;
      out[key] = name !== undefined && Object.hasOwn(shared, name) ? `#/$defs/${name.replace(/~/g, '~0').replace(/\//g, '~1')}` : item;
    } else if (INSTANCE_DATA.has(key)) {
      out[key] = item;
    } else if (SCHEMA_MAPS.has(key) && isSchema(item)) {
      // Keys here are names (a property may be called `default` or `examples`), the values schemas.
      out[key] = Object.fromEntries(Object.entries(item).map(([name, member]) => [name, normalizeRefs(member, shared)]));
    } else {
      out[key] = typeof item === 'object' && item !== null ? normalizeRefs(item, shared) : item;
    }
  }
  return out;
}

function unique(name: string, used: Set<string>): string {
  let result = name;
  for (let index = 2; used.has(result); index++) result = `${name}${index}`;
  used.add(result);
  return result;
}

export function planToolkit(toolkit: IR.Toolkit): ToolkitPlan {
  const shared = toolkit.sharedSchemas;
  const split = toolkit.tools.length > SPLIT_TOOL_THRESHOLD || Object.keys(shared).length > SPLIT_SHARED_THRESHOLD;
  const used = new Set<string>();
  const refsOf = sharedClosure(shared);
  const tools = toolkit.tools.map((tool, index): ToolPlan => {
    const base = unique(pascalCase(tool.slug), used);
    const flat = flattenTool(tool, { onCollision: toolkit.inputCollisions ?? 'report', sharedSchemas: shared });
    const inputParameters = normalizeRefs(flat.schema, shared) as Schema;
    const outputParameters = normalizeRefs(outputSchemaOf(tool.response), shared) as Schema;
    return {
      tool,
      inputName: `${base}Input`,
      outputName: `${base}Output`,
      inputs: flat.inputs,
      inputParameters,
      inputForCode: markFileInputs(inputParameters, flat.inputs),
      outputParameters,
      inputRefs: refsOf(inputParameters),
      outputRefs: refsOf(outputParameters),
      part: Math.floor(index / TOOLS_PER_PART) + 1,
    };
  });
  const triggers = toolkit.triggers.map((trigger): TriggerPlan => {
    const base = unique(pascalCase(trigger.slug), used);
    return {
      trigger,
      configName: `${base}Config`,
      payloadName: `${base}Payload`,
      configRefs: refsOf(trigger.config),
      payloadRefs: refsOf(trigger.payload),
    };
  });
  const taken = new Set<string>([...tools.flatMap((tool) => [tool.inputName, tool.outputName]), ...triggers.flatMap((t) => [t.configName, t.payloadName])]);
  return {
    toolkit,
    pascal: pascalCase(toolkit.slug),
    camel: camelCase(toolkit.slug),
    split,
    parts: split ? Math.max(1, Math.ceil(tools.length / TOOLS_PER_PART)) : 1,
    sharedNames: assignSharedNames(Object.keys(shared), taken),
    tools,
    triggers,
  };
}

/** `schema` → the shared keys it needs (transitively), with each shared schema's edges computed once. */
function sharedClosure(shared: Readonly<Record<string, Schema>>): (schema: unknown) => string[] {
  const edges = new Map<string, string[]>();
  const edgesOf = (key: string): string[] => {
    let list = edges.get(key);
    if (!list) {
      list = [...directRefs(shared[key], shared)];
      edges.set(key, list);
    }
    return list;
  };
  return (schema) => {
    const seen = new Set<string>();
    const stack = [...directRefs(schema, shared)];
    while (stack.length > 0) {
      const key = stack.pop()!;
      if (seen.has(key)) continue;
      seen.add(key);
      for (const next of edgesOf(key)) if (!seen.has(next)) stack.push(next);
    }
    return [...seen].sort();
  };
}

/**
 * Plans by IR toolkit, shared by every planner: the build's lowering diagnostics and the emitters plan the
 * same IR objects, so flattening and planning run once per toolkit (the IR is never mutated after parsing).
 */
const plans = new WeakMap<IR.Toolkit, ToolkitPlan>();

/** A memoizing plan lookup (plans live as long as their IR toolkit). */
export function createPlanner(): (toolkit: IR.Toolkit) => ToolkitPlan {
  return (toolkit) => {
    let plan = plans.get(toolkit);
    if (!plan) {
      plan = planToolkit(toolkit);
      plans.set(toolkit, plan);
    }
    return plan;
  };
}
