/**
 * Test helper for corpus regressions: builds an OpenAPI spec into a toolkit with the real `build()` (load,
 * validate, provider lowering, emit, write) inside the package, so `tsc` can then check the output against
 * `zod` and `toolsmith` exactly as the corpus run does.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';
import { build, type BuildResult } from '../../../compiler/build/build.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export interface BuiltSpec {
  readonly result: BuildResult;
  readonly dir: string;
  readonly outDir: string;
  readonly specFile: string;
  readonly cleanup: () => void;
}

export async function buildSpec(slug: string, spec: unknown, fileName = 'openapi.json'): Promise<BuiltSpec> {
  const base = path.join(root, '.toolsmith/test-corpus');
  mkdirSync(base, { recursive: true });
  const dir = mkdtempSync(path.join(base, `${slug}-`));
  const definitions = path.join(dir, 'definitions');
  mkdirSync(path.join(definitions, slug), { recursive: true });
  const specFile = path.join(definitions, slug, fileName);
  writeFileSync(specFile, typeof spec === 'string' ? spec : JSON.stringify(spec, null, 2));
  writeFileSync(path.join(definitions, slug, 'toolkit.yaml'), `slug: ${slug}\nname: ${slug}\nopenapi: { spec: ./${fileName} }\n`);
  const outDir = path.join(dir, 'out');
  const result = await build({ definitionsDir: definitions, outDir, noCache: true, cwd: dir });
  return { result, dir, outDir, specFile, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** `tsc --noEmit` over the generated TypeScript; returns the error lines (empty when it type-checks). */
export function typecheckOutput(outDir: string): string[] {
  const config = path.join(path.dirname(outDir), 'tsconfig.json');
  writeFileSync(config, JSON.stringify({
    extends: path.join(root, 'tsconfig.json'),
    compilerOptions: { noEmit: true, skipLibCheck: true, incremental: false },
    include: [path.join(outDir, '**/*.ts')],
    exclude: [],
  }));
  const run = spawnSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', config, '--pretty', 'false'], { cwd: root, encoding: 'utf8' });
  if (run.status !== 0 && run.status !== 2 && run.status !== 1) throw new Error(`tsc crashed: ${run.stderr || run.stdout}`);
  const outRelative = path.relative(root, outDir);
  return run.stdout.split('\n').filter((line) => line.startsWith(outRelative) && /error TS\d+/.test(line));
}

/**
 * For a test file: a `buildSpec` whose folders are removed after each test (call at the top level of the file,
 * where it registers the `afterEach`).
 */
export function buildSpecsCleanedAfterEach(): (slug: string, spec: unknown, fileName?: string) => Promise<BuiltSpec> {
  const built: BuiltSpec[] = [];
  afterEach(() => { for (const spec of built.splice(0)) spec.cleanup(); });
  return async (slug, spec, fileName) => {
    const result = await buildSpec(slug, spec, fileName);
    built.push(result);
    return result;
  };
}
