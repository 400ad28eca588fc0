// Loads the CLI (compiler/cli.ts) as plain JavaScript when it can, through tsx when it cannot.
//
// Going through tsx costs every run a loader thread (about 45 MB of memory) and a round trip per module;
// for a one-shot command that is a good part of its time. So the first run bundles compiler/cli.ts with
// esbuild (the one tsx itself uses: same TypeScript semantics), code-split so lazy imports stay lazy, into
// node_modules/.cache/toolsmith/cli/<key>/. Every later run checks a content hash of the bundled sources
// (a few milliseconds) and imports the bundle when it matches, rebuilding when a source changed.
// Anything unexpected falls back to tsx; TOOLSMITH_NO_BUNDLE=1 forces the fallback, TOOLSMITH_DEBUG_BUNDLE=1 says why.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { installCodeCache } from './code-cache.mjs';

/** Bump when the bundling below changes, so old bundles are not reused. */
const FORMAT = 'toolsmith-cli-bundle-3';
/** Set on globalThis when the bundle runs: compiler/cli/import-module.ts then registers tsx before importing TypeScript. */
export const NEEDS_TS_LOADER = Symbol.for('toolsmith.needsTypeScriptLoader');
/** The bundle's `require` (set on globalThis before it loads) for the CommonJS packages below. */
const BUNDLE_REQUIRE = Symbol.for('toolsmith.bundleRequire');
/**
 * CommonJS-only packages the bundle loads with require() instead of import: importing CommonJS from ESM makes
 * Node scan the whole source for export names first (cjs-module-lexer; ts-morph re-exports 12 MB of JavaScript).
 */
const REQUIRED_PACKAGES = ['ts-morph'];
/**
 * Small CommonJS packages every command loads, bundled into the CLI's chunks: loaded from their ~40 files each
 * run, yaml alone cost ≈ 55 ms (resolve, read and compile per file), bundled ≈ 18 ms. Other packages stay external.
 */
const BUNDLED_PACKAGES = ['yaml', 'commander'];
/** CommonJS code bundled into ESM still calls require() for Node's own modules: each chunk gets one. */
const CHUNK_REQUIRE = "import { createRequire as __toolsmithCreateRequire } from 'node:module'; const require = __toolsmithCreateRequire(import.meta.url);";

const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** `main` of the CLI. Options exist for tests (a fixture package instead of this one). */
export async function loadCli(options = {}) {
  const root = options.root ?? packageRoot;
  const entry = options.entry ?? 'compiler/cli.ts';
  // ts-morph's 9 MB typescript.js compiles from a V8 code cache after the first run (bin/code-cache.mjs).
  const codeCacheStats = installCodeCache(options.codeCacheDir ?? path.join(root, 'node_modules', '.cache', 'toolsmith', 'v8'), options.codeCacheVariant);
  if (codeCacheStats && process.env.TOOLSMITH_DEBUG_CODE_CACHE === '1') {
    process.once('exit', () => process.stderr.write(`toolsmith: code cache ${JSON.stringify(codeCacheStats())}\n`));
  }
  if (process.env.TOOLSMITH_NO_BUNDLE !== '1') {
    try {
      const bundled = await bundledEntry(root, entry, options.cacheDir ?? path.join(root, 'node_modules', '.cache', 'toolsmith', 'cli'));
      if (bundled) {
        globalThis[NEEDS_TS_LOADER] = true;
        globalThis[BUNDLE_REQUIRE] = createRequire(path.join(root, 'package.json'));
        return await import(pathToFileURL(bundled).href);
      }
    } catch (error) {
      // The bundle is an optimisation only (a source that does not compile yet makes it fail): use tsx.
      if (process.env.TOOLSMITH_DEBUG_BUNDLE === '1') process.stderr.write(`toolsmith: bundle not used: ${error}\n`);
    }
  }
  const { register } = await import('tsx/esm/api');
  register();
  return import(pathToFileURL(path.join(root, entry)).href);
}

function hashSources(root, inputs, extra) {
  const hash = createHash('sha256');
  hash.update(`${FORMAT}\0${root}\0${extra}\0`);
  for (const input of inputs) {
    hash.update(input);
    hash.update('\0');
    hash.update(readFileSync(path.join(root, input)));
    hash.update('\0');
  }
  return hash.digest('hex').slice(0, 24);
}

