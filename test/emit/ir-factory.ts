/** Small builders of IR objects for emitter tests (and the synthetic 1,500-tool toolkit of the scale test). */
import type { IR } from '../../compiler/ir/types.js';

const origin: IR.Origin = { file: 'test/emit/ir-factory.ts', pointer: '' };
const hints: IR.ToolHints = { readOnly: false, idempotent: false, destructive: false, openWorld: true };

export function makeTool(tool: Partial<IR.Tool> & Pick<IR.Tool, 'slug'>): IR.Tool {
  return {
    name: tool.slug,
    description: `Does ${tool.slug}.`,
    importance: 50,
    scopes: [],
    tags: [],
    hints,
    deprecated: false,
    method: 'GET',
    path: '/',
    headers: {},
    parameters: [],
    response: { kind: 'json', schema: { type: 'object' }, origin },
    origin,
    ...tool,
  };
}

export function makeParameter(parameter: Partial<IR.Parameter> & Pick<IR.Parameter, 'name' | 'schema'>): IR.Parameter {
  const location = parameter.in ?? 'query';
  const style = parameter.style ?? (location === 'path' || location === 'header' ? 'simple' : 'form');
  return {
    in: location,
    required: location === 'path',
    style,
    explode: style === 'form',
    allowReserved: false,
    deprecated: false,
    origin,
    ...parameter,
  };
}

export function jsonBody(schema: IR.JsonSchema, contentType = 'application/json'): IR.Body {
  return { contentType, required: true, schema, encoding: {}, origin };
}

export function jsonResponse(schema: IR.JsonSchema): IR.Response {
  return { kind: 'json', schema, origin };
}

export function makeToolkit(toolkit: Partial<IR.Toolkit> & Pick<IR.Toolkit, 'slug'>): IR.Toolkit {
  return {
    name: toolkit.slug,
    description: `The ${toolkit.slug} API.`,
    categories: [],
    baseUrl: 'https://api.example.com',
    headers: {},
    connection: [],
    auth: [{ kind: 'none', fields: [], inject: [], origin }],
    tools: [],
    triggers: [],
    sharedSchemas: {},
    sourceFiles: [],
    origin,
    ...toolkit,
  };
}

/** A GitHub-sized toolkit: `tools` tools over `shared` shared schemas with refs, cycles, unions and enums. */
export function syntheticToolkit(tools = 1500, shared = 600): IR.Toolkit {
  const sharedSchemas: Record<string, IR.JsonSchema> = {};
  for (let index = 0; index < shared; index++) {
    const properties: Record<string, IR.JsonSchema> = {
      id: { type: 'integer' },
      node_id: { type: 'string' },
      name: { type: 'string', description: `Name of thing ${index}.` },
      url: { type: 'string', format: 'uri' },
      created_at: { type: 'string', format: 'date-time' },
      state: { type: 'string', enum: ['open', 'closed', 'all'] },
      labels: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' }, color: { type: ['string', 'null'] } } } },
      private: { type: 'boolean', default: false },
    };
    if (index > 0) properties['owner'] = { $ref: `#/$defs/Thing${(index * 7) % index}` };
    if (index % 10 === 0) properties['parent'] = { anyOf: [{ $ref: `#/$defs/Thing${index}` }, { type: 'null' }] };
    sharedSchemas[`Thing${index}`] = { type: 'object', properties, required: ['id', 'name'] };
  }
  const list: IR.Tool[] = [];
  for (let index = 0; index < tools; index++) {
    list.push(
      makeTool({
        slug: `SYN_OPERATION_${index}`,
        method: index % 2 === 0 ? 'GET' : 'POST',
        path: '/things/{owner}/{repo}',
        importance: index % 100,
        parameters: [
          makeParameter({ name: 'owner', in: 'path', required: true, schema: { type: 'string' } }),
          makeParameter({ name: 'repo', in: 'path', required: true, schema: { type: 'string' } }),
          makeParameter({ name: 'per_page', schema: { type: 'integer', minimum: 1, maximum: 100, default: 30 } }),
          makeParameter({ name: 'direction', schema: { type: 'string', enum: ['asc', 'desc'] } }),
        ],
        ...(index % 2 === 1 && {
          body: jsonBody({
            type: 'object',
            required: ['title'],
            properties: {
              title: { type: 'string' },
              body: { type: 'string' },
              assignees: { type: 'array', items: { type: 'string' } },
              thing: { $ref: `#/$defs/Thing${index % shared}` },
            },
          }),
        }),
        response: jsonResponse(index % 3 === 0 ? { type: 'array', items: { $ref: `#/$defs/Thing${index % shared}` } } : { $ref: `#/$defs/Thing${(index * 13) % shared}` }),
      }),
    );
  }
  return makeToolkit({ slug: 'syn', name: 'Synthetic', tools: list, sharedSchemas, inputCollisions: 'rename' });
}
