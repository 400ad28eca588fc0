/** Runs a command under `/usr/bin/time -v` and reports wall time, peak memory and exit status. */
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

export interface Measurement {
  readonly wallSeconds: number;
  readonly peakMiB: number;
  /** User + system CPU seconds: steadier than wall time on a shared machine. */
  readonly cpuSeconds: number;
  readonly exitCode: number;
  readonly output: string;
}

export function measure(command: string, args: readonly string[], options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutSeconds?: number }): Promise<Measurement> {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn('/usr/bin/time', ['-v', command, ...args], { cwd: options.cwd, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    const timer = options.timeoutSeconds ? setTimeout(() => child.kill('SIGKILL'), options.timeoutSeconds * 1000) : undefined;
    child.on('close', (code) => {
      if (timer) clearTimeout(timer);
      const wallSeconds = (performance.now() - started) / 1000;
      const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(output);
      const status = /Exit status: (\d+)/.exec(output);
      const user = /User time \(seconds\): ([\d.]+)/.exec(output);
      const system = /System time \(seconds\): ([\d.]+)/.exec(output);
      resolve({
        wallSeconds,
        peakMiB: rss ? Number(rss[1]) / 1024 : Number.NaN,
        cpuSeconds: user && system ? Number(user[1]) + Number(system[1]) : Number.NaN,
        exitCode: status ? Number(status[1]) : code ?? -1,
        output: output.replace(/\tCommand being timed:[\s\S]*$/, ''),
      });
    });
  });
}

/** Total bytes and file count of the `.ts` files under a folder. */
export function codeSize(folder: string): { bytes: number; files: number } {
  let bytes = 0;
  let files = 0;
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(ts|mts|js)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) {
        bytes += statSync(full).size;
        files++;
      }
    }
  };
  walk(folder);
  return { bytes, files };
}

/** `tsc` error count from its output (`error TS`). */
export function tscErrors(output: string): number {
  return (output.match(/error TS\d+/g) ?? []).length;
}
