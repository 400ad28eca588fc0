/**
 * `<toolkit>/index.ts`: `export const github: CompiledToolkit<'github', GithubTypes>` — metadata, auth and
 * triggers. Tools come from `json/tools.json` (what listing and filtering need: slug, name, description,
 * importance, scopes, tags, hints), built on first access of `github.tools`; their schemas, request specs and
 * input mappings sit in `json/parameters-NN.json`, read when a tool first needs them. Compiling a tool list
 * as code cost ≈ 35 ms at import for GitHub; parsing it as JSON costs a few ms, and only when it is used.
 * Also the `GithubTypes` map the typed runtime API reads, and `<Pascal>Event` per trigger.
 */
import type { IR } from '../ir/types.js';
import type { ToolPlan, ToolkitPlan, TriggerPlan } from './plan.js';
import { normalizeRefs } from './plan.js';
import { toolFieldContributors } from './tool-fields.js';
import { groupedJsonFiles, jsonFileContents, jsonGroup } from './json-files.js';
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

/** What `json/parameters-NN.json` holds per tool (read by runtime/schema/stored-toolkit.ts on first access). */
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

/** What `json/tools.json` holds per tool (keyed by slug): listing and filtering fields, and its JSON group. */
function storedToolSpec(tool: ToolPlan, index: number): Record<string, unknown> {
  const { tool: ir } = tool;
  return {
    name: ir.name,
    description: ir.description,
    importance: ir.importance,
    scopes: ir.scopes,
    tags: ir.tags,
    hints: ir.hints,
    ...(ir.deprecated && { deprecated: true }),
    group: jsonGroup(index),
  };
}

/**
 * Fields that `toolFieldContributors` add, as TypeScript source: `{ 'SLUG': { field: value } }`, or undefined
 * when no contributor gives any tool a value (the usual case: the built-in fields live in the JSON files).
 */
function contributedFields(plan: ToolkitPlan): string | undefined {
  const lines: string[] = [];
  for (const tool of plan.tools) {
    const fields: string[] = [];
    for (const contributor of toolFieldContributors) {
      const value = contributor.value(tool, plan);
      if (value !== undefined) fields.push(`${propertyKey(contributor.field)}: ${value}`);
    }
    if (fields.length > 0) lines.push(`  ${quote(tool.tool.slug)}: { ${fields.join(', ')} },`);
  }
  return lines.length === 0 ? undefined : `{\n${lines.join('\n')}\n}`;
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
  const helpers = [...(plan.tools.length > 0 ? ['storedTools'] : []), ...(plan.triggers.length > 0 ? ['defineTrigger'] : [])];
  const extra = contributedFields(plan);
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
    ...(plan.tools.length > 0
      ? [constStatement({ name: 'tools', initializer: `storedTools(TOOLKIT${extra === undefined ? '' : `, ${extra}`})`, exported: false, doc: 'Read from `json/tools.json` on first access.' })]
      : []),
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
  const triggers = plan.triggers.map((trigger) => `    ${triggerSource(trigger)},`);
  const list = (items: string[]): string => (items.length === 0 ? '[]' : `[\n${items.join('\n')}\n  ]`);
  statements.push(
    constStatement({
      name: camel,
      type: `CompiledToolkit<'${toolkit.slug}', ${pascal}Types>`,
      doc: `${toolkit.name}: ${toolkit.tools.length} tools, ${toolkit.triggers.length} triggers.`,
      initializer: `{\n  slug: TOOLKIT,\n${metadataLines.join('\n')}\n  ${plan.tools.length > 0 ? 'get tools() { return tools(); }' : 'tools: []'},\n  triggers: ${list(triggers)},\n}`,
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
      ...(plan.tools.length > 0
        ? [{ path: `${toolkit.slug}/json/tools.json`, contents: jsonFileContents(plan.tools.map((tool, index) => [tool.tool.slug, storedToolSpec(tool, index)] as const)) }]
        : []),
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

