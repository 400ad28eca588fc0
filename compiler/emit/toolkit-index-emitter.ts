/**
 * `<toolkit>/index.ts`: `export const github: CompiledToolkit<'github', GithubTypes>` — metadata, auth, and
 * every tool and trigger object with what listing and filtering need (slug, name, description, importance,
 * scopes, tags, hints); schemas, request specs and input mappings go to `json/*.json`, read on first access.
 * Also the `GithubTypes` map the typed runtime API reads, and `<Pascal>Event` per trigger.
 */
import type { IR } from '../ir/types.js';
import type { ToolPlan, ToolkitPlan, TriggerPlan } from './plan.js';
import { normalizeRefs } from './plan.js';
import { toolFieldContributors } from './tool-fields.js';
import { groupedJsonFiles, jsonFileContents, jsonFileName } from './json-files.js';
import { constStatement, importStatement, printModule, typeStatement, valueSource, type ModuleStatement } from './ts-printer.js';
import { propertyKey, quote } from './schema/names.js';
import type { EmitContext, Emitter, GeneratedFile } from './types.js';

function withoutOrigin<T extends { readonly origin?: unknown }>(value: T): Omit<T, 'origin'> {
  const { origin: _origin, ...rest } = value;
  return rest;
}

/** IR auth scheme → the compiled form (`kind` → `scheme`, no origins). */
export function compiledAuth(scheme: IR.AuthScheme): Record<string, unknown> {
  const { kind, origin: _origin, fields, inject, ...rest } = scheme;
  return { scheme: kind, ...rest, fields: fields.map(withoutOrigin), inject: inject.map(withoutOrigin) };
}

function requestOf(tool: IR.Tool): Record<string, unknown> {
  const body = tool.body;
  const encoding = body && Object.keys(body.encoding).length > 0 ? body.encoding : undefined;
  return {
    method: tool.method,
    path: tool.path,
    ...(Object.keys(tool.headers).length > 0 && { headers: tool.headers }),
    ...(body && { body: { contentType: body.contentType, required: body.required, ...(encoding && { encoding }) } }),
    response: {
      kind: tool.response.kind,
      ...(tool.response.contentType !== undefined && { contentType: tool.response.contentType }),
      ...(tool.response.fileField && { fileField: tool.response.fileField }),
    },
  };
}

/** What `json/parameters-NN.json` holds per tool (read by `support.gen.ts` on first access). */
function storedTool(tool: ToolPlan): Record<string, unknown> {
  return {
    input: tool.inputParameters,
    output: tool.outputParameters,
    ...(tool.inputRefs.length > 0 && { inputRefs: tool.inputRefs }),
    ...(tool.outputRefs.length > 0 && { outputRefs: tool.outputRefs }),
    request: requestOf(tool.tool),
    inputs: tool.inputs,
  };
}

/** What `json/triggers.json` holds per trigger. */
function storedTrigger(trigger: TriggerPlan, plan: ToolkitPlan): Record<string, unknown> {
  const shared = plan.toolkit.sharedSchemas;
  return {
    config: normalizeRefs(trigger.trigger.config, shared),
    payload: normalizeRefs(trigger.trigger.payload, shared),
    ...(trigger.configRefs.length > 0 && { configRefs: trigger.configRefs }),
    ...(trigger.payloadRefs.length > 0 && { payloadRefs: trigger.payloadRefs }),
  };
}

function toolSource(tool: ToolPlan, plan: ToolkitPlan, index: number): string {
  const { tool: ir } = tool;
  const fields: string[] = [
    `slug: ${quote(ir.slug)}`,
    `name: ${quote(ir.name)}`,
    `description: ${quote(ir.description)}`,
    `importance: ${ir.importance}`,
    `scopes: ${valueSource(ir.scopes)}`,
    `tags: ${valueSource(ir.tags)}`,
    `hints: ${valueSource(ir.hints)}`,
    ...(ir.deprecated ? ['deprecated: true'] : []),
  ];
  for (const contributor of toolFieldContributors) {
    const value = contributor.value(tool, plan);
    if (value !== undefined) fields.push(`${propertyKey(contributor.field)}: ${value}`);
  }
  return `defineTool(TOOLKIT, ${quote(jsonFileName('parameters', index))}, {\n${fields.map((field) => `      ${field},`).join('\n')}\n    })`;
}

function triggerSource(trigger: TriggerPlan): string {
  const { trigger: ir } = trigger;
  const webhook = ir.webhook && {
    match: ir.webhook.match.map(withoutOrigin),
    ...(ir.webhook.signature && { signature: withoutOrigin(ir.webhook.signature) }),
    ...(ir.webhook.eventId !== undefined && { eventId: ir.webhook.eventId }),
    ...(ir.webhook.challenge && { challenge: ir.webhook.challenge }),
  };
  const fields: string[] = [
    `slug: ${quote(ir.slug)}`,
    `name: ${quote(ir.name)}`,
    `description: ${quote(ir.description)}`,
    `type: ${quote(ir.type)}`,
    `scopes: ${valueSource(ir.scopes)}`,
    ...(webhook ? [`webhook: ${valueSource(webhook, '      ')}`] : []),
    ...(ir.poll ? [`poll: ${valueSource(ir.poll, '      ')}`] : []),
  ];
  return `defineTrigger(TOOLKIT, {\n${fields.map((field) => `      ${field},`).join('\n')}\n    })`;
}

