/** A parsed toolkit.yaml (plain data) → IR toolkit, reporting shape problems into the context. */
import { joinPointer } from '../../diagnostics/positions.js';
import type { IR } from '../../ir/types.js';
import { readAuthSchemes, readConnectionFields } from './read-auth.js';
import { checkOpenApiOverlay } from './read-openapi-overlay.js';
import { readTool } from './read-tool.js';
import { readTrigger } from './read-trigger.js';
import { ObjectReader, report, type ParseContext } from './reader.js';

export interface ReadToolkitResult {
  /** Undefined when the file is too broken to describe a toolkit (not a mapping, no slug). */
  readonly toolkit?: IR.Toolkit;
  /** The raw `openapi:` mapping, when present and usable. */
  readonly openapi?: Record<string, unknown>;
}

export function readToolkit(context: ParseContext, raw: unknown): ReadToolkitResult {
  const reader = new ObjectReader(context, raw, '', 'Toolkit');
  if (!reader.complete) return {};
  const hasOpenApi = reader.has('openapi');
  const openapiUsable = hasOpenApi && checkOpenApiOverlay(context, reader.raw('openapi'), reader.at('openapi'));

  const slug = reader.string('slug', true);
  const name = reader.string('name', true);
  const description = reader.string('description', !hasOpenApi) ?? '';
  const categories = reader.stringList('categories') ?? [];
  const logo = reader.string('logo');
  const docsUrl = reader.string('docsUrl');
  // An OpenAPI toolkit may take its base URL from the spec's servers.
  const baseUrl = reader.string('baseUrl', !hasOpenApi) ?? '';
  if (baseUrl !== '' && !/^(https?:\/\/|\{\{)/i.test(baseUrl)) {
    report(
      context,
      'TS0005',
      `Field "baseUrl" must be an absolute http(s) URL; got ${JSON.stringify(baseUrl)}.`,
      reader.at('baseUrl'),
      `did you mean "https://${baseUrl.replace(/^\/+/, '')}"?`,
    );
  }
  const headers = reader.stringRecord('headers') ?? {};
  const connectionRaw = reader.list('connection');
  const connection = connectionRaw ? readConnectionFields(context, connectionRaw, reader.at('connection')) : [];
  const authRaw = reader.list('auth');
  // No auth written: a plain toolkit needs none; an OpenAPI toolkit takes the spec's security schemes.
  const auth: IR.AuthScheme[] = authRaw
    ? readAuthSchemes(context, authRaw, reader.at('auth'))
    : hasOpenApi
      ? []
      : [{ kind: 'none', fields: [], inject: [], origin: reader.origin }];

  const toolkitSlug = slug ?? '';
  const tools: IR.Tool[] = [];
  (reader.list('tools') ?? []).forEach((item, index) => {
    const tool = readTool(context, item, joinPointer(reader.at('tools'), index), toolkitSlug);
    if (tool) tools.push(tool);
  });
  const triggers: IR.Trigger[] = [];
  (reader.list('triggers') ?? []).forEach((item, index) => {
    const trigger = readTrigger(context, item, joinPointer(reader.at('triggers'), index), toolkitSlug);
    if (trigger) triggers.push(trigger);
  });
  reader.finish();
  if (slug === undefined || name === undefined) return {};

  const toolkit: IR.Toolkit = {
    slug,
    name,
    description,
    categories,
    ...(logo !== undefined && { logo }),
    ...(docsUrl !== undefined && { docsUrl }),
    baseUrl,
    headers,
    connection,
    auth,
    tools,
    triggers,
    sharedSchemas: {},
    sourceFiles: [context.file],
    origin: reader.origin,
  };
  const openapi = openapiUsable ? (reader.raw('openapi') as Record<string, unknown>) : undefined;
  return openapi ? { toolkit, openapi } : { toolkit };
}
