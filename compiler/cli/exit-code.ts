/**
 * The exit code of the current `toolsmith` invocation. Commands call `setExitCode` (0 ok, 1 problems found,
 * 2 usage or internal error); `main` returns the highest code set.
 */
let current = 0;

export function setExitCode(code: number): void {
  current = Math.max(current, code);
}

export function takeExitCode(): number {
  const code = current;
  current = 0;
  return code;
}
