import { describe, expect, it } from 'vitest';
import { lowerTool, validateAnthropicSchema, validateGeminiSchema, validateOpenAiSchema } from '../../compiler/lower/index.js';
import { restoreArguments } from '../../runtime/providers/restore-arguments.js';
import { ToolsmithError } from '../../runtime/errors.js';

const issueSchema = {
  type: 'object',
  required: ['owner', 'title'],
  properties: {
    owner: { type: 'string', 'x-toolsmith-in': 'path' },
    title: { type: 'string', maxLength: 256, format: 'uri-reference', description: 'Issue title' },
    labels: { type: 'array', items: { type: 'string' } },
    milestone: { type: 'integer', nullable: true },
    priority: { type: 'integer', enum: [1, 2, 3] },
    assignee: { $ref: '#/$defs/User' },
    'filter[state]': { type: 'string', enum: ['open', 'closed'] },
  },
  $defs: {
    User: { type: 'object', required: ['login'], properties: { login: { type: 'string' }, id: { type: 'integer' } } },
  },
};

describe('OpenAI strict lowering', () => {
  const { schemas, warnings, problems } = lowerTool('GITHUB_CREATE_ISSUE', issueSchema);
  const openai = schemas.openai;
  const params = openai.parameters as any;

  it('makes every property required, optional ones nullable, objects closed', () => {
    expect(problems).toEqual([]);
    expect(warnings).toEqual([]);
    expect(openai.strict).toBe(true);
    expect(params.required).toEqual(Object.keys(issueSchema.properties));
    expect(params.additionalProperties).toBe(false);
    expect(params.properties.labels.type).toEqual(['array', 'null']);
    expect(params.properties.assignee).toEqual({ anyOf: [{ $ref: '#/$defs/User' }, { type: 'null' }] });
    expect(params.$defs.User.required).toEqual(['login', 'id']);
    expect(params.$defs.User.properties.id.type).toEqual(['integer', 'null']);
    expect(params.properties.priority.enum).toEqual([1, 2, 3, null]);
  });

  it('describes unsupported keywords instead of dropping them, and removes private markers', () => {
    expect(params.properties.title.maxLength).toBeUndefined();
    expect(params.properties.title.format).toBeUndefined();
    expect(params.properties.title.description).toContain('maxLength: 256');
    expect(params.properties.title.description).toContain('format: uri-reference');
    for (const dialect of ['openai', 'anthropic', 'gemini'] as const) expect(JSON.stringify(schemas[dialect].parameters)).not.toContain('x-toolsmith');
    expect(openai.changes.join('\n')).toContain('optional properties made required and nullable');
  });

  it('records which nulls were added and removes exactly those before execute', () => {
    const fromModel = { owner: 'o', title: 't', labels: null, milestone: null, priority: null, assignee: { login: 'a', id: null }, 'filter[state]': 'open' };
    const restored = restoreArguments(fromModel, openai, 'GITHUB_CREATE_ISSUE');
    // milestone was nullable in the source: its null is a real value and stays.
    expect(restored).toEqual({ owner: 'o', title: 't', milestone: null, assignee: { login: 'a' }, 'filter[state]': 'open' });
    expect(fromModel.labels).toBeNull();
  });

  it('sends free-form objects non-strict with a warning', () => {
    const lowered = lowerTool('X_TOOL', { type: 'object', properties: { metadata: { type: 'object', additionalProperties: { type: 'string' } } } });
    expect(lowered.schemas.openai.strict).toBe(false);
    expect(lowered.warnings[0]?.message).toContain('metadata: open additionalProperties');
    expect(lowered.problems).toEqual([]);
  });

  it('falls back to non-strict when a documented limit is exceeded', () => {
    const many = Object.fromEntries(Array.from({ length: 1_100 }, (_, i) => [`v${i}`, { type: 'string', enum: [`a${i}`] }]));
    const lowered = lowerTool('X_BIG', { type: 'object', properties: many });
    expect(lowered.schemas.openai.strict).toBe(false);
    expect(lowered.warnings[0]?.message).toContain('enum values exceed 1000');
  });
});

describe('Anthropic lowering', () => {
  it('renames property keys to the pattern and maps them back', () => {
    const { schemas } = lowerTool('GITHUB_CREATE_ISSUE', issueSchema);
    const params = schemas.anthropic.parameters as any;
    const keys = Object.keys(params.properties);
    expect(keys).not.toContain('filter[state]');
    const renamed = keys.find((k) => k.startsWith('filter_state'));
    expect(renamed).toMatch(/^[a-zA-Z0-9_.-]{1,64}$/);
    expect(validateAnthropicSchema(schemas.anthropic, 'GITHUB_CREATE_ISSUE')).toEqual([]);
    const restored = restoreArguments({ owner: 'o', [renamed as string]: 'open' }, schemas.anthropic, 'GITHUB_CREATE_ISSUE');
    expect(restored).toEqual({ owner: 'o', 'filter[state]': 'open' });
  });

  it('shortens long tool names with a stable hash', () => {
    const slug = `JIRA_${'VERY_LONG_'.repeat(10)}ACTION`;
    const a = lowerTool(slug, { type: 'object', properties: {} }).schemas.anthropic;
    const b = lowerTool(slug, { type: 'object', properties: {} }).schemas.anthropic;
    expect(a.name).toBeDefined();
    expect(a.name).toBe(b.name);
    expect(a.name!.length).toBeLessThanOrEqual(64);
    expect(validateAnthropicSchema(a, slug)).toEqual([]);
    expect(validateAnthropicSchema({ parameters: a.parameters, changes: [] }, slug)[0]).toContain('does not match');
  });
});

