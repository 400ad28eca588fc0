/**
 * OpenAPI import: an `openapi:` overlay plus its spec → the toolkit's tools, shared schemas, auth
 * and base URL. Called by the YAML parser for a toolkit.yaml with an `openapi:` section.
 *
 * Hand-written YAML tools whose method + path match a spec operation replace it (their slugs keep
 * working); the rest are added. Auth, base URL and description come from the spec only when the
 * YAML gives none. Never throws: problems come back as diagnostics naming the file and position.
 */
import path from 'node:path';
import type { Diagnostic } from '../../diagnostics/codes.js';
import type { IR } from '../../ir/types.js';
import { defaultImportance } from './importance.js';
import { loadSpec, type LoadedSpec } from './load-spec.js';
import { normalizeOperation } from './normalize.js';
import { buildTool, type OperationSource } from './operations.js';
import { normalizePathTemplate, operationKeyMatches, readOverlay, type Overlay, type ToolOverride } from './overlay.js';
import { isPlainObject, joinPointer, type PlainObject } from './refs.js';
import { Reporter } from './report.js';
import { SchemaConverter } from './schemas.js';
import { authFromSpec, scopedSchemeNames, serverFromSpec } from './security.js';
import { collectSharedSchemas } from './shared.js';
import { SlugAllocator } from './slugs.js';
import { firstParagraph } from './text.js';
import { VariantBuilder } from './variants.js';

export interface ImportOpenApiRequest {
  /** What toolkit.yaml gave: hand-written tools, and possibly empty baseUrl / auth. */
  readonly toolkit: IR.Toolkit;
  /** The raw `openapi:` section. */
  readonly overlay: unknown;
  /** toolkit.yaml, as diagnostics name it. */
  readonly definitionFile: string;
  /** The folder of toolkit.yaml; the spec path is relative to it. */
  readonly definitionDir: string;
}

export interface ImportOpenApiResult {
  readonly toolkit: IR.Toolkit;
  readonly diagnostics: Diagnostic[];
}

const METHODS: ReadonlyArray<[string, IR.HttpMethod]> = [
  ['get', 'GET'], ['put', 'PUT'], ['post', 'POST'], ['delete', 'DELETE'], ['options', 'OPTIONS'], ['head', 'HEAD'], ['patch', 'PATCH'],
];

function listOperations(spec: LoadedSpec, reporter: Reporter): OperationSource[] {
  const paths = spec.root['paths'];
  const out: OperationSource[] = [];
  if (paths === undefined && spec.version === '3.1') return out; // a webhooks-only 3.1 document
  if (!isPlainObject(paths)) {
    reporter.error('TS0201', 'the spec has no `paths` map, so there is nothing to import', { file: spec.file, pointer: paths === undefined ? '' : '/paths' });
    return out;
  }
  for (const [pathKey, item] of Object.entries(paths)) {
    if (pathKey.startsWith('x-')) continue;
    const itemPointer = joinPointer('/paths', pathKey);
    if (!isPlainObject(item)) {
      reporter.warning('TS0201', `path item "${pathKey}" must be an object; skipped`, { file: spec.file, pointer: itemPointer });
      continue;
    }
    const apiPath = pathKey.startsWith('/') ? pathKey : `/${pathKey}`;
    for (const [lower, method] of METHODS) {
      const operation = item[lower];
      if (operation === undefined) continue;
      const pointer = joinPointer(itemPointer, lower);
      if (!isPlainObject(operation)) {
        reporter.warning('TS0201', `operation ${method} ${pathKey} must be an object; skipped`, { file: spec.file, pointer });
        continue;
      }
      const operationId = typeof operation['operationId'] === 'string' && operation['operationId'].trim() !== '' ? operation['operationId'].trim() : undefined;
      out.push({ method, path: apiPath, operation, pointer, pathItem: item, pathPointer: itemPointer, key: operationId ?? `${method} ${apiPath}` });
    }
  }
  return out;
}

function tagsOf(operation: PlainObject): string[] {
  return Array.isArray(operation['tags']) ? operation['tags'].filter((t): t is string => typeof t === 'string') : [];
}

function selectable(source: OperationSource) {
  const operationId = typeof source.operation['operationId'] === 'string' ? source.operation['operationId'].trim() : undefined;
  return { method: source.method, path: source.path, tags: tagsOf(source.operation), ...(operationId ? { operationId } : {}) };
}

/** Applies include/exclude and the deprecated rule; reports selectors that match nothing. */
function selectOperations(all: readonly OperationSource[], overlay: Overlay, definitionFile: string, reporter: Reporter): OperationSource[] {
  const used = new Set<string>();
  const selected = all.filter((source) => {
    const op = selectable(source);
    const including = overlay.include?.filter((selector) => selector.matches(op));
    const excluding = overlay.exclude.filter((selector) => selector.matches(op));
    for (const selector of [...(including ?? []), ...excluding]) used.add(selector.pointer);
    if (including && including.length === 0) return false;
    if (excluding.length > 0) return false;
    if (source.operation['deprecated'] === true) return including?.some((selector) => selector.byName) ?? false;
    return true;
  });
  for (const selector of [...(overlay.include ?? []), ...overlay.exclude]) {
    if (!used.has(selector.pointer)) {
      reporter.warning('TS0205', `selector "${selector.text}" matches no operation of the spec`, { file: definitionFile, pointer: selector.pointer },
        'selectors: tag:<Tag>, an operationId, "METHOD /path", or a path glob such as /v1/charges/**');
    }
  }
  return selected;
}

