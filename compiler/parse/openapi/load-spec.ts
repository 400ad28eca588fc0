/**
 * Reads an OpenAPI document from disk: JSON (fast path, parsed directly) or YAML, and bundles
 * external `$ref`s into one document with swagger-parser only when the spec has any.
 * Internal refs are left in place and followed lazily by the importer.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { isMap, isScalar, isSeq, parseDocument, type Document } from 'yaml';
import type { Diagnostic } from '../../diagnostics/codes.js';
import { makeDiagnostic, rememberSource } from '../../diagnostics/positions.js';
import { INSTANCE_DATA, SCHEMA_MAPS } from '../../../runtime/schema/schema-shape.js';
import { isPlainObject, type PlainObject } from './refs.js';

export type SpecVersion = '2.0' | '3.0' | '3.1';

export interface LoadedSpec {
  readonly root: PlainObject;
  readonly version: SpecVersion;
  /** The spec file as diagnostics name it (relative to the working directory). */
  readonly file: string;
  /** Every file read, the spec first (external `$ref` targets after it). */
  readonly files: readonly string[];
  /** Problems that do not stop the import (duplicate YAML keys), already positioned. */
  readonly warnings: readonly Diagnostic[];
}

export type LoadResult = { readonly spec: LoadedSpec } | { readonly diagnostics: Diagnostic[] };

function plainDiagnostic(code: Diagnostic['code'], message: string, file: string, line = 1, column = 1, hint?: string): Diagnostic {
  return hint === undefined
    ? { code, severity: 'error', message, file, line, column }
    : { code, severity: 'error', message, file, line, column, hint };
}

/** Line and column (1-based) of a character offset. */
function positionOfOffset(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

const MAX_DUPLICATE_KEY_WARNINGS = 25;

/**
 * Duplicate keys of YAML maps. The YAML is still read (the later value wins, as most tools do), but
 * silently losing an operation or a property would be a wrong result nobody sees, so each is reported.
 */
function duplicateKeyWarnings(document: Document.Parsed, text: string, file: string): Diagnostic[] {
  const warnings: Diagnostic[] = [];
  const walk = (node: unknown): void => {
    if (warnings.length >= MAX_DUPLICATE_KEY_WARNINGS) return;
    if (isSeq(node)) for (const item of node.items) walk(item);
    if (!isMap(node)) return;
    const first = new Map<string, number>();
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      const offset = isScalar(pair.key) ? pair.key.range?.[0] : undefined;
      const seen = first.get(key);
      if (seen !== undefined && offset !== undefined && warnings.length < MAX_DUPLICATE_KEY_WARNINGS) {
        const at = positionOfOffset(text, offset);
        const earlier = positionOfOffset(text, seen).line;
        warnings.push({
          code: 'TS0006', severity: 'warning', file, ...at,
          message: `duplicate key ${JSON.stringify(key)} (first at line ${earlier}); the later value is used and the earlier one ignored`,
        });
      } else if (seen === undefined && offset !== undefined) first.set(key, offset);
      walk(pair.value);
    }
  };
  walk(document.contents);
  return warnings;
}

/** Maps whose keys are names (of properties, schemas, responses, media types…), never keywords. */
const NAME_MAPS: ReadonlySet<string> = new Set([
  ...SCHEMA_MAPS, 'schemas', 'responses', 'parameters', 'requestBodies', 'headers', 'securitySchemes', 'links',
  'callbacks', 'pathItems', 'paths', 'webhooks', 'content', 'encoding', 'variables',
]);

/**
 * Whether the spec has a `$ref` to another file. Instance data (example, default, enum, const, the `value` of
 * an Example Object, a JSON Schema `examples` list, `x-` extensions) is not searched: a `$ref` key there is data.
 * Under a map of names every key is a name, so a `default` response or a property named `default` is searched.
 */
function hasExternalRefs(node: unknown): boolean {
  const stack: Array<{ node: unknown; names: boolean }> = [{ node, names: false }];
  while (stack.length > 0) {
    const { node: current, names } = stack.pop()!;
    if (Array.isArray(current)) {
      for (const item of current) if (item !== null && typeof item === 'object') stack.push({ node: item, names: false });
      continue;
    }
    if (current === null || typeof current !== 'object') continue;
    for (const [key, value] of Object.entries(current)) {
      if (!names && key === '$ref' && typeof value === 'string' && !value.startsWith('#')) return true;
      if (value === null || typeof value !== 'object') continue;
      if (!names && key === 'examples' && !Array.isArray(value)) {
        // An OpenAPI `examples` map: Example Objects (or $refs to them) whose `value` is data.
        for (const example of Object.values(value)) {
          if (example === null || typeof example !== 'object') continue;
          const { value: _data, ...rest } = example as Record<string, unknown>;
          stack.push({ node: rest, names: false });
        }
        continue;
      }
      if (!names && (INSTANCE_DATA.has(key) || key.startsWith('x-'))) continue;
      stack.push({ node: value, names: !names && NAME_MAPS.has(key) });
    }
  }
  return false;
}

