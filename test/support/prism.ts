/**
 * Starts a real Prism mock server (`@stoplight/prism-cli`) on loopback for an OpenAPI file, and stops the
 * prism process itself (not a wrapper), so the port is freed. Prism validates every request against the spec:
 * a violation answers 422 (or sets the `sl-violations` header when it still answers).
 *
 *   const prism = await startPrism(corpusSpec('github'));
 *   …fetch(`${prism.url}/repos/o/r`)…; await prism.close();
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

export interface PrismServer {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly port: number;
  /** What prism printed (for failure messages). */
  output(): string;
  close(): Promise<void>;
}

const PRISM_ENTRY = realpathSync(fileURLToPath(new URL('../../node_modules/.bin/prism', import.meta.url)));

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => { clearTimeout(force); resolve(); });
    child.kill('SIGTERM');
  });
}

/** Starts `prism mock` for `specPath`; resolves when it listens (or rejects with its output after `startTimeoutMs`). */
export async function startPrism(specPath: string, options: { startTimeoutMs?: number; dynamic?: boolean } = {}): Promise<PrismServer> {
  const port = await freePort();
  const args = [PRISM_ENTRY, 'mock', '-h', '127.0.0.1', '-p', String(port), ...(options.dynamic ? ['-d'] : []), specPath];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } });
  let output = '';
  const collect = (chunk: Buffer): void => { output = (output + chunk.toString('utf8')).slice(-20_000); };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`prism did not start within ${options.startTimeoutMs ?? 180_000} ms:\n${output}`)), options.startTimeoutMs ?? 180_000);
      const check = (): void => {
        if (/Prism is listening/i.test(output)) { clearTimeout(timer); resolve(); }
      };
      child.stdout?.on('data', check);
      child.stderr?.on('data', check);
      child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`prism exited with ${String(code)} before listening:\n${output}`)); });
    });
  } catch (error) {
    await stop(child);
    throw error;
  }
  return { url: `http://127.0.0.1:${port}`, port, output: () => output, close: () => stop(child) };
}
