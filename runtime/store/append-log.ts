/**
 * The file store's durable half: one append-only JSON-lines log under a lock file. Every process keeps the whole
 * state in memory and catches up by reading what others appended (the byte offset it has read to); writers hold
 * the lock, catch up first, then append, so read-modify-write operations are atomic across processes.
 * When the log holds far more lines than live entries it is rewritten (temp file + rename); readers notice the
 * new inode and reload. A line torn by a crash is never acknowledged, so it is skipped on load.
 */
import { statSync } from 'node:fs';
import { mkdir, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { randomBytes } from 'node:crypto';
import { ToolsmithError } from '../errors.js';
import { acquireFileLock } from './file-lock.js';

export interface LogEntry { readonly t: string; readonly [field: string]: unknown }

export interface LogState {
  /** Applies one entry read from the log or just written (the header entry included). */
  apply(entry: LogEntry): void;
  /** Forgets everything before a full reload. */
  reset(): void;
  header(): LogEntry;
  /** Every live entry, for compaction. */
  liveEntries(): Iterable<LogEntry>;
  liveCount(): number;
}

export interface Mutation<T> { readonly entries: readonly LogEntry[]; readonly result: T }

type Job =
  | { kind: 'sync'; promise: Promise<void>; resolve: () => void; reject: (error: unknown) => void; started: boolean }
  | { kind: 'mutate'; fn: () => Mutation<unknown>; resolve: (value: unknown) => void; reject: (error: unknown) => void };

const NEWLINE = 0x0a;

export class AppendLog {
  #offset = 0;
  #ino = -1;
  #lines = 0;
  #lastSync = 0;
  readonly #queue: Job[] = [];
  #running = false;

  constructor(
    readonly path: string,
    private readonly lockPath: string,
    private readonly state: LogState,
    private readonly options: { syncMs: number; lockTimeoutMs?: number },
  ) {}

  async open(): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true, mode: 0o700 });
    const exists = await stat(this.path).then(() => true, () => false);
    if (!exists) await this.#locked(async () => {
      if (!(await stat(this.path).then(() => true, () => false))) await this.#rewrite([this.state.header()]);
    });
    await this.#reload();
  }

  /** Makes changes by other processes visible; skipped when the last check is younger than `syncMs` unless forced. */
  sync(force = false): Promise<void> {
    if (!force && Date.now() - this.#lastSync < this.options.syncMs) return Promise.resolve();
    if (!force && !this.#running && this.#queue.length === 0 && this.#unchanged()) {
      this.#lastSync = Date.now();
      return Promise.resolve();
    }
    const last = this.#queue.at(-1);
    if (last?.kind === 'sync' && !last.started) return last.promise;
    let resolve!: () => void;
    let reject!: (error: unknown) => void;
    const promise = new Promise<void>((ok, fail) => { resolve = ok; reject = fail; });
    this.#queue.push({ kind: 'sync', promise, resolve, reject, started: false });
    this.#pump();
    return promise;
  }

  /**
   * True when the file is the one read, at the size read: nothing to catch up on. A synchronous stat of a local
   * file costs a few µs, far less than a round trip through the thread pool on every read of a busy process.
   */
  #unchanged(): boolean {
    try {
      const info = statSync(this.path);
      return info.ino === this.#ino && info.size === this.#offset;
    } catch {
      return false; // the queued path reports the error
    }
  }

  /** Runs `fn` under the lock on fresh state, applies and appends its entries; batched with concurrent mutations. */
  mutate<T>(fn: () => Mutation<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ kind: 'mutate', fn, resolve: resolve as (value: unknown) => void, reject });
      this.#pump();
    });
  }

  /** Waits for queued work; used by close(). */
  async drain(): Promise<void> {
    while (this.#running || this.#queue.length > 0) await new Promise((resolve) => setTimeout(resolve, 1));
  }

  #pump(): void {
    if (this.#running) return;
    this.#running = true;
    void (async () => {
      try {
        while (this.#queue.length > 0) {
          const first = this.#queue[0]!;
          if (first.kind === 'sync') {
            first.started = true;
            this.#queue.shift();
            try { await this.#catchUp(); first.resolve(); } catch (error) { first.reject(error); }
            continue;
          }
          let count = 0;
          while (count < this.#queue.length && this.#queue[count]!.kind === 'mutate') count += 1;
          const batch = this.#queue.splice(0, count) as Array<Extract<Job, { kind: 'mutate' }>>;
          await this.#runBatch(batch);
        }
      } finally {
        this.#running = false;
      }
    })();
  }

  async #runBatch(batch: Array<Extract<Job, { kind: 'mutate' }>>): Promise<void> {
    const outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
    try {
      await this.#locked(async () => {
        await this.#catchUp();
        const lines: string[] = [];
        for (const job of batch) {
          try {
            const { entries, result } = job.fn();
            for (const entry of entries) { this.state.apply(entry); lines.push(JSON.stringify(entry)); }
            outcomes.push({ ok: true, value: result });
          } catch (error) {
            outcomes.push({ ok: false, error });
          }
        }
        if (lines.length > 0) await this.#append(lines);
        if (this.#lines > 2 * this.state.liveCount() + 5_000) {
          await this.#rewrite([this.state.header(), ...this.state.liveEntries()]);
          await this.#reload();
        }
      });
    } catch (error) {
      // The memory may hold entries that never reached the disk: reload from the file before anyone reads.
      await this.#reload().catch(() => undefined);
      for (const job of batch) job.reject(error);
      return;
    }
    batch.forEach((job, index) => {
      const outcome = outcomes[index]!;
      if (outcome.ok) job.resolve(outcome.value); else job.reject(outcome.error);
    });
  }

  async #locked(fn: () => Promise<void>): Promise<void> {
    const release = await acquireFileLock(this.lockPath, { timeoutMs: this.options.lockTimeoutMs ?? 60_000 });
    try { await fn(); } finally { await release(); }
  }

  async #append(lines: string[]): Promise<void> {
    const handle = await open(this.path, 'r+');
    try {
      const size = (await handle.stat()).size;
      // A torn tail left by a crash ends without a newline: start on a fresh line so it stays one skipped line.
      const prefix = size > this.#offset ? '\n' : '';
      const data = Buffer.from(`${prefix}${lines.join('\n')}\n`, 'utf8');
      await handle.write(data, 0, data.length, size);
      await handle.datasync();
      this.#offset = size + data.length;
      this.#lines += lines.length;
    } finally {
      await handle.close();
    }
  }

  async #rewrite(entries: readonly LogEntry[]): Promise<void> {
    const temp = `${this.path}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
    const handle = await open(temp, 'wx', 0o600);
    try {
      const chunk: string[] = [];
      for (const entry of entries) {
        chunk.push(JSON.stringify(entry));
        if (chunk.length >= 2_000) { await handle.write(`${chunk.join('\n')}\n`); chunk.length = 0; }
      }
      if (chunk.length > 0) await handle.write(`${chunk.join('\n')}\n`);
      await handle.sync();
    } catch (error) {
      await handle.close();
      await unlink(temp).catch(() => undefined);
      throw error;
    }
    await handle.close();
    await rename(temp, this.path);
  }

  async #reload(): Promise<void> {
    this.state.reset();
    this.#offset = 0;
    this.#lines = 0;
    const info = await this.#stat();
    this.#ino = info.ino;
    const data = await readFile(this.path);
    this.#consume(data);
    this.#lastSync = Date.now();
  }

  async #catchUp(): Promise<void> {
    const info = await this.#stat();
    if (info.ino !== this.#ino || info.size < this.#offset) { await this.#reload(); return; }
    if (info.size > this.#offset) {
      const handle = await open(this.path, 'r');
      try {
        const buffer = Buffer.alloc(info.size - this.#offset);
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, this.#offset);
        this.#consume(buffer.subarray(0, bytesRead));
      } finally {
        await handle.close();
      }
    }
    this.#lastSync = Date.now();
  }

  /** Applies every complete line of `data` (which starts at the current offset). */
  #consume(data: Buffer): void {
    const end = data.lastIndexOf(NEWLINE);
    if (end < 0) return;
    let start = 0;
    while (start <= end) {
      const stop = data.indexOf(NEWLINE, start);
      if (stop > start) {
        const text = data.toString('utf8', start, stop);
        let entry: LogEntry | undefined;
        try { entry = JSON.parse(text) as LogEntry; } catch { entry = undefined; } // a torn line from a crash
        if (entry && typeof entry.t === 'string') { this.state.apply(entry); this.#lines += 1; }
      }
      start = stop + 1;
    }
    this.#offset += end + 1;
  }

  async #stat(): Promise<{ ino: number; size: number }> {
    try {
      const info = await stat(this.path);
      return { ino: info.ino, size: info.size };
    } catch (error) {
      throw new ToolsmithError('STORE_ERROR', `The store file ${this.path} cannot be read: ${(error as Error).message}`);
    }
  }
}
