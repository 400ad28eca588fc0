/**
 * A lock between processes on one machine: a file created with O_EXCL that holds the owner's pid. A lock left by
 * a process that died is taken over (renamed away first, so two waiters cannot both remove a fresh lock).
 */
import { link, open, readFile, rename, unlink } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { ToolsmithError } from '../errors.js';

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try { process.kill(pid, 0); return true; } catch (error) { return (error as NodeJS.ErrnoException).code === 'EPERM'; }
}

async function ownerPid(path: string): Promise<number | undefined> {
  try {
    const pid = Number.parseInt((await readFile(path, 'utf8')).split('\n')[0] ?? '', 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch { return undefined; }
}

async function removeIfStale(path: string): Promise<void> {
  const pid = await ownerPid(path);
  // An empty file may be a lock being written right now: only a dead owner's lock is taken over.
  if (pid === undefined || alive(pid)) return;
  const aside = `${path}.stale-${randomBytes(6).toString('hex')}`;
  try { await rename(path, aside); } catch { return; }
  if ((await ownerPid(aside)) !== pid) {
    // Another process took the lock between our read and the rename: give it back.
    await link(aside, path).catch(() => undefined);
  }
  await unlink(aside).catch(() => undefined);
}

/** Waits for the lock and returns its release function; throws STORE_ERROR after `timeoutMs`. */
export async function acquireFileLock(path: string, options: { timeoutMs?: number } = {}): Promise<() => Promise<void>> {
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  let delay = 1;
  for (let attempt = 0; ; attempt += 1) {
    try {
      const handle = await open(path, 'wx', 0o600);
      try { await handle.writeFile(`${process.pid}\n`); } finally { await handle.close(); }
      let released = false;
      return async () => {
        if (released) return;
        released = true;
        await unlink(path).catch(() => undefined);
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new ToolsmithError('STORE_ERROR', `Cannot create the lock file ${path}: ${(error as Error).message}`);
      }
    }
    if (attempt % 8 === 0) await removeIfStale(path);
    if (Date.now() > deadline) {
      throw new ToolsmithError('STORE_ERROR',
        `Timed out waiting for the lock ${path}; if no other Toolsmith process is running, delete the file.`);
    }
    await new Promise((resolve) => setTimeout(resolve, delay));
    delay = Math.min(delay * 2, 25);
  }
}

/** Serializes async work per key inside one process (a promise chain per key, dropped when idle). */
export class KeyedMutex {
  readonly #tails = new Map<string, Promise<unknown>>();

  async run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(key) ?? Promise.resolve();
    const current = previous.then(fn, fn);
    const tail = current.catch(() => undefined);
    this.#tails.set(key, tail);
    try { return await current; } finally { if (this.#tails.get(key) === tail) this.#tails.delete(key); }
  }
}