function applyOverride(tool: IR.Tool, override: ToolOverride | undefined): IR.Tool {
  if (!override) return tool;
  return {
    ...tool,
    ...(override.slug !== undefined ? { slug: override.slug } : {}),
    ...(override.name !== undefined ? { name: override.name } : {}),
    ...(override.description !== undefined ? { description: override.description } : {}),
    ...(override.importance !== undefined ? { importance: override.importance } : {}),
    ...(override.scopes !== undefined ? { scopes: override.scopes } : {}),
    ...(override.tags !== undefined ? { tags: override.tags } : {}),
    ...(override.hints !== undefined ? { hints: { ...tool.hints, ...override.hints } } : {}),
  };
}

export async function importOpenApi(request: ImportOpenApiRequest): Promise<ImportOpenApiResult> {
  const reporter = new Reporter();
  const base: IR.Toolkit = { ...request.toolkit, inputCollisions: 'rename' };
  try {
    return await importInto(base, request, reporter);
  } catch (error) {
    // A bug of ours, not of the spec: say so with the spec named rather than crash the build.
    reporter.error('TS0903', `internal error while importing the OpenAPI spec: ${(error as Error).message ?? String(error)}`, { file: request.definitionFile, pointer: '/openapi' });
    return { toolkit: base, diagnostics: reporter.finish() };
  }
}

async function importInto(base: IR.Toolkit, request: ImportOpenApiRequest, reporter: Reporter): Promise<ImportOpenApiResult> {
  const overlay = readOverlay(request.overlay, request.definitionFile, reporter);
  if (!overlay) return { toolkit: base, diagnostics: reporter.finish() };
  const absolute = path.resolve(request.definitionDir, overlay.spec);
  const loaded = await loadSpec(absolute, path.relative(process.cwd(), absolute) || absolute);
  if ('diagnostics' in loaded) return { toolkit: base, diagnostics: [...reporter.finish(), ...loaded.diagnostics] };
  const spec = loaded.spec;
  reporter.diagnostics.push(...spec.warnings);
  const ctx = { root: spec.root, version: spec.version, file: spec.file, reporter };

  const all = listOperations(spec, reporter);
  const selected = selectOperations(all, overlay, request.definitionFile, reporter);

  // Hand-written tools replace the operation with the same method and path.
  const handWritten = new Map<string, IR.Tool>();
  for (const tool of base.tools) handWritten.set(`${tool.method} ${normalizePathTemplate(tool.path)}`, tool);
  const slugs = new SlugAllocator(base.slug);
  for (const tool of base.tools) slugs.reserve(tool.slug);

  const overrideFor = new Map<OperationSource, ToolOverride>();
  for (const override of overlay.tools) {
    const matches = all.filter((source) => operationKeyMatches(override.key, selectable(source)));
    if (matches.length === 0) {
      reporter.error('TS0204', `override "${override.key}" names no operation of the spec`, { file: request.definitionFile, pointer: override.pointer },
        'key overrides by operationId or "METHOD /path"');
      continue;
    }
    for (const match of matches) overrideFor.set(match, override);
    if (override.slug !== undefined) slugs.reserve(override.slug);
  }

  // A YAML base URL may carry a path the spec puts in its operation paths (Notion: `.../v1` vs `/v1/pages`):
  // tool paths are rebased onto the YAML base URL, and hand-written tools match on the rebased path.
  const rebase = pathRebaser(urlPath(serverFromSpec(ctx).baseUrl), base.baseUrl.trim() === '' ? undefined : urlPath(base.baseUrl), () =>
    reporter.warning('TS0206', `operation paths of the spec do not start with the path of the toolkit baseUrl "${base.baseUrl}"; they are used as written`, { file: request.definitionFile, pointer: '/baseUrl' }));
  let auth = base.auth;
  if (auth.length === 0) {
    auth = authFromSpec(ctx);
    if (auth.length === 0) auth = [{ kind: 'none', fields: [], inject: [], origin: { file: spec.file, pointer: '' } }];
  }
  const converter = new SchemaConverter(spec.root, spec.file, spec.version, reporter);
  const toolCtx = { ...ctx, converter, scopedSchemes: scopedSchemeNames(ctx), credentialParameters: credentialParameters(auth, spec.root) };
  const tools: IR.Tool[] = [];
  const replaced = new Set<IR.Tool>();
  const overrideScopes = new Set<IR.Tool>();
  for (const source of selected) {
    const toolPath = rebase(source.path);
    const manual = handWritten.get(`${source.method} ${normalizePathTemplate(toolPath)}`);
    if (manual) {
      if (!replaced.has(manual)) tools.push(manual);
      replaced.add(manual);
      continue;
    }
    const normalized = normalizeOperation(ctx, source.pathItem, source.pathPointer, source.operation, source.pointer);
    const built = buildTool(toolCtx, { ...source, path: toolPath }, normalized);
    const override = overrideFor.get(source);
    const operationId = selectable(source).operationId;
    const slug = override?.slug ?? slugs.allocate(operationId, source.method, source.path);
    const importance = defaultImportance({ method: source.method, path: source.path, tags: built.tags, deprecated: built.deprecated, ...(operationId ? { operationId } : {}) });
    const tool = applyOverride({ ...built, slug, importance }, override);
    if (override?.scopes !== undefined) overrideScopes.add(tool);
    tools.push(tool);
  }
  // Hand-written tools for operations the spec lacks (or the overlay left out) come first.
  const added = base.tools.filter((tool) => !replaced.has(tool));

  // Shared schemas: convert everything referenced, then make readOnly/writeOnly variants.
  converter.drain();
  const variants = new VariantBuilder(converter);
  const generated = new Set<IR.Tool>();
  const finalTools = tools.map((tool) => {
    if (replaced.has(tool)) return tool;
    const withSchemas = withVariants(tool, variants);
    if (!overrideScopes.has(tool)) generated.add(withSchemas);
    return withSchemas;
  });
  converter.drain();
  const allTools = [...added, ...finalTools];
  const sharedSchemas = { ...base.sharedSchemas, ...collectSharedSchemas(finalTools, converter.shared) };

  let { baseUrl, connection, description } = base;
  if (baseUrl.trim() === '') {
    const server = serverFromSpec(ctx);
    baseUrl = server.baseUrl;
    connection = [...connection, ...server.connection.filter((field) => !connection.some((c) => c.name === field.name))];
  }
  if (description.trim() === '') {
    const info = isPlainObject(spec.root['info']) ? spec.root['info'] : {};
    const text = typeof info['description'] === 'string' && info['description'].trim() !== '' ? info['description']
      : typeof info['title'] === 'string' ? info['title'] : base.name;
    description = firstParagraph(text, 300);
  }
  // Spec scopes no auth scheme declares (an implicit-only OAuth2 flow, or a YAML auth with other
  // scopes) would fail validation: imported tools keep only the declared ones.
  const declared = new Set(auth.flatMap((scheme) => (scheme.kind === 'oauth2' ? Object.keys(scheme.scopes) : [])));
  const scoped = allTools.map((tool) => {
    if (!generated.has(tool) || tool.scopes.every((scope) => declared.has(scope))) return tool;
    return { ...tool, scopes: tool.scopes.filter((scope) => declared.has(scope)) };
  });
  const toolkit: IR.Toolkit = {
    ...base,
    description,
    baseUrl,
    connection,
    auth,
    tools: scoped,
    sharedSchemas,
    sourceFiles: [...base.sourceFiles, ...spec.files.filter((file) => !base.sourceFiles.includes(file))],
  };
  return { toolkit, diagnostics: reporter.finish() };
}