function typesMap(plan: ToolkitPlan): string {
  const tools = plan.tools.map((tool) => `    ${quote(tool.tool.slug)}: { input: S.${tool.inputName}; output: S.${tool.outputName} };`);
  const triggers = plan.triggers.map(
    (trigger) => `    ${quote(trigger.trigger.slug)}: { payload: S.${trigger.payloadName}; config: S.${trigger.configName} };`,
  );
  const block = (lines: string[]): string => (lines.length === 0 ? '{}' : `{\n${lines.join('\n')}\n  }`);
  return `{\n  tools: ${block(tools)};\n  triggers: ${block(triggers)};\n}`;
}

function toolkitStatements(plan: ToolkitPlan): ModuleStatement[] {
  const { toolkit, pascal, camel } = plan;
  const contributorImports = toolFieldContributors.flatMap((contributor) => contributor.imports?.(plan) ?? []);
  const helpers = [...(plan.tools.length > 0 ? ['defineTool'] : []), ...(plan.triggers.length > 0 ? ['defineTrigger'] : [])];
  const statements: ModuleStatement[] = [
    importStatement('toolsmith/schema', { named: ['CompiledToolkit', ...(plan.triggers.length > 0 ? ['TriggerEvent'] : [])], typeOnly: true }),
    // Types only: the schema modules' builders are not loaded when the toolkit is imported.
    importStatement('./schemas.gen.js', { namespace: 'S', typeOnly: true }),
    ...(helpers.length > 0 ? [importStatement('./support.gen.js', { named: helpers })] : []),
    ...contributorImports,
    `export { ${pascal}Tool, ${pascal}Trigger, type ${pascal}ToolSlug, type ${pascal}TriggerSlug } from './slugs.gen.js';`,
    typeStatement({ name: `${pascal}Types`, type: typesMap(plan), doc: `Slug → argument and result types of every ${toolkit.name} tool and trigger.` }),
    ...plan.triggers.map((trigger) =>
      typeStatement({
        name: `${trigger.payloadName.replace(/Payload$/, '')}Event`,
        type: `TriggerEvent<S.${trigger.payloadName}>`,
        doc: `A delivered \`${trigger.trigger.slug}\` event.`,
      }),
    ),
    constStatement({ name: 'TOOLKIT', initializer: quote(toolkit.slug), exported: false }),
  ];
  const metadata: Record<string, unknown> = {
    name: toolkit.name,
    description: toolkit.description,
    categories: toolkit.categories,
    ...(toolkit.logo !== undefined && { logo: toolkit.logo }),
    ...(toolkit.docsUrl !== undefined && { docsUrl: toolkit.docsUrl }),
    baseUrl: toolkit.baseUrl,
    headers: toolkit.headers,
    connection: toolkit.connection.map(withoutOrigin),
    auth: toolkit.auth.map(compiledAuth),
  };
  const metadataLines = Object.entries(metadata).map(([key, value]) => `  ${key}: ${valueSource(value, '  ')},`);
  const tools = plan.tools.map((tool, index) => `    ${toolSource(tool, plan, index)},`);
  const triggers = plan.triggers.map((trigger) => `    ${triggerSource(trigger)},`);
  const list = (items: string[]): string => (items.length === 0 ? '[]' : `[\n${items.join('\n')}\n  ]`);
  statements.push(
    constStatement({
      name: camel,
      type: `CompiledToolkit<'${toolkit.slug}', ${pascal}Types>`,
      doc: `${toolkit.name}: ${toolkit.tools.length} tools, ${toolkit.triggers.length} triggers.`,
      initializer: `{\n  slug: TOOLKIT,\n${metadataLines.join('\n')}\n  tools: ${list(tools)},\n  triggers: ${list(triggers)},\n}`,
    }),
  );
  return statements;
}

export const toolkitIndexEmitter: Emitter = {
  name: 'toolkit-index',
  emitToolkit(toolkit: IR.Toolkit, context: EmitContext): GeneratedFile[] {
    const plan = context.plan(toolkit);
    // Every shared schema, so each `sharedSchema(key)` export resolves; tool JSON Schemas attach what they use.
    const defs = Object.keys(toolkit.sharedSchemas).sort();
    return [
      { path: `${toolkit.slug}/index.ts`, contents: printModule(toolkitStatements(plan)) },
      ...groupedJsonFiles(plan, 'parameters', storedTool),
      ...(plan.triggers.length > 0
        ? [{ path: `${toolkit.slug}/json/triggers.json`, contents: jsonFileContents(plan.triggers.map((trigger) => [trigger.trigger.slug, storedTrigger(trigger, plan)] as const)) }]
        : []),
      ...(defs.length > 0
        ? [{ path: `${toolkit.slug}/json/defs.json`, contents: jsonFileContents(defs.map((key) => [key, normalizeRefs(toolkit.sharedSchemas[key], toolkit.sharedSchemas)] as const)) }]
        : []),
    ];
  },
};

