/**
 * `<toolkit>/json/providers-NN.json`: every tool's input schema lowered for each provider dialect at build
 * time (compiler/lower), one file per group of tools. runtime/schema/stored-toolkit.ts fills them into
 * `CompiledTool.providerSchemas`, reading a group on first access, so loading a toolkit costs neither
 * parsing nor reading them.
 */
import type { Diagnostic } from '../diagnostics/codes.js';
import { makeDiagnostic } from '../diagnostics/positions.js';
import type { IR } from '../ir/types.js';
import { lowerTool, PROVIDER_DIALECTS, type ToolLowering } from '../lower/index.js';
import type { ToolPlan, ToolkitPlan } from './plan.js';
import { groupedJsonFiles } from './json-files.js';
import type { EmitContext, Emitter, GeneratedFile } from './types.js';

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
    return groupedJsonFiles(plan, 'providers', (tool) => {
      const lowered = loweredOf(tool, toolkit);
      return Object.fromEntries(PROVIDER_DIALECTS.map((dialect) => [dialect, lowered.schemas[dialect]]));
    });
  },
};

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
