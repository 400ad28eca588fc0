/**
 * One long-lived compile worker (scripts/corpus-run/worker.ts) with a per-spec time limit. A spec that
 * hangs is killed with its worker; a worker that dies (out of memory, abort) charges the spec it was on;
 * either way a fresh worker takes the next spec. A worker whose heap has grown large is recycled.
 */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CompileResult } from './cache.js';
import type { CompileJob, CompileReply } from './worker.js';

const workerFile = path.join(path.dirname(fileURLToPath(import.meta.url)), 'worker.ts');

export interface PoolOptions {
  readonly timeoutS: number;
  readonly memoryMb: number;
  /** Restart the worker after a job leaves more than this much heap in use. */
  readonly recycleMb: number;
}

export class CompilePool {
  private child: ChildProcess | undefined;
  private stderr = '';
  private outOfMemory = false;

  constructor(private readonly options: PoolOptions) {}

  private spawnChild(): ChildProcess {
    this.stderr = '';
    this.outOfMemory = false;
    // execArgv carries tsx's loader; the heap cap is the worker's own.
    const child = fork(workerFile, [], {
      execArgv: [...process.execArgv, `--max-old-space-size=${this.options.memoryMb}`],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      // V8 prints the reason first and then a long native stack: remember the reason.
      if (/heap out of memory|Allocation failed/.test(text)) this.outOfMemory = true;
      this.stderr = (this.stderr + text).slice(-4000);
    });
    return child;
  }

  run(job: CompileJob): Promise<CompileResult> {
    const child = (this.child ??= this.spawnChild());
    const started = performance.now();
    return new Promise((resolve) => {
      let settled = false;
      const settle = (result: CompileResult, recycle: boolean) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        child.off('message', onMessage);
        child.off('exit', onExit);
        if (recycle) this.stop();
        resolve(result);
      };
      const failed = (cause: string, detail: string): CompileResult =>
        ({ ok: false, tools: 0, compileMs: Math.round(performance.now() - started), cause, detail });
      const onMessage = (reply: CompileReply) => settle(reply.result, reply.heapMb > this.options.recycleMb);
      const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
        this.child = undefined;
        const why = this.outOfMemory ? `out of memory (${this.options.memoryMb} MB heap)` : `exit ${code ?? signal}`;
        const tail = this.outOfMemory ? '' : `: ${this.stderr.trim().split('\n').slice(-3).join(' | ').slice(0, 400)}`;
        settle(failed(`crash: compiler process died: ${this.outOfMemory ? 'out of memory' : `exit ${code ?? signal}`}`, `${why}${tail}`), false);
      };
      const timer = setTimeout(() => {
        settle(failed('timeout: compile', `no result after ${this.options.timeoutS} s`), true);
      }, this.options.timeoutS * 1000);
      child.on('message', onMessage);
      child.on('exit', onExit);
      child.send(job);
    });
  }

  stop(): void {
    const child = this.child;
    this.child = undefined;
    if (child && child.exitCode === null) child.kill('SIGKILL');
  }
}
