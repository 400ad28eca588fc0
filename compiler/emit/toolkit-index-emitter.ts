/**
 * `<toolkit>/index.ts`: `export const github: CompiledToolkit<'github', GithubTypes>` — metadata, auth, and
 * every tool and trigger object (schemas built on first access), the `GithubTypes` map the typed runtime
 * API reads, and `<Pascal>Event` per trigger.
 */
import type { IR } from '../ir/types.js';
import type { ToolPlan, ToolkitPlan, TriggerPlan } from './plan.js';
import { normalizeRefs } from './plan.js';
import { toolFieldContributors } from './tool-fields.js';
import { groupedJsonFiles, jsonFileContents, jsonFileName } from './json-files.js';
import { constStatement, importStatement, jsonLiteral, printModule, typeStatement, valueSource, type ModuleStatement } from './ts-printer.js';
import { propertyKey, quote } from './schema/names.js';
import { transitiveRefs } from './schema/schema-shape.js';
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

function schemaAccess(plan: ToolkitPlan, name: string): string {
  return plan.lazy ? `S.${name}` : `() => S.${name}`;
}

function jsonAccess(schema: unknown, refs: readonly string[]): string {
  return refs.length > 0 ? `jsonSchema(${jsonLiteral(schema)}, ${valueSource(refs)}, defs)` : `jsonSchema(${jsonLiteral(schema)})`;
}

function storedAccess(file: string, slug: string, key: string, refs: readonly string[]): string {
  const args = [quote(file), quote(slug), quote(key), ...(refs.length > 0 ? [valueSource(refs), 'defs'] : [])];
  return `storedSchema(${args.join(', ')})`;
}

function toolSource(tool: ToolPlan, plan: ToolkitPlan, index: number): string {
  const file = jsonFileName('parameters', index);
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
    `request: ${valueSource(requestOf(ir), '      ')}`,
    `inputs: ${valueSource(tool.inputs, '      ')}`,
    `input: ${schemaAccess(plan, tool.inputName)}`,
    `output: ${schemaAccess(plan, tool.outputName)}`,
    `inputParameters: ${storedAccess(file, ir.slug, 'input', tool.inputRefs)}`,
    `outputParameters: ${storedAccess(file, ir.slug, 'output', tool.outputRefs)}`,
  ];
  for (const contributor of toolFieldContributors) {
    const value = contributor.value(tool, plan);
    if (value !== undefined) fields.push(`${propertyKey(contributor.field)}: ${value}`);
  }
  return `defineTool(TOOLKIT, {\n${fields.map((field) => `      ${field},`).join('\n')}\n    })`;
}

function triggerSource(trigger: TriggerPlan, plan: ToolkitPlan): string {
  const { trigger: ir } = trigger;
  const shared = plan.toolkit.sharedSchemas;
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
    `config: ${schemaAccess(plan, trigger.configName)}`,
    `payload: ${schemaAccess(plan, trigger.payloadName)}`,
    `configParameters: ${jsonAccess(normalizeRefs(ir.config, shared), trigger.configRefs)}`,
    `payloadParameters: ${jsonAccess(normalizeRefs(ir.payload, shared), trigger.payloadRefs)}`,
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

/** The shared schemas any tool or trigger JSON Schema references (emitted into json/defs.json). */
function usedDefs(plan: ToolkitPlan): string[] {
  return transitiveRefs(
    [...plan.tools.flatMap((tool) => [...tool.inputRefs, ...tool.outputRefs]), ...plan.triggers.flatMap((t) => [...t.configRefs, ...t.payloadRefs])],
    plan.toolkit.sharedSchemas,
  );
}

function toolkitStatements(plan: ToolkitPlan): ModuleStatement[] {
  const { toolkit, pascal, camel } = plan;
  const usesDefs = usedDefs(plan).length > 0;
  const contributorImports = toolFieldContributors.flatMap((contributor) => contributor.imports?.(plan) ?? []);
  const helpers = [
    ...(plan.tools.length > 0 ? ['defineTool'] : []),
    ...(plan.triggers.length > 0 ? ['defineTrigger'] : []),
    ...(plan.tools.length > 0 ? ['storedSchema'] : []),
    ...(plan.triggers.length > 0 ? ['jsonSchema'] : []),
    ...(usesDefs ? ['jsonFile', 'once', 'type JsonSchema'] : []),
  ];
  const statements: ModuleStatement[] = [
    importStatement('toolsmith', { named: ['CompiledToolkit', ...(plan.triggers.length > 0 ? ['TriggerEvent'] : [])], typeOnly: true }),
    importStatement('./schemas.gen.js', { namespace: 'S' }),
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
  if (usesDefs) {
    statements.push(
      constStatement({
        name: 'defs',
        exported: false,
        initializer: `once(() => jsonFile('defs.json') as Record<string, JsonSchema>)`,
        doc: 'Shared schemas (json/defs.json), attached as `$defs` to the JSON Schemas that reference them.',
      }),
    );
  }
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
  const triggers = plan.triggers.map((trigger) => `    ${triggerSource(trigger, plan)},`);
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
    const defs = usedDefs(plan);
    return [
      { path: `${toolkit.slug}/index.ts`, contents: printModule(toolkitStatements(plan)) },
      ...groupedJsonFiles(plan, 'parameters', (tool) => ({ input: tool.inputParameters, output: tool.outputParameters })),
      ...(defs.length > 0
        ? [{ path: `${toolkit.slug}/json/defs.json`, contents: jsonFileContents(defs.map((key) => [key, normalizeRefs(toolkit.sharedSchemas[key], toolkit.sharedSchemas)] as const)) }]
        : []),
    ];
  },
};

