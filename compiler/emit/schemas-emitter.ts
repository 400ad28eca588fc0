/**
 * `<toolkit>/schemas.gen.ts`: per tool `<Pascal>Input` / `<Pascal>Output`, per trigger `<Pascal>Config` /
 * `<Pascal>Payload`, and one export per shared schema — each a TypeScript type plus a same-named Zod schema
 * annotated with it (`z.ZodType<T>`), so consumers never make tsc infer deep Zod types.
 *
 * Small toolkits: one module of ready schemas. Big toolkits (see `plan.ts`): `schemas/shared.gen.ts` and
 * `schemas/part-NN.gen.ts`, where each export is a memoized builder (`GithubGetRepoInput()` builds on first
 * call), and `schemas.gen.ts` re-exports them all. Importing costs closures only; a schema is built when used.
 */
import type { IR } from '../ir/types.js';
import type { ConvertContext } from './schema/context.js';
import { needsLazy } from './schema/graph.js';
import type { Schema } from './schema/schema-shape.js';
import { typeSource } from './schema/to-type.js';
import { zodSource } from './schema/to-zod.js';
import { constStatement, importStatement, printModule, typeStatement, type ModuleStatement } from './ts-printer.js';
import type { EmitContext, Emitter, GeneratedFile } from './types.js';
import type { ToolkitPlan } from './plan.js';

/**
 * In big toolkits the builder's result is typed by the explicit \`T\` only: tsc does not compare each deep Zod
 * type with its TypeScript type (that comparison dominates type-check time at GitHub/Stripe scale). The
 * converters are the same as for small toolkits, whose goldens tsc does check pairwise.
 */
const LAZY_HELPER = `/** Builds a schema on first use and keeps it (typed by T, not inferred: keeps tsc fast). */
function lazy<T>(build: () => z.ZodType): () => z.ZodType<T> {
  let schema: z.ZodType<T> | undefined;
  return () => (schema ??= build() as z.ZodType<T>);
}`;

interface Entry {
  readonly name: string;
  readonly schema: Schema;
  readonly mode: 'input' | 'output';
  readonly doc: string;
}

function toolEntries(plan: ToolkitPlan, part: number | undefined): Entry[] {
  const entries: Entry[] = [];
  for (const tool of plan.tools) {
    if (part !== undefined && tool.part !== part) continue;
    entries.push({ name: tool.inputName, schema: tool.inputForCode, mode: 'input', doc: `Flat arguments of \`${tool.tool.slug}\`.` });
    entries.push({ name: tool.outputName, schema: tool.outputParameters, mode: 'output', doc: `Response data of \`${tool.tool.slug}\`.` });
  }
  return entries;
}

function triggerEntries(plan: ToolkitPlan): Entry[] {
  return plan.triggers.flatMap((trigger) => [
    { name: trigger.configName, schema: trigger.trigger.config, mode: 'input' as const, doc: `Configuration of trigger \`${trigger.trigger.slug}\`.` },
    { name: trigger.payloadName, schema: trigger.trigger.payload, mode: 'output' as const, doc: `Event payload of trigger \`${trigger.trigger.slug}\`.` },
  ]);
}

/** Entries whose schemas reference other shared schemas through `prefix` (a namespace import, or '' in-module). */
function entryStatements(entries: readonly Entry[], plan: ToolkitPlan, lazy: boolean, prefix: string): ModuleStatement[] {
  const shared = plan.toolkit.sharedSchemas;
  const statements: ModuleStatement[] = [];
  for (const entry of entries) {
    const context: ConvertContext = {
      mode: entry.mode,
      shared,
      zodRef: (key) => `${prefix}${plan.sharedNames.get(key)}${lazy ? '()' : ''}`,
      typeRef: (key) => `${prefix}${plan.sharedNames.get(key)}`,
    };
    statements.push(typeStatement({ name: entry.name, type: typeSource(entry.schema, context), doc: entry.doc }));
    statements.push(schemaStatement(entry.name, zodSource(entry.schema, context), lazy));
  }
  return statements;
}