/** The bundle's entry file, built now if missing or stale; undefined when esbuild cannot be had. */
async function bundledEntry(root, entry, cacheDir) {
  // One manifest per package root: the bundle embeds absolute module URLs.
  const manifestFile = path.join(cacheDir, `manifest-${createHash('sha256').update(root).digest('hex').slice(0, 8)}.json`);
  const entryName = `${path.basename(entry).replace(/\.[cm]?ts$/, '')}.js`;
  try {
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
    if (manifest.entry === entry && hashSources(root, manifest.inputs, manifest.esbuild) === manifest.key) {
      const file = path.join(cacheDir, manifest.key, entryName);
      if (existsSync(file)) return file;
    }
  } catch {
    // No manifest yet, or a source listed in it is gone: rebuild.
  }
  const esbuild = loadEsbuild(root);
  if (!esbuild) return undefined;
  mkdirSync(cacheDir, { recursive: true });
  const temporary = path.join(cacheDir, `tmp-${process.pid}-${Date.now()}`);
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: [entry],
    outdir: temporary,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: `node${process.versions.node.split('.')[0]}`,
    metafile: true,
    banner: { js: CHUNK_REQUIRE },
    logLevel: 'silent',
    // Each module keeps its own import.meta.url (paths to templates, package.json and the like).
    define: { 'import.meta.url': '__toolsmithModuleUrl' },
    plugins: [ownModuleUrl(), requiredPackages(), externalPackages()],
  });
  const inputs = [...Object.keys(result.metafile.inputs), 'tsconfig.json', 'package.json']
    .filter((input) => existsSync(path.join(root, input)))
    .sort();
  const key = hashSources(root, inputs, esbuild.version);
  const target = path.join(cacheDir, key);
  if (existsSync(target)) rmSync(temporary, { recursive: true, force: true });
  else renameSync(temporary, target);
  const manifestTemporary = `${manifestFile}.${process.pid}`;
  writeFileSync(manifestTemporary, JSON.stringify({ entry, key, esbuild: esbuild.version, inputs }));
  renameSync(manifestTemporary, manifestFile);
  removeOldBundles(cacheDir, key);
  return path.join(target, entryName);
}

/** esbuild as tsx depends on it (resolved from tsx, so the version is the one tsx was tested with). */
function loadEsbuild(root) {
  try {
    const fromRoot = createRequire(path.join(root, 'package.json'));
    return createRequire(fromRoot.resolve('tsx/package.json'))('esbuild');
  } catch {
    return undefined;
  }
}

/** Prepends `const __toolsmithModuleUrl = '<file url>'` to modules that read import.meta.url. */
function ownModuleUrl() {
  return {
    name: 'toolsmith-module-url',
    setup(build) {
      build.onLoad({ filter: /\.[cm]?ts$/ }, (args) => {
        const source = readFileSync(args.path, 'utf8');
        if (!source.includes('import.meta')) return { contents: source, loader: 'ts' };
        return { contents: `const __toolsmithModuleUrl = ${JSON.stringify(pathToFileURL(args.path).href)};\n${source}`, loader: 'ts' };
      });
    },
  };
}

/** `import … from 'ts-morph'` → a CommonJS stub calling the bundle's require (esbuild keeps named imports working). */
function requiredPackages() {
  const filter = new RegExp(`^(${REQUIRED_PACKAGES.map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})$`);
  return {
    name: 'toolsmith-required-packages',
    setup(build) {
      build.onResolve({ filter }, (args) => ({ path: args.path, namespace: 'toolsmith-require' }));
      build.onLoad({ filter: /.*/, namespace: 'toolsmith-require' }, (args) => ({
        contents: `module.exports = globalThis[Symbol.for('toolsmith.bundleRequire')](${JSON.stringify(args.path)});`,
        loader: 'js',
      }));
    },
  };
}

/** Every package is external (loaded from node_modules at run time) except BUNDLED_PACKAGES. */
function externalPackages() {
  return {
    name: 'toolsmith-external-packages',
    setup(build) {
      build.onResolve({ filter: /^[^./]/ }, (args) => {
        const parts = args.path.split('/');
        const name = args.path.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
        return BUNDLED_PACKAGES.includes(name) ? undefined : { path: args.path, external: true };
      });
    },
  };
}

/** Bundles of older sources, kept a while in case a process that started with one still loads its chunks. */
function removeOldBundles(cacheDir, keep) {
  const hour = 60 * 60 * 1000;
  for (const name of readdirSync(cacheDir)) {
    if (name === keep || name.startsWith('manifest-')) continue;
    const full = path.join(cacheDir, name);
    try {
      if (Date.now() - statSync(full).mtimeMs > hour) rmSync(full, { recursive: true, force: true });
    } catch {
      // Another process removed it first.
    }
  }
}
