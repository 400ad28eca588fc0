import { describe, expect, it } from 'vitest';
import { plainText, schemaTable } from '../../compiler/catalog-site/schema-table.js';
import { exampleArguments, slugConstant, toolExample } from '../../compiler/catalog-site/example.js';

describe('schemaTable', () => {
  it('lists nested properties as dotted paths with types, required flags and constraints', () => {
    const table = schemaTable({
      type: 'object',
      required: ['ticket'],
      properties: {
        ticket: {
          type: 'object',
          required: ['subject'],
          properties: {
            subject: { type: 'string', description: 'The <b>subject</b>.' },
            priority: { type: 'string', enum: ['low', 'high'], default: 'low' },
          },
        },
        labels: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' } } } },
        file: { type: 'string', format: 'binary' },
        count: { type: ['integer', 'null'], minimum: 1 },
      },
    });
    expect(table.rows.map((row) => [row.name, row.type, row.required, row.depth])).toEqual([
      ['ticket', 'object', true, 0],
      ['ticket.subject', 'string', true, 1],
      ['ticket.priority', 'string', false, 1],
      ['labels', 'object[]', false, 0],
      ['labels[].name', 'string', false, 1],
      ['file', 'file', false, 0],
      ['count', 'integer | null', false, 0],
    ]);
    expect(table.rows[1]!.description).toBe('The subject .');
    expect(table.rows[2]!.details).toEqual(['one of "low", "high"', 'default "low"']);
    expect(table.rows[6]!.details).toEqual(['min 1']);
  });

  it('resolves $ref into $defs and stops at recursion', () => {
    const table = schemaTable({
      type: 'object',
      properties: { node: { $ref: '#/$defs/Node' } },
      $defs: { Node: { type: 'object', properties: { value: { type: 'string' }, child: { $ref: '#/$defs/Node' } } } },
    });
    expect(table.rows.map((row) => [row.name, row.type])).toEqual([
      ['node', 'Node'],
      ['node.value', 'string'],
      ['node.child', 'Node (recursive)'],
    ]);
  });

  it('caps big schemas and reports how many rows were left out', () => {
    const properties = Object.fromEntries(Array.from({ length: 30 }, (_, index) => [`field${index}`, { type: 'string' }]));
    const table = schemaTable({ type: 'object', properties }, { maxRows: 10 });
    expect(table.rows).toHaveLength(10);
    expect(table.omitted).toBe(20);
  });

  it('describes a non-object root and lists array item fields', () => {
    expect(schemaTable({ type: 'array', items: { type: 'integer' } })).toMatchObject({ rows: [], rootType: 'integer[]' });
    expect(schemaTable({ type: 'array', items: { type: 'object', properties: { id: { type: 'integer' } } } }).rows[0]!.name).toBe('[].id');
  });

  it('turns HTML and Markdown links into short plain text', () => {
    expect(plainText('<p>See [the docs](https://x.test) &amp; more</p>')).toBe('See the docs & more');
    expect(plainText('a'.repeat(400), 10)).toBe(`${'a'.repeat(9)}…`);
  });
});

describe('tool example', () => {
  it('uses the generated export names and the required inputs', () => {
    expect(slugConstant('github', 'GITHUB_CREATE_AN_ISSUE')).toBe('GithubTool.CREATE_AN_ISSUE');
    expect(slugConstant('vercel', 'VERCEL_2FA_VERIFY')).toBe('VercelTool._2FA_VERIFY');
    const input = {
      type: 'object',
      required: ['owner', 'count', 'state', 'upload-file'],
      properties: {
        owner: { type: 'string' },
        count: { type: 'integer' },
        state: { type: 'string', enum: ['open', 'closed'] },
        'upload-file': { type: 'string', format: 'binary' },
        body: { type: 'string' },
      },
    };
    expect(exampleArguments(input)).toEqual(["owner: '<owner>',", 'count: 1,', 'state: "open",', `"upload-file": './path/to/file',`]);
    const example = toolExample({
      slug: 'GITHUB_CREATE_AN_ISSUE', name: 'Create an issue', description: '', toolkit: 'github', importance: 90,
      scopes: [], tags: [], inputParameters: input, outputParameters: {},
    });
    expect(example).toContain("import { github, GithubTool } from './generated/index.js';");
    expect(example).toContain('toolsmith.tools.execute(GithubTool.CREATE_AN_ISSUE, {');
  });
});
