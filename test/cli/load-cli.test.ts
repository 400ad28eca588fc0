/**
 * bin/load-cli.mjs on a small fixture package, each load in its own node process (as the bin runs):
 * the first load bundles, later loads reuse the bundle until a source changes, import.meta.url still names
 * each source file, and a source esbuild cannot compile falls back to tsx without failing the command.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const loader = pathToFileURL(path.join(repo, 'bin/load-cli.mjs')).href;

interface Loaded {
  readonly result: unknown;
  /** True when the bundle ran (it flags that a TypeScript loader is still needed). */
  readonly bundled: boolean;
}

let root: string;
let cacheDir: string;

function load(args: readonly string[], env: Record<string, string> = {}): Promise<Loaded> {
  const script = `
    const { loadCli } = await import(${JSON.stringify(loader)});
    const { main } = await loadCli({ root: ${JSON.stringify(root)}, entry: 'src/cli.ts', cacheDir: ${JSON.stringify(cacheDir)} });
    const result = await main(${JSON.stringify(args)});
    process.stdout.write(JSON.stringify({ result, bundled: globalThis[Symbol.for('toolsmith.needsTypeScriptLoader')] === true }));`;
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--input-type=module', '-e', script], { cwd: root, env: { ...process.env, ...env } }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${error.message}\n${stderr}`));
      else resolve(JSON.parse(stdout) as Loaded);
    });
  });
}

async function bundles(): Promise<string[]> {
  return (await readdir(cacheDir)).filter((name) => !name.startsWith('manifest-')).sort();
}

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'toolsmith-load-cli-'));
  cacheDir = path.join(root, 'cache');
  await mkdir(path.join(root, 'src'));
  await symlink(path.join(repo, 'node_modules'), path.join(root, 'node_modules'), 'dir');
  await writeFile(path.join(root, 'package.json'), JSON.stringify({ name: 'fixture', type: 'module' }));
  await writeFile(path.join(root, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, module: 'nodenext' } }));
  await writeFile(path.join(root, 'src/cli.ts'), [
    "import { where } from './where.js';",
    'export async function main(args: readonly string[]): Promise<unknown> {',
    "  if (args[0] === 'lazy') return ((await import('./lazy.js')) as { value: string }).value;",
    "  if (args[0] === 'yaml') return (await import('./yaml-user.js')).read('a: [1, 2]');",
    '  return where();',
    '}',
  ].join('\n'));
  await writeFile(path.join(root, 'src/where.ts'), [
    '// Generated text that mentions import.meta.url must come out as written.',
    'const text = `new URL(x, import.meta.url)`;',
    'export const where = (): { url: string; text: string; version: number } => ({ url: import.meta.url, text, version: 1 });',
  ].join('\n'));
  await writeFile(path.join(root, 'src/lazy.ts'), "export const value: string = 'lazy';\n");
  await writeFile(path.join(root, 'src/yaml-user.ts'), "import { parse } from 'yaml';\nexport const read = (text: string): unknown => parse(text);\n");
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('loadCli', () => {
  it('bundles on the first load and keeps each module its own import.meta.url', async () => {
    const first = await load([]);
    expect(first.bundled).toBe(true);
    expect(first.result).toEqual({ url: pathToFileURL(path.join(root, 'src/where.ts')).href, text: 'new URL(x, import.meta.url)', version: 1 });
    expect(await bundles()).toHaveLength(1);
    expect(await load(['lazy'])).toEqual({ result: 'lazy', bundled: true });
  });

  it('bundles the small CommonJS packages it lists (yaml) into its chunks, and they work', async () => {
    expect(await load(['yaml'])).toEqual({ result: { a: [1, 2] }, bundled: true });
    const [bundle] = await bundles();
    const chunks = await readdir(path.join(cacheDir, bundle!));
    const sources = await Promise.all(chunks.map((chunk) => readFile(path.join(cacheDir, bundle!, chunk), 'utf8')));
    expect(sources.some((source) => source.includes('node_modules/yaml/dist/compose/composer.js'))).toBe(true);
    expect(sources.some((source) => /from\s*["']yaml["']|import\(\s*["']yaml["']\)|require\(["']yaml["']\)/.test(source))).toBe(false);
  });

  it('reuses the bundle while the sources are unchanged, and rebuilds when one changes', async () => {
    const [bundle] = await bundles();
    const built = (await stat(path.join(cacheDir, bundle!))).mtimeMs;
    expect((await load([])).bundled).toBe(true);
    expect(await bundles()).toEqual([bundle]);
    expect((await stat(path.join(cacheDir, bundle!))).mtimeMs).toBe(built);

    const source = await readFile(path.join(root, 'src/where.ts'), 'utf8');
    await writeFile(path.join(root, 'src/where.ts'), source.replace('version: 1', 'version: 2'));
    const changed = await load([]);
    expect(changed).toMatchObject({ bundled: true, result: { version: 2 } });
    expect(await bundles()).toHaveLength(2);
  });

  it('falls back to tsx when a source does not compile, so commands that do not load it still work', async () => {
    await writeFile(path.join(root, 'src/lazy.ts'), 'export const value: string = ;\n');
    const loaded = await load([]);
    expect(loaded).toMatchObject({ bundled: false, result: { version: 2 } });
    await writeFile(path.join(root, 'src/lazy.ts'), "export const value: string = 'fixed';\n");
    expect(await load(['lazy'])).toEqual({ result: 'fixed', bundled: true });
  });

  it('uses tsx when TOOLSMITH_NO_BUNDLE=1', async () => {
    expect(await load(['lazy'], { TOOLSMITH_NO_BUNDLE: '1' })).toEqual({ result: 'fixed', bundled: false });
  });
});
