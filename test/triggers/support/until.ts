/** Lets pending I/O and promise callbacks run until `condition` holds (no timers, no sleeping). */
export async function until(condition: () => boolean, what = 'condition', maxTurns = 5000): Promise<void> {
  for (let turn = 0; turn < maxTurns; turn++) {
    if (condition()) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error(`gave up waiting for ${what}`);
}
