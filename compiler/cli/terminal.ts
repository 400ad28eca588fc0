/** Colour only on a terminal and never with NO_COLOR; progress lines only where someone watches. */
export function useColor(stream: NodeJS.WriteStream = process.stdout): boolean {
  return Boolean(stream.isTTY) && process.env['NO_COLOR'] === undefined && process.env['TERM'] !== 'dumb';
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

/** Writes a progress line to stderr: rewritten in place on a terminal, plain lines otherwise. */
export function createProgressPrinter(): { update(text: string): void; done(): void } {
  const tty = Boolean(process.stderr.isTTY);
  let shown = false;
  return {
    update(text: string): void {
      if (tty) {
        process.stderr.write(`\r\u001b[2K${text}`);
        shown = true;
      } else {
        process.stderr.write(`${text}\n`);
      }
    },
    done(): void {
      if (tty && shown) process.stderr.write('\r\u001b[2K');
      shown = false;
    },
  };
}
