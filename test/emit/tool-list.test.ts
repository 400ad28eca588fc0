/**
 * The tool list of a generated toolkit lives in `json/tools.json` and is built on first access of
 * `toolkit.tools`; slug constants are built from one string at load time. Emits small toolkits, imports
 * the emitted modules and checks what users see: the same tool objects, fields and constants as before.
 */
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { emitToolkits } from '../../compiler/emit/emit.js';
import { toolFieldContributors } from '../../compiler/emit/registry.js';
import { slugKey } from '../../runtime/schema/slug-constants.js';
import { makeTool, makeToolkit } from './ir-factory.js';

// A dot folder: tsc's include globs skip it, vite imports it.
const out = path.join(import.meta.dirname, '.tool-list-out');
let run = 0;

afterAll(async () => {
  await rm(out, { recursive: true, force: true });
});

afterEach(() => {
  toolFieldContributors.length = 0;
});

/** Writes the emitted files under a fresh folder (vite caches modules by path) and returns it. */
async function writeEmitted(files: ReturnType<typeof emitToolkits>): Promise<string> {
  const folder = path.join(out, String(run++));
  for (const file of files) {
    await mkdir(path.dirname(path.join(folder, file.path)), { recursive: true });
    await writeFile(path.join(folder, file.path), file.contents);
  }
  return folder;
}

interface ListedTool {
  readonly toolkit: string;
  readonly slug: string;
  readonly name: string;
  readonly deprecated?: boolean;
  readonly providerSchemas: Record<string, unknown>;
  readonly request: { readonly path: string };
  readonly [field: string]: unknown;
}

describe('tool list in json/tools.json', () => {
  it('is read on first access of `tools`, not at import, and gives every field', async () => {
    const toolkit = makeToolkit({
      slug: 'lst',
      tools: [
        makeTool({ slug: 'LST_FIRST', name: 'First', tags: ['a'], scopes: ['read'], path: '/first' }),
        makeTool({ slug: 'LST_OLD', name: 'Old', deprecated: true, importance: 10, path: '/old' }),
      ],
    });
    const files = emitToolkits([toolkit]);
    expect(files.map((file) => file.path)).toContain('lst/json/tools.json');
    expect(files.find((file) => file.path === 'lst/index.ts')!.contents).not.toContain('LST_FIRST\',\n      name');
    const folder = await writeEmitted(files);
    const list = path.join(folder, 'lst/json/tools.json');
    // Hide the list while importing: an import that read it would fail.
    await rename(list, `${list}.hidden`);
    const { lst } = (await import(path.join(folder, 'lst/index.ts'))) as { lst: { tools: readonly ListedTool[] } };
    await rename(`${list}.hidden`, list);
    const tools = lst.tools;
    expect(lst.tools).toBe(tools);
    expect(tools.map((tool) => tool.slug)).toEqual(['LST_FIRST', 'LST_OLD']);
    const [first, old] = tools as [ListedTool, ListedTool];
    expect(Object.keys(first)).toEqual(['toolkit', 'slug', 'name', 'description', 'importance', 'scopes', 'tags', 'hints', 'providerSchemas']);
    expect(first).toMatchObject({ toolkit: 'lst', name: 'First', tags: ['a'], scopes: ['read'], importance: 50 });
    expect(first.deprecated).toBeUndefined();
    expect(first.request.path).toBe('/first');
    expect(Object.keys(first.providerSchemas)).toEqual(['openai', 'anthropic', 'gemini']);
    expect(old).toMatchObject({ deprecated: true, importance: 10 });
    expect(old.request.path).toBe('/old');
    expect(JSON.parse(JSON.stringify(first))).not.toHaveProperty('group');
  });

  it('puts fields from toolFieldContributors on the tools', async () => {
    toolFieldContributors.push({ field: 'examples', value: (tool) => (tool.tool.slug === 'LST_FIRST' ? "[{ q: 'x' }]" : undefined) });
    const toolkit = makeToolkit({ slug: 'lst', tools: [makeTool({ slug: 'LST_FIRST' }), makeTool({ slug: 'LST_SECOND' })] });
    const folder = await writeEmitted(emitToolkits([toolkit]));
    const { lst } = (await import(path.join(folder, 'lst/index.ts'))) as { lst: { tools: readonly ListedTool[] } };
    expect(lst.tools[0]!['examples']).toEqual([{ q: 'x' }]);
    expect(lst.tools[1]).not.toHaveProperty('examples');
  });

  it('a toolkit without tools has an empty list and no tools.json', async () => {
    const files = emitToolkits([makeToolkit({ slug: 'nil', tools: [] })]);
    expect(files.map((file) => file.path)).not.toContain('nil/json/tools.json');
    const folder = await writeEmitted(files);
    const { nil } = (await import(path.join(folder, 'nil/index.ts'))) as { nil: { tools: readonly unknown[] } };
    expect(nil.tools).toEqual([]);
  });
});

describe('slug constants', () => {
  it('map each key to its slug, with digit-led and prefix-less slugs keyed as the type says', async () => {
    const slugs = ['KIT_LIST_ITEMS', 'KIT_2FA_SETUP', 'KIT_', 'OTHER_THING'];
    const files = emitToolkits([makeToolkit({ slug: 'kit', tools: slugs.map((slug) => makeTool({ slug })) })]);
    const source = files.find((file) => file.path === 'kit/slugs.gen.ts')!.contents;
    const expected = Object.fromEntries(slugs.map((slug) => [slugKey(slug, 'KIT_'), slug]));
    expect(expected).toEqual({ LIST_ITEMS: 'KIT_LIST_ITEMS', _2FA_SETUP: 'KIT_2FA_SETUP', _: 'KIT_', OTHER_THING: 'OTHER_THING' });
    // The type literal names the same keys and slugs the run-time object gets.
    for (const [key, slug] of Object.entries(expected)) expect(source).toContain(`readonly ${key}: '${slug}';`);
    const folder = await writeEmitted(files);
    const { KitTool, KitTrigger } = (await import(path.join(folder, 'kit/slugs.gen.ts'))) as Record<string, Record<string, string>>;
    expect(KitTool).toEqual(expected);
    expect(KitTrigger).toEqual({});
  });
});
