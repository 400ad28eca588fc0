/**
 * Default importance (0–100) of an imported operation, used when the overlay gives none.
 *
 * The heuristic, in order:
 * - start at 50;
 * - reads and creates of a resource rank highest: `GET` of a collection +20, `GET` of one item +15,
 *   `POST` to a collection (a create) +18, `PUT`/`PATCH` (update) +8, other `POST` actions +5,
 *   `DELETE` −5;
 * - shallow paths are core resources: −3 per path segment beyond three (at most −15);
 * - administrative, enterprise and plumbing operations rank low: −25 when the path, operationId
 *   or a tag names admin, enterprise, billing, audit, SCIM, SAML, LDAP, hooks/webhooks,
 *   installations, runners, secrets, settings and the like;
 * - deprecated operations −30;
 * - the result is clamped to 1–95 so an overlay can still rank a tool above every default.
 */
import type { IR } from '../../ir/types.js';

const LOW_VALUE = /(^|[^a-z])(admin|administration|enterprise|enterprises|billing|audit|scim|saml|ldap|hooks?|webhooks?|installations?|runners?|secrets?|settings|codespaces?|credential|attestations?|interaction-limits|oidc|copilot|rulesets?|private-registr|pre-receive|custom-properties|migrations?|internal|debug|legacy|beta)([^a-z]|$)/i;

function isParam(segment: string): boolean {
  return segment.startsWith('{') && segment.endsWith('}');
}

export function defaultImportance(tool: { method: IR.HttpMethod; path: string; operationId?: string; tags: readonly string[]; deprecated: boolean }): number {
  const segments = tool.path.split('/').filter((s) => s !== '');
  const last = segments[segments.length - 1] ?? '';
  const endsWithParam = isParam(last);
  let score = 50;
  switch (tool.method) {
    case 'GET': score += endsWithParam ? 15 : 20; break;
    case 'POST': score += endsWithParam ? 5 : 18; break;
    case 'PUT':
    case 'PATCH': score += 8; break;
    case 'DELETE': score -= 5; break;
    default: score -= 10;
  }
  const staticSegments = segments.filter((s) => !isParam(s)).length;
  // Verbs as the last segment (`/issues/{id}/lock`) are actions, not resource creates.
  if (tool.method === 'POST' && !endsWithParam && staticSegments > 1 && /^(lock|unlock|merge|dispatch|rerun|cancel|approve|archive|transfer|sync|test|ping|close|reopen)$/.test(last)) score -= 13;
  score -= Math.min(15, Math.max(0, segments.length - 3) * 3);
  const haystack = [tool.path, tool.operationId ?? '', ...tool.tags].join(' ');
  if (LOW_VALUE.test(haystack)) score -= 25;
  if (tool.deprecated) score -= 30;
  return Math.max(1, Math.min(95, Math.round(score)));
}