function schemaStatement(name: string, source: string, lazy: boolean): ModuleStatement {
  return lazy
    ? constStatement({ name, initializer: `lazy<${name}>((): z.ZodType => ${source})` })
    : constStatement({ name, type: `z.ZodType<${name}>`, initializer: source });
}

/** Shared schemas in dependency order; references inside a cycle are deferred with `z.lazy`. */
function sharedStatements(plan: ToolkitPlan, lazy: boolean): ModuleStatement[] {
  const shared = plan.toolkit.sharedSchemas;
  const statements: ModuleStatement[] = [];
  for (const key of plan.graph.order) {
    const name = plan.sharedNames.get(key)!;
    const context: ConvertContext = {
      // Shared schemas serve responses and requests alike: generated leniently, the API validates the rest.
      mode: 'output',
      shared,
      zodRef: (target) => {
        const targetName = plan.sharedNames.get(target)!;
        if (lazy) return needsLazy(plan.graph, key, target) ? `z.lazy(${targetName})` : `${targetName}()`;
        return needsLazy(plan.graph, key, target) ? `z.lazy(() => ${targetName})` : targetName;
      },
      typeRef: (target) => plan.sharedNames.get(target)!,
    };
    const schema = shared[key]!;
    const title = typeof schema['title'] === 'string' ? schema['title'] : undefined;
    const description = typeof schema['description'] === 'string' ? schema['description'] : undefined;
    const doc = [title, description].filter((text) => text !== undefined && text.trim() !== '').join('\n\n').replace(/\*\//g, '*\\/');
    statements.push(typeStatement({ name, type: typeSource(schema, context), ...(doc !== '' && { doc }) }));
    statements.push(schemaStatement(name, zodSource(schema, context), lazy));
  }
  return statements;
}

const zodImport = importStatement('zod', { named: ['z'] });

function eagerModule(plan: ToolkitPlan): GeneratedFile {
  const statements: ModuleStatement[] = [zodImport, ...sharedStatements(plan, false)];
  statements.push(...entryStatements([...toolEntries(plan, undefined), ...triggerEntries(plan)], plan, false, ''));
  return { path: `${plan.toolkit.slug}/schemas.gen.ts`, contents: printModule(statements) };
}

function partPath(part: number): string {
  return `part-${String(part).padStart(2, '0')}.gen.ts`;
}

function lazyModules(plan: ToolkitPlan): GeneratedFile[] {
  const slug = plan.toolkit.slug;
  const files: GeneratedFile[] = [];
  const hasShared = plan.sharedNames.size > 0;
  const barrel: string[] = [];
  const exportLine = (names: readonly string[], file: string): string =>
    `export { ${names.join(', ')} } from './schemas/${file.replace(/\.ts$/, '.js')}';`;
  if (hasShared) {
    files.push({ path: `${slug}/schemas/shared.gen.ts`, contents: printModule([zodImport, LAZY_HELPER, ...sharedStatements(plan, true)]) });
    barrel.push(exportLine(plan.graph.order.map((key) => plan.sharedNames.get(key)!), 'shared.gen.ts'));
  }
  const sharedImport = importStatement('./shared.gen.js', { namespace: 'shared' });
  const modules: Array<{ file: string; entries: Entry[] }> = [];
  for (let part = 1; part <= plan.parts; part++) modules.push({ file: partPath(part), entries: toolEntries(plan, part) });
  if (plan.triggers.length > 0) modules.push({ file: 'triggers.gen.ts', entries: triggerEntries(plan) });
  for (const module of modules) {
    if (module.entries.length === 0) continue;
    const body = entryStatements(module.entries, plan, true, 'shared.');
    const usesShared = hasShared && body.some((statement) => typeof statement !== 'string' && JSON.stringify(statement).includes('shared.'));
    const statements = [zodImport, ...(usesShared ? [sharedImport] : []), LAZY_HELPER, ...body];
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
    return plan.lazy ? lazyModules(plan) : [eagerModule(plan)];
  },
};
