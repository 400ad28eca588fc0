/**
 * `<toolkit>/schemas.gen.ts`: per tool `<Pascal>Input` / `<Pascal>Output`, per trigger `<Pascal>Config` /
 * `<Pascal>Payload`, and one export per shared schema — each a TypeScript type plus a same-named function
 * returning the Zod schema typed by it (`GithubGetRepoInput()`), built at run time from the stored JSON Schema
 * on the first call and kept (see runtime/schema/stored-toolkit.ts). No Zod source is emitted: tsc checks plain types only.
 *
 * Small toolkits: one module. Big toolkits (see `plan.ts`): `schemas/shared.gen.ts` and `schemas/part-NN.gen.ts`,
 * re-exported by `schemas.gen.ts`. `index.ts` imports these modules for their types only.
 */
import type { IR } from '../ir/types.js';
import type { Schema } from '../../runtime/schema/schema-shape.js';
import type { ConvertContext } from './schema/context.js';
import { quote } from './schema/names.js';
import { typeSource } from './schema/to-type.js';
import { jsonFileName } from './json-files.js';
import { constStatement, importStatement, printModule, typeStatement, type ModuleStatement } from './ts-printer.js';
import type { EmitContext, Emitter, GeneratedFile } from './types.js';
import type { ToolkitPlan } from './plan.js';

interface Entry {
  readonly name: string;
  readonly schema: Schema;
  readonly mode: 'input' | 'output';
  readonly doc: string;
  /** The support call returning the builder, e.g. `toolSchema('parameters-01.json', 'X_Y', 'input')`. */
  readonly builder: string;
}

function toolEntries(plan: ToolkitPlan, part: number | undefined): Entry[] {
  const entries: Entry[] = [];
  plan.tools.forEach((tool, index) => {
    if (part !== undefined && tool.part !== part) return;
    const at = `${quote(jsonFileName('parameters', index))}, ${quote(tool.tool.slug)}`;
    entries.push({ name: tool.inputName, schema: tool.inputForCode, mode: 'input', doc: `Flat arguments of \`${tool.tool.slug}\`.`, builder: `toolSchema(${at}, 'input')` });
    entries.push({ name: tool.outputName, schema: tool.outputParameters, mode: 'output', doc: `Response data of \`${tool.tool.slug}\`.`, builder: `toolSchema(${at}, 'output')` });
  });
  return entries;
}

function triggerEntries(plan: ToolkitPlan): Entry[] {
  return plan.triggers.flatMap((trigger) => [
    {
      name: trigger.configName, schema: trigger.trigger.config, mode: 'input' as const,
      doc: `Configuration of trigger \`${trigger.trigger.slug}\`.`, builder: `triggerSchema(${quote(trigger.trigger.slug)}, 'config')`,
    },
    {
      name: trigger.payloadName, schema: trigger.trigger.payload, mode: 'output' as const,
      doc: `Event payload of trigger \`${trigger.trigger.slug}\`.`, builder: `triggerSchema(${quote(trigger.trigger.slug)}, 'payload')`,
    },
  ]);
}

/** Entries whose types name shared schemas through `prefix` (a namespace import, or '' in-module). */
function entryStatements(entries: readonly Entry[], plan: ToolkitPlan, prefix: string): ModuleStatement[] {
  const shared = plan.toolkit.sharedSchemas;
  const statements: ModuleStatement[] = [];
  for (const entry of entries) {
    const context: ConvertContext = { mode: entry.mode, shared, typeRef: (key) => `${prefix}${plan.sharedNames.get(key)}` };
    statements.push(typeStatement({ name: entry.name, type: typeSource(entry.schema, context), doc: entry.doc }));
    statements.push(builderStatement(entry.name, entry.builder));
  }
  return statements;
}

function builderStatement(name: string, builder: string): ModuleStatement {
  // The call is `toolSchema<T>(…)`: an explicit type argument, so tsc infers nothing.
  return constStatement({ name, initializer: builder.replace('(', `<${name}>(`) });
}

