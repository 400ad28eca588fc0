/**
 * The general JSON Schema clean-up every provider gets: private markers removed, OpenAPI-isms turned into
 * JSON Schema (`nullable`, `example`, Swagger `type: file`), file fields as a path/URL string, arrays given
 * `items`, and (optionally) property keys renamed to a provider's pattern with the renames recorded.
 * `$ref` and `$defs` are kept.
 */
import type { LocalFixes } from './fixes.js';
import {
  FILE_DESCRIPTION, isFileFormat, isPrivateKeyword, isSchemaObject, pathWords, safeName, typesOf, type FixRecorder, type Schema,
} from './schema-utils.js';

export interface CleanOptions {
  /** Property keys must match this (per character) and be at most `max` long; others are renamed. */
  readonly keys?: { readonly allowed: RegExp; readonly max: number; readonly first?: RegExp };
  readonly recorder: FixRecorder;
  readonly local: LocalFixes;
}

const SCHEMA_MAPS = ['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas'] as const;
const SCHEMA_LISTS = ['anyOf', 'oneOf', 'allOf', 'prefixItems'] as const;
const SCHEMA_SINGLES = ['additionalProperties', 'not', 'if', 'then', 'else', 'contains', 'propertyNames',
  'unevaluatedProperties', 'unevaluatedItems', 'additionalItems'] as const;

export function cleanSchema(root: Schema, options: CleanOptions): Schema {
  return cleanNode(root, [], options) as Schema;
}

function cleanNode(input: unknown, path: readonly string[], options: CleanOptions): unknown {
  if (input === true) return {};
  if (!isSchemaObject(input)) return input;
  const { recorder } = options;
  const out: Schema = {};
  for (const [keyword, value] of Object.entries(input)) {
    if (isPrivateKeyword(keyword)) {
      recorder.change(`removed private keyword ${keyword}`);
      continue;
    }
    if (keyword === 'nullable' || keyword === 'properties' || keyword === 'required') continue;
    if (keyword === 'example') {
      out['examples'] = [value];
      continue;
    }
    if (keyword === 'definitions' && isSchemaObject(value)) {
      out['$defs'] = mapValues(value, (child, name) => cleanNode(child, [`$defs/${name}`], options));
      continue;
    }
    if (keyword === '$ref' && typeof value === 'string') {
      out[keyword] = value.replace(/^#\/definitions\//, '#/$defs/');
      continue;
    }
    if ((SCHEMA_MAPS as readonly string[]).includes(keyword) && isSchemaObject(value)) {
      out[keyword] = mapValues(value, (child, name) => cleanNode(child, keyword === '$defs' ? [`$defs/${name}`] : [...path, name], options));
    } else if ((SCHEMA_LISTS as readonly string[]).includes(keyword) && Array.isArray(value)) {
      out[keyword] = value.map((child) => cleanNode(child, path, options));
    } else if ((SCHEMA_SINGLES as readonly string[]).includes(keyword) && isSchemaObject(value)) {
      out[keyword] = cleanNode(value, keyword === 'additionalProperties' ? [...path, '{}'] : path, options);
    } else if (keyword === 'items') {
      out[keyword] = Array.isArray(value) ? value.map((child) => cleanNode(child, [...path, '[]'], options)) : cleanNode(value, [...path, '[]'], options);
    } else {
      out[keyword] = value;
    }
  }

  cleanObjectProperties(input, out, path, options);

  // Swagger 2 `type: file`, `format: binary`: an uploaded file is a path or URL string for the model.
  if (input['type'] === 'file' || isFileFormat(input)) {
    out['type'] = 'string';
    delete out['format'];
    delete out['contentEncoding'];
    out['description'] = typeof out['description'] === 'string' ? `${out['description']} (${FILE_DESCRIPTION})` : FILE_DESCRIPTION;
    recorder.change(`${pathWords(path)}: file field described as a path or URL string`);
  }

  // OpenAPI 3.0 `nullable: true` → JSON Schema null type.
  if (input['nullable'] === true) {
    const types = typesOf(input);
    if (types.length > 0) out['type'] = types;
    else if (Array.isArray(out['anyOf'])) out['anyOf'] = [...(out['anyOf'] as unknown[]), { type: 'null' }];
    else if (typeof out['$ref'] === 'string') {
      const { $ref, ...rest } = out;
      for (const key of Object.keys(out)) delete out[key];
      Object.assign(out, rest, { anyOf: [{ $ref }, { type: 'null' }] });
    }
    if (Array.isArray(out['enum']) && !(out['enum'] as unknown[]).includes(null)) out['enum'] = [...(out['enum'] as unknown[]), null];
  }

  const types = typesOf(out);
  if (types.includes('array') && out['items'] === undefined && out['prefixItems'] === undefined) {
    out['items'] = {};
    recorder.change(`${pathWords(path)}: array without items given items {}`);
  }
  return out;
}

function cleanObjectProperties(input: Schema, out: Schema, path: readonly string[], options: CleanOptions): void {
  const properties = input['properties'];
  const required = Array.isArray(input['required']) ? input['required'].filter((r): r is string => typeof r === 'string') : [];
  if (!isSchemaObject(properties)) {
    if (required.length > 0) out['required'] = required;
    return;
  }
  const renamed = new Map<string, string>();
  const taken = new Set<string>();
  const keys = options.keys;
  // Keep names that already match first, so a renamed key never takes a valid one's place.
  const ordered = Object.keys(properties);
  if (keys) {
    for (const name of ordered) {
      if (safeName(name, { ...keys }) === name) taken.add(name);
    }
  }
  const cleanProperties: Schema = {};
  for (const name of ordered) {
    const child = properties[name];
    if (child === false) {
      options.recorder.change(`${pathWords([...path, name])}: forbidden property (schema false) removed`);
      continue;
    }
    let providerName = name;
    if (keys && !taken.has(name)) {
      providerName = safeName(name, { ...keys, taken });
      taken.add(providerName);
      options.recorder.change(`${pathWords([...path, name])}: property renamed to ${providerName}`);
    }
    renamed.set(name, providerName);
    cleanProperties[providerName] = cleanNode(child, [...path, providerName], options);
    if (providerName !== name) options.local.add(out, { kind: 'rename', segment: providerName, from: name });
  }
  out['properties'] = cleanProperties;
  const requiredOut = required.filter((name) => renamed.has(name)).map((name) => renamed.get(name) as string);
  if (requiredOut.length > 0) out['required'] = requiredOut;
}

function mapValues(record: Schema, fn: (value: unknown, key: string) => unknown): Schema {
  const out: Schema = {};
  for (const [key, value] of Object.entries(record)) out[key] = fn(value, key);
  return out;
}
