/**
 * `<toolkit>/slugs.gen.ts`: `GithubTool` / `GithubTrigger` constants (slug without the toolkit prefix →
 * full slug) and the `GithubToolSlug` / `GithubTriggerSlug` unions.
 */
import type { IR } from '../ir/types.js';
import { constStatement, printModule, typeStatement } from './ts-printer.js';
import { propertyKey, quote } from './schema/names.js';
import type { EmitContext, Emitter, GeneratedFile } from './types.js';

function slugObject(slugs: readonly string[], prefix: string): string {
  if (slugs.length === 0) return '{} as const';
  const lines = slugs.map((slug) => {
    const short = slug.startsWith(prefix) ? slug.slice(prefix.length) : slug;
    const key = /^[0-9]/.test(short) || short === '' ? `_${short}` : short;
    return `  ${propertyKey(key)}: ${quote(slug)},`;
  });
  return `{\n${lines.join('\n')}\n} as const`;
}

export const slugsEmitter: Emitter = {
  name: 'slugs',
  emitToolkit(toolkit: IR.Toolkit, context: EmitContext): GeneratedFile[] {
    const { pascal } = context.plan(toolkit);
    const prefix = `${toolkit.slug.toUpperCase()}_`;
    const statements = [
      constStatement({ name: `${pascal}Tool`, initializer: slugObject(toolkit.tools.map((tool) => tool.slug), prefix), doc: `Tool slugs of ${toolkit.name}.` }),
      typeStatement({ name: `${pascal}ToolSlug`, type: `(typeof ${pascal}Tool)[keyof typeof ${pascal}Tool]` }),
      constStatement({ name: `${pascal}Trigger`, initializer: slugObject(toolkit.triggers.map((trigger) => trigger.slug), prefix), doc: `Trigger slugs of ${toolkit.name}.` }),
      typeStatement({ name: `${pascal}TriggerSlug`, type: `(typeof ${pascal}Trigger)[keyof typeof ${pascal}Trigger]` }),
    ];
    return [{ path: `${toolkit.slug}/slugs.gen.ts`, contents: printModule(statements) }];
  },
};
