import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { toCatalog } from '../../compiler/catalog-site/catalog-file.js';
import { diffCatalogs, formatCatalogDiff } from '../../compiler/catalog-site/diff.js';

const run = promisify(execFile);

function tool(slug: string, properties: Record<string, unknown>, required: string[] = []): Record<string, unknown> {
  return { slug, name: slug, description: '', toolkit: 'demo', importance: 50, scopes: [], tags: [],
    inputParameters: { type: 'object', properties, required }, outputParameters: {} };
}

function catalog(tools: Array<Record<string, unknown>>, triggers: string[] = []): Record<string, unknown> {
  return {
    toolkits: [{ slug: 'demo', name: 'Demo', description: '', categories: [], auth: [], counts: { tools: tools.length, triggers: triggers.length } }],
    tools,
    triggers: triggers.map((slug) => ({ slug, name: slug, description: '', toolkit: 'demo', type: 'webhook', config: {}, payload: {} })),
  };
}

const before = catalog([
  tool('DEMO_KEEP', { id: { type: 'string' }, note: { type: 'string' }, size: { type: 'integer' }, tag: { type: 'string' } }, ['id']),
  tool('DEMO_GONE', {}),
  tool('DEMO_NESTED', { ticket: { type: 'object', properties: { subject: { type: 'string' } } } }),
], ['DEMO_EVENT']);

describe('diffCatalogs', () => {
  it('reports a catalog against itself as unchanged', () => {
    const same = toCatalog(before);
    expect(diffCatalogs(same, same)).toEqual({ added: [], removed: [], changes: [], breaking: [] });
  });

  it('lists added and removed tools and classifies input changes', () => {
    const after = catalog([
      tool('DEMO_KEEP', {
        id: { type: 'string' },
        size: { type: 'string' },
        tag: { type: ['string', 'null'] },
        mode: { type: 'string' },
        extra: { type: 'boolean' },
        note2: { type: 'string' },
      }, ['id', 'mode', 'tag']),
      tool('DEMO_NESTED', { ticket: { type: 'object', required: ['subject', 'body'], properties: { subject: { type: 'string' }, body: { type: 'string' } } } }),
      tool('DEMO_NEW', { x: { type: 'string' } }, ['x']),
    ], ['DEMO_EVENT', 'DEMO_OTHER']);
    const diff = diffCatalogs(toCatalog(before), toCatalog(after));
    expect(diff.added).toEqual(['DEMO_NEW']);
    expect(diff.removed).toEqual(['DEMO_GONE']);
    const summary = diff.changes.map((change) => `${change.breaking ? '!' : '~'} ${change.kind} ${change.slug}${change.field ? ` ${change.field}` : ''}`);
    expect(summary).toEqual([
      '~ tool-added DEMO_NEW',
      '! tool-removed DEMO_GONE',
      '! input-removed DEMO_KEEP note',
      '! input-type-changed DEMO_KEEP size',
      '! input-became-required DEMO_KEEP tag',
      '~ input-type-widened DEMO_KEEP tag',
      '! input-required-added DEMO_KEEP mode',
      '~ input-added DEMO_KEEP extra',
      '~ input-added DEMO_KEEP note2',
      '! input-became-required DEMO_NESTED ticket.subject',
      '! input-required-added DEMO_NESTED ticket.body',
      '~ trigger-added DEMO_OTHER',
    ]);
    expect(diff.breaking).toHaveLength(7);
    const text = formatCatalogDiff(diff, { allowBreaking: false });
    expect(text).toContain('Removed tools (1):\n  - DEMO_GONE');
    expect(text).toContain('! DEMO_KEEP: input "size" type changed from integer to string');
    expect(text).toContain('1 added, 1 removed, 7 breaking changes.');
  });

  it('reports a removed object once, not each field inside it', () => {
    const nested = { ticket: { type: 'object', properties: { subject: { type: 'string' }, body: { type: 'string' } } } };
    const diff = diffCatalogs(toCatalog(catalog([tool('DEMO_NESTED', nested)])), toCatalog(catalog([tool('DEMO_NESTED', {})])));
    expect(diff.changes.map((change) => change.field)).toEqual(['ticket']);
  });
});

describe('toolsmith catalog diff (CLI)', () => {
  async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    try {
      const { stdout, stderr } = await run(process.execPath, ['bin/toolsmith.mjs', 'catalog', 'diff', ...args]);
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  }

  it('exits 1 on a breaking change, 0 with --allow-breaking, 0 when compatible, 2 on a bad file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'toolsmith-diff-'));
    const oldFile = join(dir, 'old.json');
    const breakingFile = join(dir, 'breaking.json');
    const compatibleFile = join(dir, 'compatible.json');
    await writeFile(oldFile, JSON.stringify(before));
    await writeFile(breakingFile, JSON.stringify(catalog([tool('DEMO_KEEP', { id: { type: 'string' } }, ['id'])])));
    const compatible = structuredClone(before) as { tools: Array<Record<string, unknown>> };
    compatible.tools.push(tool('DEMO_ADDED', {}));
    await writeFile(compatibleFile, JSON.stringify(compatible));
    await writeFile(join(dir, 'broken.json'), '{ not json');

    const breaking = await cli([oldFile, breakingFile]);
    expect(breaking.code).toBe(1);
    expect(breaking.stdout).toContain('Removed tools (2):');
    expect(breaking.stdout).toContain('breaking changes.');

    const allowed = await cli([oldFile, breakingFile, '--allow-breaking']);
    expect(allowed.code).toBe(0);
    expect(allowed.stdout).toContain('(allowed by --allow-breaking)');

    const fine = await cli([oldFile, compatibleFile, '--json']);
    expect(fine.code).toBe(0);
    expect(JSON.parse(fine.stdout)).toMatchObject({ added: ['DEMO_ADDED'], removed: [], ok: true });

    const bad = await cli([oldFile, join(dir, 'broken.json')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/broken\.json: not valid JSON/);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
  }, 60_000);
});
