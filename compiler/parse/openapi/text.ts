/** Trimming of summaries and descriptions to a length that helps a model without flooding it. */

/** Cuts `text` at a sentence (or word) boundary no longer than `limit`, adding `…` when cut. */
export function trimText(text: string, limit: number): string {
  const clean = text.replace(/\r\n?/g, '\n').trim();
  if (clean.length <= limit) return clean;
  const slice = clean.slice(0, limit - 1);
  const sentence = Math.max(slice.lastIndexOf('. '), slice.lastIndexOf('.\n'));
  if (sentence > limit * 0.5) return slice.slice(0, sentence + 1);
  const space = slice.lastIndexOf(' ');
  return (space > limit * 0.5 ? slice.slice(0, space) : slice).trimEnd() + '…';
}

/** The first paragraph of a description, capped (tool descriptions). */
export function firstParagraph(text: string, limit: number): string {
  const clean = text.replace(/\r\n?/g, '\n').trim();
  const paragraph = clean.split(/\n\s*\n/)[0] ?? clean;
  return trimText(paragraph, limit);
}

/** A one-line display name from a summary (or a slug-like fallback). */
export function displayName(summary: string | undefined, fallback: string): string {
  const line = (summary ?? '').replace(/\s+/g, ' ').trim().replace(/\.$/, '');
  if (line !== '') return trimText(line, 120);
  return fallback;
}
