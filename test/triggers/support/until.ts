/** Lets pending I/O and promise callbacks run until `condition` holds (no timers, no sleeping). */
export async function until(condition: () => boolean, what = 'condition', maxTurns = 5000): Promise<void> {
  for (let turn = 0; turn < maxTurns; turn++) {
    if (condition()) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error(`gave up waiting for ${what}`);
}

/** Waits for another process (real time passes; bounded by the test's own timeout, never asserted on). */
export async function eventually(condition: () => boolean, what: string, limitMs = 25_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > limitMs) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
