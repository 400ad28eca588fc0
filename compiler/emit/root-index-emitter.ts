/** `index.ts` at the output root: every toolkit as a camelCase named export, its slug constants, and `toolkits`. */
import type { IR } from '../ir/types.js';
import { constStatement, printModule, type ModuleStatement } from './ts-printer.js';
import type { EmitContext, Emitter, GeneratedFile } from './types.js';

export const rootIndexEmitter: Emitter = {
  name: 'root-index',
  emitAll(toolkits: readonly IR.Toolkit[], context: EmitContext): GeneratedFile[] {
    const sorted = [...toolkits].sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
    const statements: ModuleStatement[] = [];
    for (const toolkit of sorted) {
      const { camel, pascal } = context.plan(toolkit);
      statements.push(`import { ${camel} } from './${toolkit.slug}/index.js';`);
      statements.push(
        `export { ${camel}, ${pascal}Tool, ${pascal}Trigger, type ${pascal}Types, type ${pascal}ToolSlug, type ${pascal}TriggerSlug } from './${toolkit.slug}/index.js';`,
      );
    }
    statements.push(
      constStatement({
        name: 'toolkits',
        initializer: `[${sorted.map((toolkit) => context.plan(toolkit).camel).join(', ')}] as const`,
        doc: 'Every generated toolkit.',
      }),
    );
    return [{ path: 'index.ts', contents: printModule(statements) }];
  },
};
