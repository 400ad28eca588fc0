/**
 * Anthropic tool schemas: tool name `^[a-zA-Z0-9_-]{1,64}$` (shortened with a stable hash), property keys
 * `^[a-zA-Z0-9_.-]{1,64}$` (renamed, with `rename` fixes), `input_schema` an object at the root with no
 * top-level `anyOf`/`oneOf`/`allOf`, private markers removed. `$ref` and `$defs` are kept, as Anthropic
 * accepts JSON Schema references inside `input_schema`.
 */
import { cleanSchema } from './clean.js';
import { expandFixes, LocalFixes } from './fixes.js';
import type { LoweredForProvider } from './openai.js';
import { FixRecorder, isSchemaObject, providerToolName, type Schema } from './schema-utils.js';

export const ANTHROPIC_PROPERTY_KEY = { allowed: /[a-zA-Z0-9_.-]/, max: 64 } as const;

export function lowerForAnthropic(slug: string, input: Schema): LoweredForProvider {
  const name = providerToolName(slug);
  const recorder = new FixRecorder();
  const local = new LocalFixes();
  const cleaned = cleanSchema(input, { recorder, local, keys: ANTHROPIC_PROPERTY_KEY });
  // Fixes first: objectRoot copies the root node the local fixes are attached to.
  const fixes = expandFixes(cleaned, local);
  const parameters = objectRoot(cleaned, recorder);
  return {
    schema: {
      ...(name === slug ? {} : { name }),
      parameters,
      changes: [...(name === slug ? [] : [`tool name shortened to ${name}`]), ...recorder.changes],
      ...(fixes.length > 0 ? { fixes } : {}),
    },
    warnings: [],
  };
}

/** Anthropic rejects `anyOf`/`oneOf`/`allOf` at the top level of `input_schema`. */
function objectRoot(schema: Schema, recorder: FixRecorder): Schema {
  const out: Schema = { ...schema, type: 'object' };
  for (const keyword of ['anyOf', 'oneOf', 'allOf'] as const) {
    const variants = out[keyword];
    if (!Array.isArray(variants)) continue;
    delete out[keyword];
    if (keyword === 'allOf') {
      // Unite the object parts; each part's own constraints stay in the description.
      const properties: Schema = isSchemaObject(out['properties']) ? { ...out['properties'] } : {};
      const required = new Set<string>(Array.isArray(out['required']) ? (out['required'] as string[]) : []);
      for (const variant of variants) {
        if (!isSchemaObject(variant)) continue;
        if (isSchemaObject(variant['properties'])) Object.assign(properties, variant['properties']);
        if (Array.isArray(variant['required'])) for (const r of variant['required']) if (typeof r === 'string') required.add(r);
      }
      out['properties'] = properties;
      if (required.size > 0) out['required'] = [...required];
      recorder.change('top-level allOf merged into one object');
    } else {
      const properties: Schema = isSchemaObject(out['properties']) ? { ...out['properties'] } : {};
      for (const variant of variants) {
        if (isSchemaObject(variant) && isSchemaObject(variant['properties'])) {
          for (const [key, value] of Object.entries(variant['properties'])) if (!(key in properties)) properties[key] = value;
        }
      }
      out['properties'] = properties;
      const text = `Accepts one of ${variants.length} shapes (${keyword}); properties from every shape are listed.`;
      out['description'] = typeof out['description'] === 'string' ? `${out['description']} ${text}` : text;
      recorder.change(`top-level ${keyword} replaced by the union of its properties`);
    }
  }
  if (!isSchemaObject(out['properties'])) out['properties'] = {};
  return out;
}