/**
 * `in:name` of parameters the auth already fills (its inject rules, the spec's apiKey schemes): the
 * model must never be asked for a credential.
 */
function credentialParameters(auth: readonly IR.AuthScheme[], root: PlainObject): Set<string> {
  const keys = new Set<string>();
  for (const scheme of auth) for (const rule of scheme.inject) keys.add(`${rule.in}:${rule.name.toLowerCase()}`);
  const components = isPlainObject(root['components']) ? root['components']['securitySchemes'] : root['securityDefinitions'];
  if (isPlainObject(components)) {
    for (const scheme of Object.values(components)) {
      if (isPlainObject(scheme) && scheme['type'] === 'apiKey' && typeof scheme['name'] === 'string' && typeof scheme['in'] === 'string') {
        keys.add(`${scheme['in']}:${scheme['name'].toLowerCase()}`);
      }
    }
  }
  return keys;
}

/** The path part of a base URL template (`https://{{connection.site}}.x.net/api/` → `/api`). */
function urlPath(url: string): string {
  const rest = url.trim().replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '').replace(/^\{\{\s*connection\.base_url\s*\}\}/, '');
  return rest.replace(/\/+$/, '');
}

/** Maps a spec operation path to a tool path relative to the toolkit's base URL. */
function pathRebaser(specBase: string, yamlBase: string | undefined, onMismatch: () => void): (path: string) => string {
  if (yamlBase === undefined || yamlBase === specBase) return (path) => path;
  let warned = false;
  return (path) => {
    const full = specBase + path;
    if (full === yamlBase || full.startsWith(`${yamlBase}/`)) return full.slice(yamlBase.length) || '/';
    if (!warned) onMismatch();
    warned = true;
    return path;
  };
}

function withVariants(tool: IR.Tool, variants: VariantBuilder): IR.Tool {
  return {
    ...tool,
    parameters: tool.parameters.map((parameter) => ({ ...parameter, schema: variants.transform(parameter.schema, 'input') })),
    ...(tool.body ? { body: { ...tool.body, schema: variants.transform(tool.body.schema, 'input') } } : {}),
    response: { ...tool.response, schema: variants.transform(tool.response.schema, 'output') },
  };
}