/** External `$ref`s in document order, with their JSON pointers (to position a bundling error). */
function externalRefs(node: unknown, pointer: string, out: Array<{ pointer: string; ref: string }>): void {
  if (out.length >= 1000 || node === null || typeof node !== 'object') return;
  for (const [key, value] of Object.entries(node)) {
    const at = `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    if (key === '$ref' && typeof value === 'string' && !value.startsWith('#')) out.push({ pointer: at, ref: value });
    else externalRefs(value, at, out);
  }
}

/** The external `$ref` a bundling error is about: the one whose file the message names, else the first. */
function failingRef(root: unknown, specPath: string, message: string): string | undefined {
  const refs: Array<{ pointer: string; ref: string }> = [];
  externalRefs(root, '', refs);
  const named = refs.find(({ ref }) => message.includes(path.resolve(path.dirname(specPath), ref.split('#')[0] ?? '')));
  return (named ?? refs[0])?.pointer;
}

function detectVersion(root: PlainObject, file: string): SpecVersion | Diagnostic {
  const swagger = root['swagger'];
  const openapi = root['openapi'];
  if (swagger !== undefined) {
    if (String(swagger) === '2.0') return '2.0';
    return plainDiagnostic('TS0202', `unsupported Swagger version ${JSON.stringify(swagger)}; only 2.0 is supported`, file);
  }
  if (typeof openapi === 'string') {
    if (/^3\.0(\.|$)/.test(openapi)) return '3.0';
    if (/^3\.[1-9](\.|$)/.test(openapi)) return '3.1';
    return plainDiagnostic('TS0202', `unsupported OpenAPI version "${openapi}"; supported: 2.0, 3.0, 3.1`, file);
  }
  return plainDiagnostic(
    'TS0201',
    'not an OpenAPI document: it has neither an `openapi` nor a `swagger` version field',
    file,
    1,
    1,
    'the spec must start with `openapi: 3.x.y` (or `swagger: "2.0"`)',
  );
}

/**
 * Loads the spec at `absolutePath`; `displayFile` names it in diagnostics.
 * Never throws: every failure comes back as diagnostics.
 */
export async function loadSpec(absolutePath: string, displayFile: string): Promise<LoadResult> {
  let text: string;
  try {
    text = await readFile(absolutePath, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (error as Error).message;
    return { diagnostics: [plainDiagnostic('TS0200', `cannot read the OpenAPI spec: ${reason}`, displayFile)] };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  rememberSource(displayFile, text); // diagnostics position into it without reading 13 MB again

  let root: unknown;
  let warnings: Diagnostic[] = [];
  const trimmed = text.trimStart();
  const looksJson = trimmed.startsWith('{') || trimmed.startsWith('[');
  if (looksJson) {
    try {
      root = JSON.parse(text);
    } catch (error) {
      const message = (error as Error).message;
      const offset = /position (\d+)/.exec(message);
      const lineColumn = /line (\d+) column (\d+)/.exec(message);
      const at = lineColumn
        ? { line: Number(lineColumn[1]), column: Number(lineColumn[2]) }
        : offset
          ? positionOfOffset(text, Number(offset[1]))
          : { line: 1, column: 1 };
      return { diagnostics: [plainDiagnostic('TS0200', `the OpenAPI spec is not valid JSON: ${message}`, displayFile, at.line, at.column)] };
    }
  } else {
    const document = parseDocument(text, { uniqueKeys: false, prettyErrors: false });
    const first = document.errors[0];
    if (first) {
      const at = positionOfOffset(text, first.pos[0]);
      const message = first.message.split('\n')[0] ?? first.message;
      return {
        diagnostics: [plainDiagnostic('TS0200', `the OpenAPI spec is not valid YAML: ${message}`, displayFile, at.line, at.column)],
      };
    }
    warnings = duplicateKeyWarnings(document, text, displayFile);
    root = document.toJS({ maxAliasCount: -1 });
  }
  if (!isPlainObject(root)) {
    const why = text.trim() === '' ? 'the file is empty' : 'the top level must be an object';
    return { diagnostics: [plainDiagnostic('TS0201', `not an OpenAPI document: ${why}`, displayFile)] };
  }
  const version = detectVersion(root, displayFile);
  if (typeof version !== 'string') return { diagnostics: [version] };
  const declared = root['openapi'];
  if (typeof declared === 'string' && /^3\.([2-9]|\d{2,})(\.|$)/.test(declared)) {
    // 3.2 and later are 3.1 plus additions; import what 3.1 defines and say that the rest is not read.
    warnings = [...warnings, makeDiagnostic(
      'TS0206', 'warning',
      `OpenAPI ${declared} is read as 3.1: what later versions added (the QUERY method, additionalOperations, \`in: querystring\` parameters, streamed itemSchema) is not imported`,
      { file: displayFile, pointer: '/openapi' },
    )];
  }

  const files = [displayFile];
  // For JSON a text search rules most specs out cheaply; a hit may be a `$ref` inside example data, so confirm.
  const external = (!looksJson || /"\$ref"\s*:\s*"(?!#)/.test(text)) && hasExternalRefs(root);
  if (external) {
    try {
      const { default: SwaggerParser } = await import('@apidevtools/swagger-parser');
      const parser = new SwaggerParser();
      const bundled = await parser.bundle(absolutePath, { resolve: { external: true, http: false } } as never);
      root = bundled as unknown as PlainObject;
      const cwd = process.cwd();
      for (const file of parser.$refs.paths('file')) {
        const relative = path.relative(cwd, file);
        if (path.resolve(file) !== path.resolve(absolutePath) && !files.includes(relative)) files.push(relative);
      }
    } catch (error) {
      const message = ((error as Error).message || String(error)).split('\n')[0] ?? '';
      const summary = `cannot resolve an external $ref of the OpenAPI spec: ${message}`;
      const hint = 'external refs must name local files relative to the spec';
      const pointer = failingRef(root, absolutePath, message);
      return {
        diagnostics: [pointer === undefined
          ? plainDiagnostic('TS0203', summary, displayFile, 1, 1, hint)
          : makeDiagnostic('TS0203', 'error', summary, { file: displayFile, pointer }, hint)],
      };
    }
  }
  return { spec: { root: root as PlainObject, version, file: displayFile, files, warnings } };
}