describe('Gemini lowering', () => {
  const recursive = {
    type: 'object',
    properties: {
      node: { $ref: '#/$defs/Node' },
      payload: { type: 'object', description: 'Any JSON object' },
      when: { type: ['string', 'null'], format: 'date-time' },
      priority: { type: 'integer', enum: [1, 2, 3] },
      'X-Api-Version': { type: 'string' },
    },
    $defs: { Node: { type: 'object', properties: { name: { type: 'string' }, children: { type: 'array', items: { $ref: '#/$defs/Node' } } } } },
  };
  const { schemas, problems } = lowerTool('APP_TREE', recursive);
  const gemini = schemas.gemini;
  const params = gemini.parameters as any;

  it('inlines $ref, breaks cycles into a JSON string, and keeps types in Gemini form', () => {
    expect(problems).toEqual([]);
    expect(JSON.stringify(params)).not.toContain('$ref');
    expect(params.type).toBe('OBJECT');
    expect(params.properties.node.properties.children.items.type).toBe('STRING');
    expect(params.properties.node.properties.children.items.description).toContain('JSON-encoded string');
    expect(params.properties.payload.type).toBe('STRING');
    expect(params.properties.when).toEqual({ type: 'STRING', format: 'date-time', nullable: true });
    expect(params.properties.priority).toMatchObject({ type: 'STRING', enum: ['1', '2', '3'], format: 'enum' });
  });

  it('restores JSON strings, enum values and renamed keys before execute', () => {
    const renamed = Object.keys(params.properties).find((k) => k.startsWith('X_Api_Version')) as string;
    expect(renamed).toMatch(/^[a-zA-Z_][a-zA-Z0-9_]*$/);
    const restored = restoreArguments({
      node: { name: 'root', children: ['{"name":"leaf","children":[]}'] },
      payload: '{"a":1}',
      priority: '2',
      [renamed]: '2022-11-28',
    }, gemini, 'APP_TREE');
    expect(restored).toEqual({
      node: { name: 'root', children: [{ name: 'leaf', children: [] }] },
      payload: { a: 1 },
      priority: 2,
      'X-Api-Version': '2022-11-28',
    });
  });

  it('reports a JSON-string field that does not parse, naming the argument', () => {
    expect(() => restoreArguments({ payload: '{oops' }, gemini, 'APP_TREE')).toThrow(ToolsmithError);
    expect(() => restoreArguments({ payload: '{oops' }, gemini, 'APP_TREE')).toThrow(/payload of APP_TREE/);
  });
});

describe('validators reject what the providers reject', () => {
  it('OpenAI strict: open objects, unsupported keywords, arrays without items', () => {
    const bad = { type: 'object', properties: { a: { type: 'string', minLength: 2 }, b: { type: 'array' } }, required: ['a'] };
    const problems = validateOpenAiSchema({ parameters: bad, strict: true, changes: [] }, 'T');
    expect(problems.join('\n')).toMatch(/additionalProperties must be false/);
    expect(problems.join('\n')).toMatch(/keyword minLength not supported/);
    expect(problems.join('\n')).toMatch(/array without items/);
    expect(problems.join('\n')).toMatch(/properties not required: b/);
  });

  it('Gemini: $ref, lower-case types, non-string enums, empty nested objects', () => {
    const bad = { type: 'OBJECT', properties: { a: { $ref: '#/$defs/A' }, b: { type: 'integer' }, c: { type: 'INTEGER', enum: [1] }, d: { type: 'OBJECT', properties: {} } } };
    const text = validateGeminiSchema({ parameters: bad, changes: [] }, 'T').join('\n');
    expect(text).toMatch(/keyword \$ref/);
    expect(text).toMatch(/type "integer"/);
    expect(text).toMatch(/enum on INTEGER/);
    expect(text).toMatch(/nested OBJECT with no properties/);
  });

  it('every provider: private markers', () => {
    const bad = { type: 'object', properties: { f: { type: 'string', 'x-toolsmith-file': true } } };
    expect(validateAnthropicSchema({ parameters: bad, changes: [] }).join()).toMatch(/private keyword x-toolsmith-file/);
    expect(validateOpenAiSchema({ parameters: bad, changes: [] }).join()).toMatch(/private keyword x-toolsmith-file/);
    expect(validateGeminiSchema({ parameters: { type: 'OBJECT', properties: { f: { type: 'STRING', 'x-file': true } } }, changes: [] }).join()).toMatch(/x-file/);
  });
});