/** Shared schemas, typed for requests and responses alike (output mode: lenient, the API validates the rest). */
function sharedStatements(plan: ToolkitPlan): ModuleStatement[] {
  const shared = plan.toolkit.sharedSchemas;
  const context: ConvertContext = { mode: 'output', shared, typeRef: (target) => plan.sharedNames.get(target)! };
  const statements: ModuleStatement[] = [];
  for (const key of Object.keys(shared).sort()) {
    const name = plan.sharedNames.get(key)!;
    const schema = shared[key]!;
    const title = typeof schema['title'] === 'string' ? schema['title'] : undefined;
    const description = typeof schema['description'] === 'string' ? schema['description'] : undefined;
    const doc = [title, description].filter((text) => text !== undefined && text.trim() !== '').join('\n\n').replace(/\*\//g, '*\\/');
    statements.push(typeStatement({ name, type: typeSource(schema, context), ...(doc !== '' && { doc }) }));
    statements.push(builderStatement(name, `sharedSchema(${quote(key)})`));
  }
  return statements;
}

/** The support helpers `statements` call (only those, so no import is unused). */
function supportImport(statements: readonly ModuleStatement[], from: string): ModuleStatement[] {
  const used = new Set<string>();
  for (const statement of statements) {
    if (typeof statement === 'string' || !('declarations' in statement)) continue;
    const initializer = statement.declarations?.[0]?.initializer;
    const helper = typeof initializer === 'string' ? /^(\w+)</.exec(initializer)?.[1] : undefined;
    if (helper !== undefined) used.add(helper);
  }
  return used.size === 0 ? [] : [importStatement(from, { named: [...used].sort() })];
}

function singleModule(plan: ToolkitPlan): GeneratedFile {
  const body = [...sharedStatements(plan), ...entryStatements([...toolEntries(plan, undefined), ...triggerEntries(plan)], plan, '')];
  return { path: `${plan.toolkit.slug}/schemas.gen.ts`, contents: printModule([...supportImport(body, './support.gen.js'), ...body]) };
}

function partPath(part: number): string {
  return `part-${String(part).padStart(2, '0')}.gen.ts`;
}

function splitModules(plan: ToolkitPlan): GeneratedFile[] {
  const slug = plan.toolkit.slug;
  const files: GeneratedFile[] = [];
  const hasShared = plan.sharedNames.size > 0;
  const barrel: string[] = [];
  const exportLine = (names: readonly string[], file: string): string =>
    `export { ${names.join(', ')} } from './schemas/${file.replace(/\.ts$/, '.js')}';`;
  if (hasShared) {
    const body = sharedStatements(plan);
    files.push({ path: `${slug}/schemas/shared.gen.ts`, contents: printModule([...supportImport(body, '../support.gen.js'), ...body]) });
    barrel.push(exportLine(Object.keys(plan.toolkit.sharedSchemas).sort().map((key) => plan.sharedNames.get(key)!), 'shared.gen.ts'));
  }
  const sharedImport = importStatement('./shared.gen.js', { namespace: 'shared', typeOnly: true });
  const modules: Array<{ file: string; entries: Entry[] }> = [];
  for (let part = 1; part <= plan.parts; part++) modules.push({ file: partPath(part), entries: toolEntries(plan, part) });
  if (plan.triggers.length > 0) modules.push({ file: 'triggers.gen.ts', entries: triggerEntries(plan) });
  for (const module of modules) {
    if (module.entries.length === 0) continue;
    const body = entryStatements(module.entries, plan, 'shared.');
    const usesShared = hasShared && body.some((statement) => typeof statement !== 'string' && JSON.stringify(statement).includes('shared.'));
    const statements = [...supportImport(body, '../support.gen.js'), ...(usesShared ? [sharedImport] : []), ...body];
    files.push({ path: `${slug}/schemas/${module.file}`, contents: printModule(statements) });
    barrel.push(exportLine(module.entries.map((entry) => entry.name), module.file));
  }
  files.push({ path: `${slug}/schemas.gen.ts`, contents: printModule(barrel) });
  return files;
}

export const schemasEmitter: Emitter = {
  name: 'schemas',
  emitToolkit(toolkit: IR.Toolkit, context: EmitContext): GeneratedFile[] {
    const plan = context.plan(toolkit);
    return plan.split ? splitModules(plan) : [singleModule(plan)];
  },
};
