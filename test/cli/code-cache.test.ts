/**
 * bin/code-cache.mjs: a large CommonJS module loaded through the V8 code cache behaves exactly as Node's own
 * loader runs it (exports, this, require, require.resolve, __filename, __dirname, dynamic import, errors),
 * the first run writes a blob, the next one uses it, and a damaged blob is rejected and rewritten without
 * the module noticing. Each load runs in its own node process, as the CLI does.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const codeCache = pathToFileURL(path.join(repo, 'bin/code-cache.mjs')).href;

interface Run {
  readonly stats: { hits: number; misses: number; rejected: number; written: number } | null;
  readonly module: Record<string, unknown>;
  readonly error?: string;
}

let dir: string;
let cacheDir: string;

function run(entry: string, env: Record<string, string> = {}): Promise<Run> {
  const script = `
    import { createRequire } from 'node:module';
    const { installCodeCache } = await import(${JSON.stringify(codeCache)});
    const stats = installCodeCache(${JSON.stringify(cacheDir)});
    let module = {};
    let error;
    try {
      const loaded = createRequire(${JSON.stringify(path.join(dir, 'index.cjs'))})(${JSON.stringify(entry)});
      module = { ...loaded, dynamic: loaded.dynamic ? (await loaded.dynamic()).value : undefined };
    } catch (caught) {
      error = caught.constructor.name + ': ' + caught.message + ' @ ' + (caught.stack.split('\\n').find((line) => line.includes('.cjs')) ?? '');
    }
    process.on('exit', () => process.stdout.write(JSON.stringify({ stats: stats ? stats() : null, module, error })));`;
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--input-type=module', '-e', script], { cwd: dir, env: { ...process.env, ...env } }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${error.message}\n${stderr}`));
      else resolve(JSON.parse(stdout) as Run);
    });
  });
}

/** Enough functions to pass the size threshold (512 KB), each a little different. */
function padding(): string {
  const lines: string[] = [];
  for (let index = 0, length = 0; length < 600 * 1024; index++) {
    const line = `function pad${index}(value) { return value * ${index} + ${JSON.stringify(`padding line ${index}`)}.length; }`;
    lines.push(line);
    length += line.length + 1;
  }
  return lines.join('\n');
}

