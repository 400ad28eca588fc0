/**
 * `toolsmith/schema`: the narrow entry generated toolkits import. It loads Zod and the JSON Schema → Zod
 * builder only, never the rest of the runtime, so importing a toolkit stays cheap; its types are the
 * compiled contract generated code is annotated with.
 */
export { createSharedSchemas, zodFromJsonSchema } from './zod-from-json-schema.js';
export type { SchemaMode, SharedSchemas, ZodFromJsonSchemaOptions } from './zod-from-json-schema.js';
export { markFileInputs } from './file-inputs.js';
export { FILE_MARKER } from './schema-shape.js';
export type {
  CompiledRequest, CompiledTool, CompiledToolkit, CompiledTrigger, InputMapping, JsonSchema, ProviderSchema, TriggerEvent,
} from '../types.js';
