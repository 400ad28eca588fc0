/**
 * `<toolkit>/provider-schemas.gen.ts`: every tool's input schema lowered for each provider dialect at build
 * time (compiler/lower), filled into `CompiledTool.providerSchemas`. The schemas themselves live in
 * `<toolkit>/json/providers-NN.json` (one file per group of tools), read and parsed on first access, so
 * loading a toolkit costs neither parsing nor reading them, and type-checking sees small modules only.
 */
import type { Diagnostic } from '../diagnostics/codes.js';
import { makeDiagnostic } from '../diagnostics/positions.js';
import type { IR } from '../ir/types.js';
import { lowerTool, PROVIDER_DIALECTS, type ToolLowering } from '../lower/index.js';
import type { ToolPlan, ToolkitPlan } from './plan.js';
import type { ToolFieldContributor } from './tool-fields.js';
import { groupedJsonFiles, jsonFileName } from './json-files.js';
import { quote } from './schema/names.js';
import { printModule } from './ts-printer.js';
import type { EmitContext, Emitter, GeneratedFile } from './types.js';

const HELPERS = `import { jsonFile } from './support.gen.js';
import type { ProviderSchema } from 'toolsmith/schema';

type Dialect = 'openai' | 'anthropic' | 'gemini';

/**
 * The provider schemas of tool \`slug\`, read from \`json/<file>\` when a dialect is first read. Own enumerable
 * getters, so the object reads like a plain record: \`Object.keys\` / \`Object.entries\` list the dialects.
 */
export function providerSchemas(file: string, slug: string): Readonly<Record<Dialect, ProviderSchema>> {
  const entry = (dialect: Dialect): ProviderSchema => (jsonFile(file)[slug] as Record<Dialect, ProviderSchema>)[dialect];
  return {
    get openai() { return entry('openai'); },
    get anthropic() { return entry('anthropic'); },
    get gemini() { return entry('gemini'); },
  };
}`;

/** The tool's flat input schema with the shared schemas it references as its own `$defs`. */
export function selfContainedInput(tool: ToolPlan, toolkit: IR.Toolkit): Record<string, unknown> {
  if (tool.inputRefs.length === 0) return tool.inputParameters as Record<string, unknown>;
  const defs: Record<string, unknown> = { ...(tool.inputParameters['$defs'] as Record<string, unknown> | undefined) };
  for (const key of tool.inputRefs) {
    const shared = toolkit.sharedSchemas[key];
    if (shared !== undefined) defs[key] = shared;
  }
  return { ...tool.inputParameters, $defs: defs };
}

/**
 * Lowering is the costly part of a build and both the emitter and the build's diagnostics need it: each IR tool
 * (the same object in both passes) is lowered once.
 */
const loweredByTool = new WeakMap<IR.Tool, ToolLowering>();
function loweredOf(tool: ToolPlan, toolkit: IR.Toolkit): ToolLowering {
  let lowered = loweredByTool.get(tool.tool);
  if (!lowered) {
    lowered = lowerTool(tool.tool.slug, selfContainedInput(tool, toolkit));
    loweredByTool.set(tool.tool, lowered);
  }
  return lowered;
}

export const providerSchemasEmitter: Emitter = {
  name: 'provider-schemas',
  emitToolkit(toolkit: IR.Toolkit, context: EmitContext): GeneratedFile[] {
    const plan = context.plan(toolkit);
    if (plan.tools.length === 0) return [];
    const files = groupedJsonFiles(plan, 'providers', (tool) => {
      const lowered = loweredOf(tool, toolkit);
      return Object.fromEntries(PROVIDER_DIALECTS.map((dialect) => [dialect, lowered.schemas[dialect]]));
    });
    return [{ path: `${toolkit.slug}/provider-schemas.gen.ts`, contents: printModule([HELPERS]) }, ...files];
  },
};

/** Sets `providerSchemas` on every emitted tool object (read from `json/providers-NN.json` on first access). */
export const providerSchemasField: ToolFieldContributor = {
  field: 'providerSchemas',
  imports: (plan: ToolkitPlan) => (plan.tools.length === 0 ? [] : ["import { providerSchemas } from './provider-schemas.gen.js';"]),
  value: (tool: ToolPlan, plan: ToolkitPlan) => `providerSchemas(${quote(jsonFileName('providers', toolIndex(plan, tool)))}, ${quote(tool.tool.slug)})`,
};

const indexes = new WeakMap<ToolkitPlan, Map<ToolPlan, number>>();
/** The tool's position in the plan (which JSON group holds it), computed once per plan. */
function toolIndex(plan: ToolkitPlan, tool: ToolPlan): number {
  let map = indexes.get(plan);
  if (!map) {
    map = new Map(plan.tools.map((candidate, index) => [candidate, index]));
    indexes.set(plan, map);
  }
  return map.get(tool)!;
}

/**
 * Lowering diagnostics for a toolkit: TS0301 (warning) where OpenAI strict mode is impossible, TS0300 (info)
 * per tool whose schema had to change, and TS0903 (error) if a lowered schema still breaks a provider's rules.
 */
export function loweringDiagnostics(toolkit: IR.Toolkit, plan: ToolkitPlan): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const tool of plan.tools) {
    const lowered = loweredOf(tool, toolkit);
    const origin = tool.tool.origin;
    for (const warning of lowered.warnings) {
      out.push(makeDiagnostic('TS0301', 'warning', `${tool.tool.slug}: ${warning.dialect} strict mode impossible (${warning.message}); the tool is sent non-strict.`, origin));
    }
    for (const problem of lowered.problems) {
      out.push(makeDiagnostic('TS0903', 'error', `${tool.tool.slug}: lowered ${problem.dialect} schema still rejected: ${problem.message}`, origin));
    }
    const changed = PROVIDER_DIALECTS.filter((dialect) => lowered.schemas[dialect].changes.length > 0);
    if (changed.length > 0) {
      out.push(makeDiagnostic('TS0300', 'info', `${tool.tool.slug}: schema lowered for ${changed.join(', ')} (${lowered.schemas[changed[0]!].changes[0]}${lowered.schemas[changed[0]!].changes.length > 1 ? ', …' : ''}).`, origin));
    }
  }
  return out;
}
