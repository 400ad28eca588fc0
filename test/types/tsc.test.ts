/**
 * Type-checks the golden outputs, everything in generated/, and the type tests (`*.test-d.ts`) with tsc,
 * as part of the test run. A type error anywhere in emitted code fails here.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

describe('tsc --noEmit over goldens, generated/ and type tests', () => {
  it('reports no errors', async () => {
    let output = '';
    try {
      await run(process.execPath, ['node_modules/typescript/bin/tsc', '--noEmit', '-p', 'test/types/tsconfig.json'], { maxBuffer: 64 * 1024 * 1024 });
    } catch (error) {
      const failure = error as { stdout?: string; stderr?: string };
      output = `${failure.stdout ?? ''}${failure.stderr ?? ''}`;
    }
    expect(output).toBe('');
  }, 1_200_000);
});
