/**
 * `toolsmith/schema`: the narrow entry generated toolkits import. It loads Zod, the JSON Schema → Zod builder
 * and the stored-toolkit helpers only, never the rest of the runtime, so importing a toolkit stays cheap; its types are the
 * compiled contract generated code is annotated with.
 */
export { createSharedSchemas, zodFromJsonSchema } from './zod-from-json-schema.js';
export type { SchemaMode, SharedSchemas, ZodFromJsonSchemaOptions } from './zod-from-json-schema.js';
export { markFileInputs } from './file-inputs.js';
export { slugConstants } from './slug-constants.js';
export { storedToolkit } from './stored-toolkit.js';
export type { StoredToolkit, StoredToolkitOptions, ToolSpec, TriggerSpec } from './stored-toolkit.js';
export { FILE_MARKER } from './schema-shape.js';
export type {
  CompiledRequest, CompiledTool, CompiledToolkit, CompiledTrigger, InputMapping, JsonSchema, ProviderSchema, TriggerEvent,
} from '../types.js';
