/**
 * `catalog.json`: the published catalog — toolkits (metadata, auth schemes with scopes, counts, shared
 * schemas once as `$defs`), tools in importance order with their LLM-facing schemas (a `$ref: '#/$defs/X'`
 * resolves against the tool's toolkit `$defs`; `x-defs` lists the ones used), triggers, and totals.
 * Attaching `$defs` to every tool instead made Stripe's catalog alone hundreds of megabytes.
 */
import type { IR } from '../ir/types.js';
import { normalizeRefs, type ToolkitPlan } from './plan.js';
import type { EmitContext, Emitter, GeneratedFile } from './types.js';

/** Shared schemas stay once per toolkit (`toolkits[].$defs`); a schema lists the ones it uses in `x-defs`. */
function withDefs(schema: unknown, refs: readonly string[]): unknown {
  return refs.length === 0 ? schema : { ...(schema as object), 'x-defs': refs };
}

function toolkitDefs(plan: ToolkitPlan): Record<string, unknown> | undefined {
  const shared = plan.toolkit.sharedSchemas;
  const keys = Object.keys(shared).sort();
  return keys.length === 0 ? undefined : Object.fromEntries(keys.map((key) => [key, normalizeRefs(shared[key], shared)]));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export const catalogEmitter: Emitter = {
  name: 'catalog',
  emitAll(toolkits: readonly IR.Toolkit[], context: EmitContext): GeneratedFile[] {
    const plans = [...toolkits].sort((a, b) => compare(a.slug, b.slug)).map((toolkit) => context.plan(toolkit));
    const catalogToolkits = plans.map((plan) => ({ toolkit: plan.toolkit, defs: toolkitDefs(plan) })).map(({ toolkit, defs }) => ({
      slug: toolkit.slug,
      name: toolkit.name,
      description: toolkit.description,
      categories: toolkit.categories,
      ...(toolkit.logo !== undefined && { logo: toolkit.logo }),
      ...(toolkit.docsUrl !== undefined && { docsUrl: toolkit.docsUrl }),
      auth: toolkit.auth.map((scheme) => ({
        scheme: scheme.kind,
        ...(scheme.label !== undefined && { label: scheme.label }),
        ...(scheme.kind === 'oauth2' && { grant: scheme.grant, scopes: scheme.scopes, defaultScopes: scheme.defaultScopes }),
      })),
      counts: { tools: toolkit.tools.length, triggers: toolkit.triggers.length },
      ...(defs && { $defs: defs }),
    }));
    const tools = plans
      .flatMap((plan) =>
        plan.tools.map(({ tool, inputParameters, inputRefs, outputParameters, outputRefs }) => ({
          slug: tool.slug,
          name: tool.name,
          description: tool.description,
          toolkit: plan.toolkit.slug,
          importance: tool.importance,
          scopes: tool.scopes,
          tags: tool.tags,
          hints: tool.hints,
          ...(tool.deprecated && { deprecated: true }),
          inputParameters: withDefs(inputParameters, inputRefs),
          outputParameters: withDefs(outputParameters, outputRefs),
        })),
      )
      .sort((a, b) => b.importance - a.importance || compare(a.slug, b.slug));
    const triggers = plans.flatMap((plan) =>
      plan.triggers.map(({ trigger, configRefs, payloadRefs }) => ({
        slug: trigger.slug,
        name: trigger.name,
        description: trigger.description,
        toolkit: plan.toolkit.slug,
        type: trigger.type,
        config: withDefs(normalizeRefs(trigger.config, plan.toolkit.sharedSchemas), configRefs),
        payload: withDefs(normalizeRefs(trigger.payload, plan.toolkit.sharedSchemas), payloadRefs),
      })),
    );
    const catalog = {
      generatedBy: 'toolsmith',
      totals: { toolkits: catalogToolkits.length, tools: tools.length, triggers: triggers.length },
      toolkits: catalogToolkits,
      tools,
      triggers,
    };
    return [{ path: 'catalog.json', contents: `${JSON.stringify(catalog, null, 1)}\n` }];
  },
};
