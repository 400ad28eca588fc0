/**
 * `<toolkit>/slugs.gen.ts`: `GithubTool` / `GithubTrigger` constants (slug without the toolkit prefix →
 * full slug) and the `GithubToolSlug` / `GithubTriggerSlug` unions.
 */
import type { IR } from '../ir/types.js';
import { slugKey } from '../../runtime/schema/slug-constants.js';
import { constStatement, importStatement, printModule, typeStatement } from './ts-printer.js';
import { propertyKey, quote } from './schema/names.js';
import type { EmitContext, Emitter, GeneratedFile } from './types.js';

/** Built at load time from one string of slugs (runtime/schema/slug-constants.ts), typed by an exact type literal. */
function slugObject(slugs: readonly string[], prefix: string): string {
  if (slugs.length === 0) return '{} as const';
  const type = slugs.map((slug) => `  readonly ${propertyKey(slugKey(slug, prefix))}: ${quote(slug)};`);
  return `slugConstants(${quote(prefix)}, ${quote(slugs.join(' '))}) as {\n${type.join('\n')}\n}`;
}

export const slugsEmitter: Emitter = {
  name: 'slugs',
  emitToolkit(toolkit: IR.Toolkit, context: EmitContext): GeneratedFile[] {
    const { pascal } = context.plan(toolkit);
    const prefix = `${toolkit.slug.toUpperCase()}_`;
    const hasSlugs = toolkit.tools.length > 0 || toolkit.triggers.length > 0;
    const statements = [
      ...(hasSlugs ? [importStatement('toolsmith/schema', { named: ['slugConstants'] })] : []),
      constStatement({ name: `${pascal}Tool`, initializer: slugObject(toolkit.tools.map((tool) => tool.slug), prefix), doc: `Tool slugs of ${toolkit.name}.` }),
      typeStatement({ name: `${pascal}ToolSlug`, type: `(typeof ${pascal}Tool)[keyof typeof ${pascal}Tool]` }),
      constStatement({ name: `${pascal}Trigger`, initializer: slugObject(toolkit.triggers.map((trigger) => trigger.slug), prefix), doc: `Trigger slugs of ${toolkit.name}.` }),
      typeStatement({ name: `${pascal}TriggerSlug`, type: `(typeof ${pascal}Trigger)[keyof typeof ${pascal}Trigger]` }),
    ];
    return [{ path: `${toolkit.slug}/slugs.gen.ts`, contents: printModule(statements) }];
  },
};
