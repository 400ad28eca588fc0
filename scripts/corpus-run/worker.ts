/**
 * Child process of the corpus run: compiles one spec per message with the real `build()` (load, validate,
 * provider lowering, emit, write) into its own output folder and answers with a `CompileResult`.
 * Running it apart lets the parent kill a spec that hangs or runs out of memory and carry on.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from '../../compiler/build/build.js';
import type { Diagnostic } from '../../compiler/diagnostics/codes.js';
import { forgetSources } from '../../compiler/diagnostics/positions.js';
import { hashOutput, normaliseMessage, type CompileResult } from './cache.js';

export interface CompileJob {
  readonly slug: string;
  readonly id: string;
  readonly file: string;
  /** Scratch folder: definitions and the build's own cache go there. */
  readonly scratch: string;
  readonly outDir: string;
}

export interface CompileReply {
  readonly result: CompileResult;
  readonly heapMb: number;
}

function describe(error: Diagnostic): string {
  return `${error.file}:${error.line}:${error.column} ${error.code} ${error.message}`;
}

async function compile(job: CompileJob): Promise<CompileResult> {
  const started = performance.now();
  const defs = path.join(job.scratch, 'definitions');
  rmSync(job.scratch, { recursive: true, force: true });
  rmSync(job.outDir, { recursive: true, force: true });
  mkdirSync(path.join(defs, job.slug), { recursive: true });
  writeFileSync(
    path.join(defs, job.slug, 'toolkit.yaml'),
    `slug: ${job.slug}\nname: ${JSON.stringify(job.id)}\nopenapi: { spec: ${JSON.stringify(job.file)} }\n`,
  );
  try {
    const result = await build({ definitionsDir: defs, outDir: job.outDir, noCache: true, cwd: job.scratch });
    const compileMs = Math.round(performance.now() - started);
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    if (!result.ok || errors.length > 0) {
      const first = errors[0];
      return {
        ok: false, tools: result.tools, compileMs, errors: errors.length,
        cause: first ? `compile: ${first.code} ${normaliseMessage(first.message)}` : 'compile: failed without diagnostics',
        ...(first && { detail: describe(first) }),
      };
    }
    const output = hashOutput(job.outDir);
    return { ok: true, tools: result.tools, compileMs, outputHash: output.hash, tsBytes: output.tsBytes, allBytes: output.allBytes };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      ok: false, tools: 0, compileMs: Math.round(performance.now() - started),
      cause: `crash: ${normaliseMessage(message.split('\n')[0] ?? '')}`,
      detail: (error instanceof Error ? error.stack ?? message : message).split('\n').slice(0, 5).join(' | ').slice(0, 600),
    };
  } finally {
    rmSync(job.scratch, { recursive: true, force: true });
    // The diagnostics module keeps each spec's text for code frames; a long-lived worker must let it go.
    forgetSources();
  }
}

if (process.send) {
  process.on('message', (job: CompileJob) => {
    void compile(job).then((result) => {
      const reply: CompileReply = { result, heapMb: Math.round(process.memoryUsage().heapUsed / 1048576) };
      process.send?.(reply);
    });
  });
  // The parent went away (killed, crashed): do not linger.
  process.on('disconnect', () => process.exit(0));
}
