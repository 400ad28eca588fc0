/** Further cases of the rules, from definitions written to a temporary folder. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { IR } from '../../compiler/ir/types.js';
import { loadDefinitions } from '../../compiler/parse/load-definitions.js';
import { validateToolkits } from '../../compiler/validate/index.js';
import { checkJsonSchema } from '../../compiler/validate/json-schema-check.js';
import { parseTemplate } from '../../compiler/validate/template-syntax.js';
import { diagnose, summarize } from './support.js';

const head = '# yaml-language-server: $schema=../../toolsmith.schema.json\nslug: demo\nname: Demo\ndescription: Demo.\n';

function definitions(text: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'toolsmith-rules-'));
  mkdirSync(path.join(dir, 'demo'));
  writeFileSync(path.join(dir, 'demo', 'toolkit.yaml'), text);
  return dir;
}

async function codes(text: string): Promise<Array<[string, number, number, string]>> {
  return summarize(await diagnose(definitions(text)));
}

describe('templates', () => {
  it('parses references, base64 and literals; reports malformed ones', () => {
    expect(parseTemplate("Basic {{base64 credentials.user ':' credentials.pass}}")).toEqual({
      references: [
        { source: 'credentials', name: 'user' },
        { source: 'credentials', name: 'pass' },
      ],
      problems: [],
    });
    expect(parseTemplate('https://{{ connection.host }}/x').references).toEqual([{ source: 'connection', name: 'host' }]);
    expect(parseTemplate('{{connection.host').problems).toEqual([{ message: '"{{" at character 1 has no closing "}}"' }]);
    expect(parseTemplate('{{secrets.key}}').problems).toEqual([{ message: '"{{secrets.key}}" must name connection.<name> or credentials.<name>' }]);
    expect(parseTemplate('{{}}').problems).toEqual([{ message: 'empty "{{ }}"' }]);
    expect(parseTemplate('{{base64}}').problems).toEqual([{ message: '"base64" needs at least one argument' }]);
  });

  it('credentials outside inject rules are TS0025; a missing credential field in an inject rule is TS0016', async () => {
    const result = await codes(
      head +
        'baseUrl: https://api.demo.example/{{credentials.token}}\n' +
        'auth:\n' +
        '  - scheme: bearer\n' +
        '    inject: [{ in: header, name: Authorization, value: "Bearer {{credentials.tokn}}" }]\n',
    );
    expect(result).toEqual([
      ['TS0025', 5, 1, 'baseUrl cannot use {{credentials.token}}: credentials go on requests only through an auth scheme\'s "inject" rules.'],
      ['TS0016', 8, 49, 'Inject rule "Authorization" uses {{credentials.tokn}}, but this auth scheme has no credential field "tokn".'],
    ]);
  });

  it('checks oauth2 URLs and authorization params against connection fields', async () => {
    const result = await codes(
      head +
        'baseUrl: https://api.demo.example\n' +
        'auth:\n' +
        '  - scheme: oauth2\n' +
        '    grant: client_credentials\n' +
        '    tokenUrl: https://{{connection.tenant}}.demo.example/token\n' +
        '    authorizationParams: { audience: "{{connection.aud}}" }\n',
    );
    expect(result.map(([code, line, column]) => [code, line, column])).toEqual([
      ['TS0016', 9, 5],
      ['TS0016', 10, 28],
    ]);
  });
});

describe('shape problems', () => {
  it('an empty file is reported, not a crash', async () => {
    expect(await codes('# yaml-language-server: $schema=../../toolsmith.schema.json\n')).toEqual([
      ['TS0004', 1, 1, 'The toolkit must be a mapping, got null.'],
    ]);
  });

  it('reports every shape problem of a tool and keeps going', async () => {
    const result = await codes(
      head +
        'baseUrl: https://api.demo.example\n' +
        'tools:\n' +
        '  - slug: DEMO_A\n' +
        '    description: A.\n' +
        '    importance: high\n' +
        '    hints: { readonly: true }\n' +
        '    request: { method: GET, path: items }\n' +
        '    parameters:\n' +
        '      - { name: id, in: body }\n' +
        '      - { name: q, in: query, required: yes }\n' +
        '  - just a string\n',
    );
    expect(result).toEqual([
      ['TS0004', 9, 5, 'Field "importance" must be a number, got the string "high".'],
      ['TS0002', 10, 14, 'Unknown field "readonly" in hints.'],
      ['TS0005', 11, 29, 'Field "path" must start with "/"; got "items".'],
      ['TS0005', 13, 21, 'Field "in" must be one of path, query, header, cookie; got "body".'],
      ['TS0004', 14, 31, 'Field "required" must be true or false, got the string "yes".'],
      ['TS0004', 15, 5, 'A tool must be a mapping, got the string "just a string".'],
    ]);
  });

  it('an unknown auth scheme lists the valid ones', async () => {
    const [diagnostic] = await diagnose(definitions(head + 'baseUrl: https://x.example\nauth:\n  - scheme: oauth\n'));
    expect(diagnostic).toMatchObject({
      code: 'TS0005',
      line: 7,
      column: 5,
      message: 'Field "scheme" must be one of oauth2, api_key, bearer, basic, none, custom; got "oauth".',
      hint: 'did you mean "oauth2"?',
    });
  });

  it('a poll trigger needs its poll section; webhook and poll do not mix', async () => {
    const result = await codes(
      head +
        'baseUrl: https://x.example\n' +
        'triggers:\n' +
        '  - { slug: DEMO_A, type: poll }\n' +
        '  - { slug: DEMO_B, type: webhook, poll: { tool: DEMO_X } }\n' +
        '  - { slug: DEMO_C, type: webhook, webhook: { match: [{ header: X-Event }, { body: /a, header: X-B }] } }\n',
    );
    expect(result).toEqual([
      ['TS0003', 7, 5, 'Missing required field "poll" in a trigger of type poll.'],
      ['TS0005', 8, 36, 'A webhook trigger cannot have a "poll" section.'],
      ['TS0005', 9, 76, 'A match rule needs exactly one of "header" or "body".'],
    ]);
  });

  it('only loads the named toolkits and reports unknown names', async () => {
    const dir = definitions(head + 'baseUrl: https://x.example\n');
    const { toolkits, diagnostics } = await loadDefinitions(dir, { only: ['demo', 'ghost'] });
    expect(toolkits.map((toolkit) => toolkit.slug)).toEqual(['demo']);
    expect(diagnostics.map((d) => [d.code, d.message.startsWith('No definition for toolkit "ghost"')])).toEqual([['TS0900', true]]);
  });
});

describe('JSON Schema check', () => {
  it('accepts the common vocabulary, OpenAPI additions and local refs', () => {
    const schema = {
      type: ['object', 'null'],
      required: ['a'],
      properties: {
        a: { type: 'string', minLength: 1, pattern: '^[a-z]+$', format: 'email', nullable: true },
        b: { type: 'array', items: { $ref: '#/$defs/B' }, minItems: 0, uniqueItems: true },
        c: { oneOf: [{ type: 'integer', exclusiveMinimum: true, minimum: 0 }, { const: 'x' }], discriminator: { propertyName: 'kind' } },
        d: { $ref: '#/properties/a' },
        e: { $ref: '#/$defs/Shared' },
      },
      additionalProperties: false,
      $defs: { B: true },
      'x-extension': null,
    };
    expect(checkJsonSchema(schema, { Shared: { type: 'string' } })).toEqual([]);
  });

  it('names each structural problem with its path', () => {
    const problems = checkJsonSchema({
      type: 'object',
      properties: {
        a: { type: 'text' },
        b: { enum: [] },
        c: { minLength: -1, maximum: '9', multipleOf: 0 },
        d: { items: 'string' },
        e: { $ref: '#/$defs/Missing' },
        f: { $ref: 'https://example.com/schema.json' },
        g: { pattern: '(' },
        h: { anyOf: [] },
      },
      required: 'a',
    });
    expect(problems.map((problem) => [problem.path, problem.code])).toEqual([
      ['/properties/a/type', 'TS0020'],
      ['/properties/b/enum', 'TS0020'],
      ['/properties/c/minLength', 'TS0020'],
      ['/properties/c/maximum', 'TS0020'],
      ['/properties/c/multipleOf', 'TS0020'],
      ['/properties/d/items', 'TS0020'],
      ['/properties/e/$ref', 'TS0020'],
      ['/properties/f/$ref', 'TS0020'],
      ['/properties/g/pattern', 'TS0028'],
      ['/properties/h/anyOf', 'TS0020'],
      ['/required', 'TS0020'],
    ]);
    expect(problems[6]?.message).toBe('"$ref" "#/$defs/Missing" names a missing definition "Missing"');
  });

  it('survives cyclic schema objects', () => {
    const node: Record<string, unknown> = { type: 'object' };
    node['properties'] = { self: node };
    expect(checkJsonSchema(node)).toEqual([]);
  });
});

describe('renamed inputs (TS0207)', () => {
  it('reports each rename as info in toolkits that rename collisions', async () => {
    const dir = definitions(
      head +
        'baseUrl: https://x.example\n' +
        'tools:\n' +
        '  - slug: DEMO_UPDATE\n' +
        '    description: Updates.\n' +
        '    request: { method: PATCH, path: "/items/{id}" }\n' +
        '    parameters: [{ name: id, in: path }]\n' +
        '    body: { schema: { type: object, properties: { id: { type: string } } } }\n',
    );
    const { toolkits } = await loadDefinitions(dir);
    const renaming: IR.Toolkit[] = toolkits.map((toolkit) => ({ ...toolkit, inputCollisions: 'rename' }));
    expect(validateToolkits(renaming).map((d) => [d.code, d.severity, d.message])).toEqual([
      ['TS0207', 'info', 'DEMO_UPDATE: input "id" (body) is shown to the model as "body_id" to avoid a name clash.'],
    ]);
    expect(validateToolkits(toolkits).map((d) => d.code)).toEqual(['TS0022']);
  });
});

describe('misspelled JSON Schema keywords', () => {
  it('warns about near misses in hand-written schemas only', async () => {
    const result = summarize(
      await diagnose(
        definitions(
          head +
            'baseUrl: https://x.example\n' +
            'tools:\n' +
            '  - slug: DEMO_A\n' +
            '    description: A.\n' +
            '    request: { method: GET, path: /a }\n' +
            '    response:\n' +
            '      schema: { type: object, propertes: { a: { type: string, maxLenght: 3, note: x } } }\n',
        ),
      ),
    );
    expect(result).toEqual([
      ['TS0020', 11, 31, 'Invalid JSON Schema in the response of DEMO_A: unknown keyword "propertes" has no effect; did you mean "properties"?'],
    ]);
    expect(checkJsonSchema({ propertes: {}, maxLenght: 1, note: 'x', example: 1 }, {}, { flagMisspelledKeywords: true }).map((p) => [p.path, p.severity])).toEqual([
      ['/propertes', 'warning'],
      ['/maxLenght', 'warning'],
    ]);
    expect(checkJsonSchema({ propertes: {} })).toEqual([]);
  });
});

describe('trigger pointers', () => {
  it('eventId, itemsPath and dedupeKey must be pointers (eventId may name a header)', async () => {
    const result = await codes(
      head +
        'baseUrl: https://x.example\n' +
        'tools: [{ slug: DEMO_LIST, description: L., request: { method: GET, path: /l } }]\n' +
        'triggers:\n' +
        '  - { slug: DEMO_A, type: webhook, webhook: { eventId: event.id } }\n' +
        '  - { slug: DEMO_B, type: webhook, webhook: { eventId: "header:X-Id" } }\n' +
        '  - { slug: DEMO_C, type: poll, poll: { tool: DEMO_LIST, itemsPath: data.items, dedupeKey: /id } }\n',
    );
    expect(result).toEqual([
      ['TS0005', 8, 47, 'Field "eventId" must be a JSON pointer into the body (like "/event_id") or "header:<Name>"; got "event.id".'],
      ['TS0005', 10, 58, 'Field "itemsPath" must be a JSON pointer ("" or starting with "/"); got "data.items".'],
    ]);
  });
});

describe('poll arguments', () => {
  it('reports missing required inputs and {{config.x}} naming no config property', async () => {
    const result = await codes(
      head +
        'baseUrl: https://x.example\n' +
        'tools:\n' +
        '  - slug: DEMO_LIST\n' +
        '    description: L.\n' +
        '    request: { method: GET, path: "/boards/{board}/items" }\n' +
        '    parameters: [{ name: board, in: path }, { name: q, in: query }]\n' +
        'triggers:\n' +
        '  - slug: DEMO_A\n' +
        '    type: poll\n' +
        '    poll: { tool: DEMO_LIST }\n' +
        '  - slug: DEMO_B\n' +
        '    type: poll\n' +
        '    config: { type: object, properties: { board: { type: string } } }\n' +
        '    poll: { tool: DEMO_LIST, arguments: { board: "{{config.board}}", q: "{{config.query}}" } }\n',
    );
    expect(result).toEqual([
      ['TS0032', 14, 5, 'Poll trigger DEMO_A calls DEMO_LIST without its required input "board".'],
      ['TS0016', 18, 70, 'Poll argument "q" of DEMO_B uses {{config.query}}, but the trigger\'s config has no property "query".'],
    ]);
  });
});

describe('baseUrl', () => {
  it('must be an absolute http(s) URL (or start with a template)', async () => {
    expect(await codes(head + 'baseUrl: api.demo.example/v1\n')).toEqual([
      ['TS0005', 5, 1, 'Field "baseUrl" must be an absolute http(s) URL; got "api.demo.example/v1".'],
    ]);
    expect(await codes(head + 'baseUrl: "{{connection.url}}"\nconnection: [{ name: url }]\n')).toEqual([]);
  });
});
