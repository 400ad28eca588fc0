/**
 * The list of emitters, in the order they run. Each emitter is small and independent: it reads only the IR
 * (through the shared per-toolkit plan) and returns files; the build writes them.
 *
 * To add an output kind: write `compiler/emit/<kind>-emitter.ts` exporting an `Emitter` and append it to
 * `emitters` below (one line).
 *
 * To add a field to every emitted tool object (e.g. engineer G's `providerSchemas`): emit the values in your
 * own module (an emitter returning `<toolkit>/provider-schemas.gen.ts`), then append a contributor to
 * `toolFieldContributors` here:
 *
 *   toolFieldContributors.push({
 *     field: 'providerSchemas',
 *     imports: () => ["import * as P from './provider-schemas.gen.js';"],
 *     value: (tool) => `P.${tool.inputName.replace(/Input$/, '')}`,
 *   });
 *
 * `defineTool` (generated `support.gen.ts`) copies such fields onto the tool object unchanged.
 */
import { catalogEmitter } from './catalog-emitter.js';
import { providerSchemasEmitter, providerSchemasField } from './provider-schemas.js';
import { rootIndexEmitter } from './root-index-emitter.js';
import { schemasEmitter } from './schemas-emitter.js';
import { slugsEmitter } from './slugs-emitter.js';
import { supportEmitter } from './support-emitter.js';
import { toolFieldContributors } from './tool-fields.js';
import { toolkitIndexEmitter } from './toolkit-index-emitter.js';
import type { Emitter } from './types.js';

export const emitters: Emitter[] = [slugsEmitter, schemasEmitter, supportEmitter, toolkitIndexEmitter, rootIndexEmitter, catalogEmitter, providerSchemasEmitter];

toolFieldContributors.push(providerSchemasField);

export { toolFieldContributors };
