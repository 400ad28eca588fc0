// Memory settings for one-shot batch commands (`toolsmith build`), whose peak memory is mostly garbage V8 has
// not collected yet: a GitHub-sized build holds ≈ 100 MB live at most, yet peaked near 255 MB RSS, because
// V8 lets the old generation grow well past the live size between its (two) full collections.
//
// A full collection can be asked for between build phases, when the previous phase's garbage is dead and the
// next one is about to allocate: globalThis[Symbol.for('toolsmith.collectGarbage')], set here only, so a
// library caller of build() never pays for it (≈ 45 ms a collection on a GitHub-sized build). V8 exposes `gc`
// only with --expose-gc, which a running process can still turn on for contexts created afterwards.
// (Keeping the young generation small with --semi-space-growth-factor=1 saves another ≈ 30 MB but costs
// ≈ 450 more scavenges, ≈ 0.5 s of pauses: not worth it.)
//
// A V8 flag set at run time changes the flag hash V8 checks code-cache blobs against: bin/code-cache.mjs keeps
// the blobs of batch runs apart (`codeCacheVariant`). TOOLSMITH_NO_BATCH_TUNING=1 turns this off.
import v8 from 'node:v8';
import vm from 'node:vm';

export const COLLECT_GARBAGE = Symbol.for('toolsmith.collectGarbage');

/** Applies the settings; false when turned off or unavailable. */
export function tuneForBatch() {
  if (process.env.TOOLSMITH_NO_BATCH_TUNING === '1') return false;
  try {
    v8.setFlagsFromString('--expose-gc');
    const collect = vm.runInNewContext('gc');
    if (typeof collect !== 'function') return false;
    globalThis[COLLECT_GARBAGE] = () => collect();
    return true;
  } catch {
    return false;
  }
}
