/**
 * The build reports provider-lowering diagnostics (issue 5): TS0301 (strict impossible, warning) and TS0300
 * (lowered, info) for every tool in `--json` and in build(); the terminal gets one line per file and code.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../compiler/build/build.js';
import { summarizeLowering } from '../../compiler/build/lowering.js';

// Two tools whose `value` takes any JSON value (OpenAI strict cannot express that), one plain tool.
const anyValueTool = (slug: string) =>
  `  - slug: ${slug}\n    description: Sets a value.\n    request: { method: POST, path: /values }\n` +
  '    body:\n      schema:\n        type: object\n        properties:\n          key: { type: string }\n          value: {}\n';
const definition =
  '# yaml-language-server: $schema=../../toolsmith.schema.json\nslug: demo\nname: Demo\ndescription: Demo.\n' +
  'baseUrl: https://api.demo.example\ntools:\n' + anyValueTool('DEMO_SET_A') + anyValueTool('DEMO_SET_B') +
  '  - slug: DEMO_PING\n    description: Pings.\n    request: { method: GET, path: /ping }\n';

let dir: string;
// build() with an absolute definitions folder reports absolute file names.
const file = (): string => path.join(dir, 'definitions', 'demo', 'toolkit.yaml');
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'toolsmith-lowering-'));
  await mkdir(path.join(dir, 'definitions', 'demo'), { recursive: true });
  await writeFile(path.join(dir, 'definitions', 'demo', 'toolkit.yaml'), definition);
});

function run(args: string[]): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [path.resolve('bin/toolsmith.mjs'), ...args], { cwd: dir, env: { ...process.env, NO_COLOR: '1' } }, (error, stdout) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout });
    });
  });
}

describe('build: lowering diagnostics', () => {
  it('build() returns TS0301 per strict-impossible tool at the tool\'s line, and still succeeds', async () => {
    const result = await build({ cwd: dir, definitionsDir: path.join(dir, 'definitions'), outDir: path.join(dir, 'generated'), noCache: true, check: true });
    const strict = result.diagnostics.filter((diagnostic) => diagnostic.code === 'TS0301');
    expect(strict.map((d) => [d.severity, d.file, d.line, d.column])).toEqual([
      ['warning', file(), 7, 5],
      ['warning', file(), 16, 5],
    ]);
    expect(strict[0]!.message).toMatch(/^DEMO_SET_A: openai strict mode impossible \(.*value.*\); the tool is sent non-strict\.$/);
    expect(result.diagnostics.some((d) => d.code === 'TS0300' && d.severity === 'info' && d.message.startsWith('DEMO_SET_A:'))).toBe(true);
    expect(result.diagnostics.some((d) => d.message.startsWith('DEMO_PING'))).toBe(false);
    // Check mode against an empty out folder reports the missing files (TS0902); nothing else is an error.
    expect(result.diagnostics.filter((d) => d.severity === 'error' && d.code !== 'TS0902')).toEqual([]);
  });

  it('summarizeLowering folds them to one per file and code, keeping code, severity and the first location', async () => {
    const result = await build({ cwd: dir, definitionsDir: path.join(dir, 'definitions'), outDir: path.join(dir, 'generated'), noCache: true, check: true });
    const summary = summarizeLowering(result.diagnostics).filter((d) => d.code === 'TS0301');
    expect(summary).toHaveLength(1);
    expect(summary[0]).toMatchObject({ severity: 'warning', file: file(), line: 7, column: 5 });
    expect(summary[0]!.message).toMatch(/^2 tools sent non-strict to OpenAI \(strict mode impossible\); first: DEMO_SET_A: /);
  });

  it('the CLI prints the summary on a terminal and every diagnostic with --json; exit 0 with warnings', async () => {
    const text = await run(['build']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('warning TS0301 provider-strict-impossible: 2 tools sent non-strict to OpenAI');
    expect(text.stdout.match(/TS0301/g)).toHaveLength(1);
    const json = await run(['build', '--json', '--no-cache']);
    expect(json.code).toBe(0);
    const parsed = JSON.parse(json.stdout) as { diagnostics: Array<{ code: string; message: string }> };
    expect(parsed.diagnostics.filter((d) => d.code === 'TS0301').map((d) => d.message.split(':')[0])).toEqual(['DEMO_SET_A', 'DEMO_SET_B']);
  });
});
