/**
 * `<toolkit>/slugs.gen.ts`: `GithubTool` / `GithubTrigger` constants (slug without the toolkit prefix →
 * full slug) and the `GithubToolSlug` / `GithubTriggerSlug` unions.
 */
import type { IR } from '../ir/types.js';
import { constStatement, printModule, typeStatement } from './ts-printer.js';
import { propertyKey, quote } from './schema/names.js';
import type { EmitContext, Emitter, GeneratedFile } from './types.js';

/** The constant's key for a slug: the slug without the toolkit prefix, `_`-led when that starts with a digit or is empty. */
export function slugKey(slug: string, prefix: string): string {
  const short = slug.startsWith(prefix) ? slug.slice(prefix.length) : slug;
  return /^[0-9]/.test(short) || short === '' ? `_${short}` : short;
}

/**
 * The constants are built at load time from one string of slugs by `slugConstants` (below; the same rule as
 * `slugKey`) and typed by an exact type literal: a string literal costs a fraction of what an object literal
 * of a thousand properties costs to compile at import.
 */
const SLUG_CONSTANTS = `/** \`{ KEY: 'SLUG' }\` for each space-separated slug; KEY is the slug without \`prefix\` (\`_\`-led if it starts with a digit). */
function slugConstants(prefix: string, slugs: string): Record<string, string> {
  const constants: Record<string, string> = {};
  for (const slug of slugs.split(' ')) {
    const short = slug.startsWith(prefix) ? slug.slice(prefix.length) : slug;
    constants[/^[0-9]/.test(short) || short === '' ? \`_\${short}\` : short] = slug;
  }
  return constants;
}`;

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
    const needsHelper = toolkit.tools.length > 0 || toolkit.triggers.length > 0;
    const statements = [
      ...(needsHelper ? [SLUG_CONSTANTS] : []),
      constStatement({ name: `${pascal}Tool`, initializer: slugObject(toolkit.tools.map((tool) => tool.slug), prefix), doc: `Tool slugs of ${toolkit.name}.` }),
      typeStatement({ name: `${pascal}ToolSlug`, type: `(typeof ${pascal}Tool)[keyof typeof ${pascal}Tool]` }),
      constStatement({ name: `${pascal}Trigger`, initializer: slugObject(toolkit.triggers.map((trigger) => trigger.slug), prefix), doc: `Trigger slugs of ${toolkit.name}.` }),
      typeStatement({ name: `${pascal}TriggerSlug`, type: `(typeof ${pascal}Trigger)[keyof typeof ${pascal}Trigger]` }),
    ];
    return [{ path: `${toolkit.slug}/slugs.gen.ts`, contents: printModule(statements) }];
  },
};
