/**
 * The list of emitters, in the order they run. Each emitter is small and independent: it reads only the IR
 * (through the shared per-toolkit plan) and returns files; the build writes them.
 *
 * To add an output kind: write `compiler/emit/<kind>-emitter.ts` exporting an `Emitter` and append it to
 * `emitters` below (one line).
 *
 * Every tool object gets its listing fields from `json/tools.json` and `providerSchemas` from
 * `json/providers-NN.json` (see runtime/schema/stored-toolkit.ts). To add another field to every tool object, emit its values
 * in your own module, then append a contributor to `toolFieldContributors` here:
 *
 *   toolFieldContributors.push({
 *     field: 'examples',
 *     imports: () => ["import * as X from './examples.gen.js';"],
 *     value: (tool) => `X.${tool.inputName.replace(/Input$/, '')}`,
 *   });
 *
 * The toolkit index then passes those values by slug to `storedTools`, which sets them on the tool objects.
 */
import { catalogEmitter } from './catalog-emitter.js';
import { providerSchemasEmitter } from './provider-schemas.js';
import { rootIndexEmitter } from './root-index-emitter.js';
import { schemasEmitter } from './schemas-emitter.js';
import { slugsEmitter } from './slugs-emitter.js';
import { supportEmitter } from './support-emitter.js';
import { toolFieldContributors } from './tool-fields.js';
import { toolkitIndexEmitter } from './toolkit-index-emitter.js';
import type { Emitter } from './types.js';

export const emitters: Emitter[] = [slugsEmitter, schemasEmitter, supportEmitter, toolkitIndexEmitter, rootIndexEmitter, catalogEmitter, providerSchemasEmitter];

export { toolFieldContributors };
