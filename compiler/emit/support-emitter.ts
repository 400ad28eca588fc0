/**
 * `<toolkit>/support.gen.ts`: the helpers a toolkit's modules use to build tool and trigger objects whose
 * heavy parts — the tool list, JSON Schemas, request specs, input mappings and Zod schemas — stay in
 * `json/*.json` until first access. The logic is `storedToolkit` in `toolsmith/schema` (one copy for every
 * toolkit, fixed without a rebuild); this module only binds it to the toolkit's own `json/` folder.
 */
import type { IR } from '../ir/types.js';
import { printModule } from './ts-printer.js';
import type { Emitter, GeneratedFile } from './types.js';

/** The toolkit's binding of `storedToolkit` (runtime/schema/stored-toolkit.ts) to its own `json/` folder. */
function supportSource(hasDefs: boolean): string {
  return `import { storedToolkit } from 'toolsmith/schema';

/** The helpers this toolkit's modules build tools, triggers and schemas with, reading \`json/\` on first use. */
export const { storedTools, defineTrigger, toolSchema, triggerSchema, sharedSchema } = storedToolkit(new URL('./json/', import.meta.url), { defs: ${hasDefs} });`;
}

export const supportEmitter: Emitter = {
  name: 'support',
  emitToolkit(toolkit: IR.Toolkit): GeneratedFile[] {
    // A toolkit without shared schemas has no defs.json: an unresolvable $ref then becomes "anything", never a read error.
    const hasDefs = Object.keys(toolkit.sharedSchemas).length > 0;
    return [{ path: `${toolkit.slug}/support.gen.ts`, contents: printModule([supportSource(hasDefs)]) }];
  },
};
