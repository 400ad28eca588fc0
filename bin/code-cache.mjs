// A V8 code cache for the few very large CommonJS files the CLI loads (ts-morph's bundled typescript.js is
// 9 MB; parsing and compiling it is about a tenth of a GitHub-sized build).
//
// Node 20 has no module.enableCompileCache(), but vm.Script takes `cachedData` and can produce it. While
// installed, CommonJS files of at least MIN_BYTES are compiled here instead of by Node: with a cache blob
// when one matches, and otherwise normally, producing a blob when the process exits (after the run, so it
// also holds the functions compiled lazily while working). Blobs live under node_modules/.cache/toolsmith/v8/,
// keyed by file path, size, mtime and Node version; V8 itself rejects a blob made under other V8 flags (it is
// then rewritten). A missing, damaged or rejected blob only costs the normal compile; any failure here falls
// back to Node's own loader. TOOLSMITH_NO_CODE_CACHE=1 turns it off.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';

/** Smaller files compile fast enough that reading a blob would not pay. */
const MIN_BYTES = 512 * 1024;
/** Bump when the wrapper or the key changes. */
const FORMAT = 'toolsmith-v8-cache-2';
const DIGEST_BYTES = 32;
/** Blobs kept per source file name (each variant, Node version or install path has its own). */
const BLOBS_KEPT = 4;

let installed = false;

/**
 * Wraps Module.prototype._compile; returns a summary function for tests and benchmarks. `variant` names a set
 * of V8 flags changed at run time (their blobs would not match the default ones).
 */
export function installCodeCache(cacheDir, variant = 'default') {
  if (installed || process.env.TOOLSMITH_NO_CODE_CACHE === '1' || typeof vm.Script !== 'function') return undefined;
  installed = true;
  const stats = { hits: 0, misses: 0, rejected: 0, written: 0 };
  const pending = [];
  const original = Module.prototype._compile;
  Module.prototype._compile = function compileWithCache(content, filename) {
    if (typeof content !== 'string' || content.length < MIN_BYTES || content.startsWith('#!')) return original.call(this, content, filename);
    let compiled;
    try {
      compiled = compile(content, filename, cacheDir, variant);
    } catch {
      compiled = undefined;
    }
    if (!compiled) return original.call(this, content, filename);
    const { script, file, state } = compiled;
    if (state === 'hit') stats.hits++;
    else {
      stats[state === 'missing' ? 'misses' : 'rejected']++;
      pending.push({ script, file });
    }
    const wrapper = script.runInThisContext({ displayErrors: true });
    return wrapper.call(this.exports, this.exports, requireFor(this, filename), this, filename, path.dirname(filename));
  };
  // At exit the scripts also hold the functions compiled while the command ran, so the next run compiles none.
  process.once('exit', () => {
    for (const { script, file } of pending) if (writeBlob(script, file)) stats.written++;
  });
  return () => ({ ...stats });
}

function writeBlob(script, file) {
  try {
    const data = script.createCachedData();
    mkdirSync(path.dirname(file), { recursive: true });
    // Written aside and renamed: a process reading the blob meanwhile sees the old one or the new one, whole.
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, Buffer.concat([createHash('sha256').update(data).digest(), data]));
    renameSync(temporary, file);
  } catch {
    return false; // A read-only or full disk: the next run compiles normally again.
  }
  removeOldBlobs(file);
  return true;
}

/** Blobs of one source file for other versions, variants or paths pile up: the newest few stay. */
function removeOldBlobs(file) {
  const dir = path.dirname(file);
  const prefix = path.basename(file).replace(/-[0-9a-f]{32}\.bin$/, '-');
  try {
    const blobs = readdirSync(dir)
      .filter((name) => name.startsWith(prefix) && /^[0-9a-f]{32}\.bin$/.test(name.slice(prefix.length)))
      .map((name) => ({ name, mtime: statSync(path.join(dir, name)).mtimeMs }))
      .sort((a, b) => b.mtime - a.mtime);
    for (const blob of blobs.slice(BLOBS_KEPT)) rmSync(path.join(dir, blob.name), { force: true });
  } catch {
    // Another process cleaned up first.
  }
}

/** The same wrapper Node's loader gives a CommonJS module, as one script V8 can cache. */
function compile(content, filename, cacheDir, variant) {
  const { size, mtimeMs } = statSync(filename);
  const key = createHash('sha256')
    .update([FORMAT, variant, filename, size, mtimeMs, process.version, process.arch].join('\0'))
    .digest('hex')
    .slice(0, 32);
  const file = path.join(cacheDir, `${path.basename(filename)}-${key}.bin`);
  const blob = readBlob(file);
  // A blob exists only for a file that passed this check (the key covers its size and mtime).
  if (blob.state !== 'hit' && hasDynamicImport(content)) return undefined;
  const source = `(function (exports, require, module, __filename, __dirname) { ${content}\n});`;
  const script = new vm.Script(source, blob.data === undefined ? { filename } : { filename, cachedData: blob.data });
  const state = blob.data !== undefined && script.cachedDataRejected === true ? 'rejected' : blob.state;
  return { script, file, state };
}

/**
 * A blob is the SHA-256 of V8's data, then the data. V8 checks the data only loosely (a damaged blob can
 * crash the process), so it gets nothing we have not verified.
 */
function readBlob(file) {
  let bytes;
  try {
    bytes = readFileSync(file);
  } catch {
    return { state: 'missing' };
  }
  const data = bytes.subarray(DIGEST_BYTES);
  const intact = bytes.length > DIGEST_BYTES && createHash('sha256').update(data).digest().equals(bytes.subarray(0, DIGEST_BYTES));
  return intact ? { state: 'hit', data } : { state: 'damaged' };
}

/**
 * Whether the source may call import(): Node 20 loses a script's dynamic-import hook when the script comes from
 * a code cache, so such files are left to Node. An `import(` inside a string literal on its line is text
 * (typescript.js has seven, in messages and code it prints). A template literal that began on an earlier line
 * is not seen as one: then the file is left to Node, the safe side.
 */
function hasDynamicImport(content) {
  for (const match of content.matchAll(/\bimport\s*(?:\/\*[\s\S]*?\*\/\s*)*\(/g)) {
    if (!insideStringOnLine(content, match.index)) return true;
  }
  return false;
}

/** Scans the line up to `index` for string literals (quotes and escapes only; a line starts outside any). */
function insideStringOnLine(content, index) {
  let open = '';
  for (let at = content.lastIndexOf('\n', index) + 1; at < index; at++) {
    const char = content[at];
    if (open !== '' && char === '\\') at++;
    else if (open === '' && (char === '"' || char === "'" || char === '`')) open = char;
    else if (char === open) open = '';
  }
  return open !== '';
}

/** `require` as Node builds it for a module: loads through the module (parent and children stay right). */
function requireFor(module, filename) {
  const resolver = createRequire(filename);
  const require = (id) => module.require(id);
  require.resolve = resolver.resolve;
  require.cache = Module._cache;
  require.main = process.mainModule;
  require.extensions = Module._extensions;
  return require;
}
