/** How the Prism suite and the transport parity test pick tools and an account scheme from a generated toolkit. */
import type { AuthScheme, CompiledToolkit } from '../../runtime/types.js';

/** The scheme an account is created with: a static credential first, OAuth2 and custom last. */
export function pickScheme(toolkit: CompiledToolkit): AuthScheme | undefined {
  const order = ['bearer', 'api_key', 'basic', 'oauth2', 'custom'];
  return [...toolkit.auth].filter((scheme) => scheme.scheme !== 'none').sort((a, b) => order.indexOf(a.scheme) - order.indexOf(b.scheme))[0];
}

/** `take` items spread evenly over `items` (all of them when there are fewer). */
export function spread<T>(items: readonly T[], take: number): T[] {
  if (items.length <= take) return [...items];
  const step = items.length / take;
  return Array.from({ length: take }, (_, index) => items[Math.floor(index * step)]!);
}
