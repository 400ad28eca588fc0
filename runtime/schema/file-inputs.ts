/**
 * File uploads in a tool's flat input schema: the LLM-facing JSON Schema says `string` (a path or URL), while
 * the Zod schema and the TypeScript type also accept a Buffer/Uint8Array or a Blob. The properties the input
 * mappings flag as files get `FILE_MARKER`, which both converters read; the marked copy is never shown to models.
 */
import { FILE_MARKER, isSchema, type Schema } from './schema-shape.js';

/** `schema` with each file input's property marked (`'list'` for an array of files); `schema` itself is not changed. */
export function markFileInputs(schema: Schema, inputs: ReadonlyArray<{ readonly name: string; readonly file?: boolean }>): Schema {
  if (!inputs.some((input) => input.file)) return schema;
  const properties = isSchema(schema['properties']) ? { ...schema['properties'] } : {};
  for (const input of inputs) {
    const property = properties[input.name];
    if (!input.file || !isSchema(property)) continue;
    properties[input.name] = { ...property, [FILE_MARKER]: property['type'] === 'array' ? 'list' : 'single' };
  }
  return { ...schema, properties };
}
