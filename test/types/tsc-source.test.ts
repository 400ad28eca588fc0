/**
 * Type-checks the hand-written code with tsc: compiler/, runtime/, scripts/ and every test, including the type tests
 * (`*.test-d.ts`) of the runtime, providers and triggers, whose `@ts-expect-error` lines only prove something when tsc runs.
 * generated/ and the goldens are checked by tsc.test.ts.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

describe('tsc --noEmit over the sources and type tests', () => {
  it('reports no errors', async () => {
    let output = '';
    try {
      await run(process.execPath, ['node_modules/typescript/bin/tsc', '--noEmit', '-p', 'tsconfig.source.json'], { maxBuffer: 64 * 1024 * 1024 });
    } catch (error) {
      const failure = error as { stdout?: string; stderr?: string };
      output = `${failure.stdout ?? ''}${failure.stderr ?? ''}`;
    }
    expect(output).toBe('');
  }, 1_200_000);
});
