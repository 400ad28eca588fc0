/** Builds the CompiledTool of a custom tool: final slug `LOCAL_[TOOLKIT_]SLUG`, JSON Schema from the Zod input. */
import { z } from 'zod';
import type { CompiledTool } from '../types.js';
import { ToolsmithError } from '../errors.js';
import type { CustomToolOptions } from './types.js';

export const MAX_SLUG_LENGTH = 60;

/** Upper-snake form of a user-given slug part. */
export function normalizeSlugPart(raw: string): string {
  return raw.trim().replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '').toUpperCase();
}

export function customToolSlug(slug: string, toolkit: string | undefined, reserved: readonly string[]): string {
  if (typeof slug !== 'string' || slug.trim() === '') {
    throw new ToolsmithError('CUSTOM_TOOL_INVALID', 'A custom tool needs a slug, e.g. "get_weather".');
  }
  const part = normalizeSlugPart(slug);
  const clash = reserved.find((prefix) => part.startsWith(prefix) || `${part}_` === prefix);
  if (clash) {
    throw new ToolsmithError('CUSTOM_TOOL_INVALID',
      `Custom tool slug "${slug}" starts with the reserved prefix ${clash}; give the bare name (LOCAL_ and the toolkit are added for you).`, { slug });
  }
  const final = `LOCAL_${toolkit ? `${normalizeSlugPart(toolkit)}_` : ''}${part}`;
  if (final.length > MAX_SLUG_LENGTH) {
    throw new ToolsmithError('CUSTOM_TOOL_INVALID', `Custom tool slug ${final} is ${final.length} characters; the limit is ${MAX_SLUG_LENGTH}.`, { slug });
  }
  return final;
}

function jsonSchemaOf(schema: z.ZodObject, slug: string): Record<string, unknown> {
  try {
    const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
    return rest;
  } catch (error) {
    throw new ToolsmithError('CUSTOM_TOOL_INVALID', `The inputParams of ${slug} cannot be expressed as JSON Schema: ${(error as Error).message}.`, { slug });
  }
}

export function buildCustomTool(finalSlug: string, toolkit: string, options: CustomToolOptions): CompiledTool {
  if (!options || typeof options.execute !== 'function') {
    throw new ToolsmithError('CUSTOM_TOOL_INVALID', `Custom tool ${finalSlug} needs an execute(input, context) function.`, { slug: finalSlug });
  }
  if (!(options.inputParams instanceof z.ZodObject)) {
    throw new ToolsmithError('CUSTOM_TOOL_INVALID', `Custom tool ${finalSlug} needs inputParams: z.object({...}).`, { slug: finalSlug });
  }
  if (!options.name || !options.description) {
    throw new ToolsmithError('CUSTOM_TOOL_INVALID', `Custom tool ${finalSlug} needs a name and a description (models choose tools by them).`, { slug: finalSlug });
  }
  return {
    slug: finalSlug,
    name: options.name,
    description: options.description,
    toolkit,
    importance: options.importance ?? 50,
    scopes: [],
    tags: ['local', ...(options.tags ?? [])],
    hints: { readOnly: false, idempotent: false, destructive: false, openWorld: true },
    input: options.inputParams as z.ZodType<Record<string, unknown>>,
    output: z.unknown(),
    inputParameters: jsonSchemaOf(options.inputParams, finalSlug),
    outputParameters: {},
    request: { method: 'POST', path: '', response: { kind: 'json' } },
    inputs: [],
  };
}
