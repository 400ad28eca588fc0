/**
 * `<toolkit>/provider-schemas.gen.ts`: every tool's input schema lowered for each provider dialect at build
 * time (compiler/lower), filled into `CompiledTool.providerSchemas`. Each dialect's schema is a JSON string
 * literal parsed on first access, so loading a toolkit costs no parsing and type-checking sees only strings.
 */
import type { Diagnostic } from '../diagnostics/codes.js';
import { makeDiagnostic } from '../diagnostics/positions.js';
import type { IR } from '../ir/types.js';
import { lowerTool, PROVIDER_DIALECTS } from '../lower/index.js';
import type { ToolPlan, ToolkitPlan } from './plan.js';
import type { ToolFieldContributor } from './tool-fields.js';
import { constStatement, jsonLiteral, printModule } from './ts-printer.js';
import type { EmitContext, Emitter, GeneratedFile } from './types.js';

const HELPERS = `/** Parses a lowered schema on first access and keeps it. */
function lazy(json: string): () => any {
  let value: unknown;
  return () => (value ??= JSON.parse(json));
}

/** One tool's provider schemas; each dialect is parsed when first read. */
function schemas(openai: string, anthropic: string, gemini: string) {
  const o = lazy(openai);
  const a = lazy(anthropic);
  const g = lazy(gemini);
  return {
    get openai() { return o(); },
    get anthropic() { return a(); },
    get gemini() { return g(); },
  };
}`;

function exportName(tool: ToolPlan): string {
  return tool.inputName.replace(/Input$/, '');
}

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

export const providerSchemasEmitter: Emitter = {
  name: 'provider-schemas',
  emitToolkit(toolkit: IR.Toolkit, context: EmitContext): GeneratedFile[] {
    const plan = context.plan(toolkit);
    if (plan.tools.length === 0) return [];
    const statements = plan.tools.map((tool) => {
      const lowered = lowerTool(tool.tool.slug, selfContainedInput(tool, toolkit));
      const args = PROVIDER_DIALECTS.map((dialect) => jsonLiteral(lowered.schemas[dialect])).join(',\n  ');
      return constStatement({ name: exportName(tool), initializer: `/* @__PURE__ */ schemas(\n  ${args},\n)`, doc: `${tool.tool.slug} lowered for each provider.` });
    });
    return [{ path: `${toolkit.slug}/provider-schemas.gen.ts`, contents: printModule([HELPERS, ...statements]) }];
  },
};

/** Sets `providerSchemas` on every emitted tool object. */
export const providerSchemasField: ToolFieldContributor = {
  field: 'providerSchemas',
  imports: (plan: ToolkitPlan) => (plan.tools.length === 0 ? [] : ["import * as ProviderSchemas from './provider-schemas.gen.js';"]),
  value: (tool: ToolPlan) => `ProviderSchemas.${exportName(tool)}`,
};

/**
 * Lowering diagnostics for a toolkit: TS0301 (warning) where OpenAI strict mode is impossible, TS0300 (info)
 * per tool whose schema had to change, and TS0903 (error) if a lowered schema still breaks a provider's rules.
 */
export function loweringDiagnostics(toolkit: IR.Toolkit, plan: ToolkitPlan): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const tool of plan.tools) {
    const lowered = lowerTool(tool.tool.slug, selfContainedInput(tool, toolkit));
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