async function blobs(): Promise<string[]> {
  return (await readdir(cacheDir).catch(() => [])).filter((name) => name.endsWith('.bin')).sort();
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'toolsmith-code-cache-'));
  cacheDir = path.join(dir, 'v8');
  await writeFile(path.join(dir, 'small.cjs'), 'exports.answer = 42;\n');
  await writeFile(path.join(dir, 'lazy.mjs'), "export const value = 'dynamic';\n");
  await writeFile(path.join(dir, 'big.cjs'), [
    "'use strict';",
    "const path = require('node:path');",
    'exports.thisIsExports = this === module.exports;',
    'exports.filename = __filename;',
    'exports.dirname = __dirname;',
    "exports.answer = require('./small.cjs').answer;",
    "exports.resolved = require.resolve('./small.cjs');",
    'exports.cached = Object.keys(require.cache).some((key) => key.endsWith("small.cjs"));',
    'exports.parentOfSmall = module.children.map((child) => path.basename(child.filename));',
    "exports.message = 'TypeScript-like text: \\'import()\\' calls and \"import(x)\" are words here';",
    'exports.hint = "Did you mean \'typeof import(\'{0}\')\'?";',
    'exports.sum = pad1(2) + pad2(3);',
    padding(),
  ].join('\n'));
  // A quote in a string before the call must not make the call look like text.
  await writeFile(path.join(dir, 'dynamic.cjs'), `exports.note = "it's"; exports.dynamic = () => import('./lazy.mjs');\n${padding()}\n`);
  await writeFile(path.join(dir, 'broken.cjs'), `${padding()}\nconst = 1;\n`);
  await writeFile(path.join(dir, 'throws.cjs'), `${padding()}\nthrow new RangeError('thrown at load');\n`);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('installCodeCache', () => {
  const expected = () => ({
    thisIsExports: true,
    filename: path.join(dir, 'big.cjs'),
    dirname: dir,
    answer: 42,
    resolved: path.join(dir, 'small.cjs'),
    cached: true,
    parentOfSmall: ['small.cjs'],
    sum: 2 * 1 + 'padding line 1'.length + 3 * 2 + 'padding line 2'.length,
    message: 'TypeScript-like text: \'import()\' calls and "import(x)" are words here',
    hint: "Did you mean 'typeof import('{0}')'?",
  });

  it('runs a large module as Node would, writing a blob on the first run and using it on the next', async () => {
    const first = await run('./big.cjs');
    expect(first.error).toBeUndefined();
    expect(first.module).toEqual(expected());
    expect(first.stats).toEqual({ hits: 0, misses: 1, rejected: 0, written: 1 });
    expect(await blobs()).toHaveLength(1);

    const second = await run('./big.cjs');
    expect(second.module).toEqual(expected());
    expect(second.stats).toEqual({ hits: 1, misses: 0, rejected: 0, written: 0 });
  });

  it('rejects a damaged blob, still runs the module, and writes a good blob again', async () => {
    const [blob] = await blobs();
    const file = path.join(cacheDir, blob!);
    const good = await readFile(file);
    await writeFile(file, Buffer.concat([good.subarray(0, 64), Buffer.alloc(good.length - 64, 7)]));
    const damaged = await run('./big.cjs');
    expect(damaged.module).toEqual(expected());
    expect(damaged.stats).toEqual({ hits: 0, misses: 0, rejected: 1, written: 1 });
    expect((await run('./big.cjs')).stats).toMatchObject({ hits: 1 });
  });

  it('keeps only the newest few blobs of one source file', async () => {
    const [current] = await blobs();
    for (let index = 0; index < 6; index++) {
      const stale = path.join(cacheDir, `big.cjs-${index.toString(16).padStart(32, '0')}.bin`);
      await writeFile(stale, 'old');
      await utimes(stale, new Date(2000, 0, index + 1), new Date(2000, 0, index + 1));
    }
    await rm(path.join(cacheDir, current!));
    expect((await run('./big.cjs')).stats).toMatchObject({ misses: 1, written: 1 });
    const left = await blobs();
    expect(left).toHaveLength(4);
    expect(left).toContain(current);
    expect(left).toContain(`big.cjs-${(5).toString(16).padStart(32, '0')}.bin`);
    expect(left).not.toContain(`big.cjs-${(0).toString(16).padStart(32, '0')}.bin`);
  });

  it('leaves small modules and modules calling import() to Node, and does nothing with TOOLSMITH_NO_CODE_CACHE=1', async () => {
    const small = await run('./small.cjs');
    expect(small.module).toEqual({ answer: 42 });
    expect(small.stats).toEqual({ hits: 0, misses: 0, rejected: 0, written: 0 });
    // Node 20 drops the import() hook of a script read from a code cache: such a file must never be cached.
    for (let attempt = 0; attempt < 2; attempt++) {
      const dynamic = await run('./dynamic.cjs');
      expect(dynamic).toMatchObject({ module: { note: "it's", dynamic: 'dynamic' }, stats: { hits: 0, misses: 0, rejected: 0, written: 0 } });
    }
    const off = await run('./big.cjs', { TOOLSMITH_NO_CODE_CACHE: '1' });
    expect(off.stats).toBeNull();
    expect(off.module).toEqual(expected());
  });

  it('reports syntax errors and load-time throws as Node does, naming the file', async () => {
    const broken = await run('./broken.cjs');
    expect(broken.error).toMatch(/^SyntaxError: /);
    const thrown = await run('./throws.cjs');
    expect(thrown.error).toMatch(/^RangeError: thrown at load @ .*throws\.cjs:\d+/);
  });
});
