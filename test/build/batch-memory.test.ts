/**
 * Batch memory settings (bin/batch-memory.mjs): `toolsmith build` turns them on, build() asks for a full
 * collection before emitting only when the CLI provided one, and the output is the same either way.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../compiler/build/build.js';

const COLLECT = Symbol.for('toolsmith.collectGarbage');
const definition =
  '# yaml-language-server: $schema=../../toolsmith.schema.json\nslug: demo\nname: Demo\ndescription: Demo.\n' +
  'baseUrl: https://api.demo.example\ntools:\n' +
  '  - slug: DEMO_PING\n    description: Pings.\n    request: { method: GET, path: /ping }\n';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'toolsmith-batch-'));
  await mkdir(path.join(dir, 'definitions', 'demo'), { recursive: true });
  await writeFile(path.join(dir, 'definitions', 'demo', 'toolkit.yaml'), definition);
});

afterEach(() => {
  delete (globalThis as Record<symbol, unknown>)[COLLECT];
});

async function tree(folder: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(folder, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) out[path.relative(folder, path.join(entry.parentPath, entry.name))] = await readFile(path.join(entry.parentPath, entry.name), 'utf8');
  }
  return out;
}

describe('batch memory', () => {
  it('build() collects garbage once, before emitting, when a collector is set, with the same output', async () => {
    const plain = await build({ cwd: dir, outDir: 'plain', noCache: true });
    let calls = 0;
    (globalThis as Record<symbol, unknown>)[COLLECT] = () => { calls++; };
    const collected = await build({ cwd: dir, outDir: 'collected', noCache: true });
    expect(plain.ok && collected.ok).toBe(true);
    expect(calls).toBe(1);
    expect(await tree(path.join(dir, 'collected'))).toEqual(await tree(path.join(dir, 'plain')));
  });

  it('build() asks for nothing from a library caller (no collector set)', async () => {
    const result = await build({ cwd: dir, outDir: 'library', noCache: true });
    expect(result.ok).toBe(true);
    expect((globalThis as Record<symbol, unknown>)[COLLECT]).toBeUndefined();
  });

  it('tuneForBatch exposes a working collector in a fresh process, and TOOLSMITH_NO_BATCH_TUNING=1 turns it off', async () => {
    const script = `
      const { tuneForBatch, COLLECT_GARBAGE } = await import(${JSON.stringify(pathToFileURL(path.resolve('bin/batch-memory.mjs')).href)});
      const tuned = tuneForBatch();
      const collect = globalThis[COLLECT_GARBAGE];
      if (collect) collect();
      process.stdout.write(JSON.stringify({ tuned, collector: typeof collect }));`;
    const run = (env: Record<string, string>) => new Promise<unknown>((resolve, reject) => {
      execFile(process.execPath, ['--input-type=module', '-e', script], { env: { ...process.env, ...env } }, (error, stdout, stderr) => {
        if (error) reject(new Error(`${error.message}\n${stderr}`));
        else resolve(JSON.parse(stdout));
      });
    });
    expect(await run({})).toEqual({ tuned: true, collector: 'function' });
    expect(await run({ TOOLSMITH_NO_BATCH_TUNING: '1' })).toEqual({ tuned: false, collector: 'undefined' });
  });
});
