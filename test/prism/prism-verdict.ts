/**
 * What Prism said about a request, read from its answer, and the defects of Prism 5.14 (@stoplight/prism-http
 * 5.12.0, paths below under its dist/validator/) recognised by checking the request actually sent, so a real
 * violation of the same shape still counts:
 * - phantom deepObject: `deserializeFormBody` (validators/body.js:39) runs the style deserializer for every
 *   property the schema declares, and `deserializeDeepObjectStyle` (deserializers/style/deepObject.js:20-23,
 *   `construct` → `constructObject`) builds an object for every object-typed property whether or not the request
 *   has a key under it; an absent optional object becomes `{}` and its required sub-properties are reported
 *   missing. Query parameters and multipart bodies go through the same deserializer.
 * - form arrays: without an `encoding` entry for a property (Twilio declares none) no deserializer runs and
 *   `splitUriParams` (body.js:71) keeps one value per key, so an array sent as OpenAPI's default for form bodies
 *   (style form, explode: `StatusCallbackEvent=a&StatusCallbackEvent=b`) is reported as not an array.
 * - arrays of objects in form bodies: `parseBrokenJSONArray` (body.js:49) wants each item as JSON text and answers
 *   415 to the deepObject form the spec's encoding says and Stripe documents (`line_items[0][price]=…`).
 * - JSON multipart parts: `parseMultipartFormDataParams` (body.js:93) keeps every part as a string and never
 *   parses a part sent as application/json, so an object or array property of a multipart body (OpenAPI 3.0:
 *   such parts default to application/json) is reported as the wrong type.
 * - integer parameters: parameters are validated by an Ajv with `coerceTypes: true` (validators/utils.js:33), so
 *   `1` satisfies both branches of GitHub's `oneOf: [integer, string]` (workflow_id) and fails "exactly one".
 */

/** One request violation, `location` without Prism's leading `request` (e.g. `['body', 'metadata']`). */
export interface Violation {
  readonly location: readonly string[];
  readonly code?: string | number;
  readonly message: string;
}

export interface PrismVerdict {
  /** One line for reports and for the EXPLAINED pins. */
  readonly problem: string;
  readonly violations: readonly Violation[];
}

type RawEntry = { location?: unknown; code?: string | number; message?: string };

function violationsOf(entries: readonly RawEntry[], prefix: string | undefined): Violation[] {
  return entries.flatMap((entry) => {
    const location = Array.isArray(entry.location) ? entry.location.map(String) : [];
    if (prefix !== undefined && location[0] !== prefix) return [];
    return [{ location: prefix === undefined ? location : location.slice(1), ...(entry.code !== undefined && { code: entry.code }), message: entry.message ?? '' }];
  });
}

/**
 * Undefined when Prism accepted the request. Only violations located in the request count: Prism also reports
 * its own mocked response breaking the spec, which is not ours.
 */
export function prismVerdict(status: number, violationsHeader: string | null, body: string): PrismVerdict | undefined {
  if (violationsHeader?.startsWith('Too many violations!')) {
    // prism-http-server truncates a long header; request violations come first, so none listed means none.
    if (/"location":\["request"/.test(violationsHeader)) return { problem: `sl-violations ${violationsHeader.slice(0, 300)}`, violations: [] };
  } else if (violationsHeader) {
    try {
      const entries = JSON.parse(violationsHeader) as RawEntry[];
      const violations = violationsOf(entries, 'request');
      if (violations.length > 0) {
        const problem = violations.map((entry) => `${['request', ...entry.location].join('.')}: ${entry.message}`).join('; ').slice(0, 500);
        return { problem, violations };
      }
    } catch {
      return { problem: `sl-violations ${violationsHeader.slice(0, 300)}`, violations: [] };
    }
  }
  if (!body.includes('stoplight.io/prism/errors')) return undefined;
  try {
    const parsed = JSON.parse(body) as { type?: string; detail?: string; validation?: RawEntry[] };
    // Prism failing to produce a response is its problem, not a request violation.
    if (/NO_RESPONSE_DEFINED|NOT_FOUND_EXAMPLE|UNKNOWN|NO_SERVER/i.test(parsed.type ?? '')) return undefined;
    const problem = `${status} ${(parsed.type ?? '').replace(/.*#/, '')} ${parsed.detail ?? ''} ${JSON.stringify(parsed.validation ?? '')}`.slice(0, 500);
    return { problem, violations: violationsOf(Array.isArray(parsed.validation) ? parsed.validation : [], undefined) };
  } catch {
    return { problem: `${status} ${body.slice(0, 300)}`, violations: [] };
  }
}

/** `['body', 'individual', 'dob']` → `individual[dob]`, the deepObject key prefix of that object. */
function deepObjectPrefix(location: readonly string[]): string {
  return location[1] + location.slice(2).map((part) => `[${part}]`).join('');
}

/** A required sub-property reported for an object the request did not send at all (no key under it). */
export function isPhantomDeepObject(violation: Violation, keys: { readonly body?: readonly string[]; readonly query: readonly string[] }): boolean {
  const where = violation.location[0];
  // A JSON body has no deepObject: a missing required property there is real (keys.body is then undefined).
  const formKeys = where === 'body' ? keys.body : where === 'query' ? keys.query : undefined;
  if (formKeys === undefined || violation.location.length < 2 || violation.code !== 'required') return false;
  const prefix = deepObjectPrefix(violation.location);
  return !formKeys.some((key) => key === prefix || key.startsWith(`${prefix}[`));
}

/**
 * A "must be array" report for a form property sent exploded, as repeated keys (or once, with no comma that a
 * joined list would have).
 */
export function isFormArrayMisread(violation: Violation, form: URLSearchParams | FormData): boolean {
  const name = violation.location[1];
  if (violation.location[0] !== 'body' || violation.location.length !== 2 || name === undefined || !/must be array$/.test(violation.message)) return false;
  const values = form.getAll(name);
  return values.length > 1 || (values.length === 1 && typeof values[0] === 'string' && !values[0].includes(','));
}

/** A wrong-type report for a multipart part that was sent as application/json holding that very type. */
export async function isJsonPartMisread(violation: Violation, form: FormData): Promise<boolean> {
  const expected = /must be (object|array)$/.exec(violation.message)?.[1];
  const name = violation.location[1];
  if (expected === undefined || violation.location[0] !== 'body' || violation.location.length !== 2 || name === undefined) return false;
  const part = form.get(name);
  if (!(part instanceof Blob) || !part.type.startsWith('application/json')) return false;
  try {
    const value: unknown = JSON.parse(await part.text());
    return expected === 'array' ? Array.isArray(value) : typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}

/**
 * The fields of a multipart/form-data body the executor wrote itself (a Blob), as FormData: a part sent with a
 * Content-Type becomes a Blob of that type, any other part a string. Undefined for anything but multipart.
 */
export async function multipartFields(body: Blob, contentType: string | undefined): Promise<FormData | undefined> {
  const boundary = /^multipart\/form-data;\s*boundary=("?)([^";]+)\1/i.exec(contentType ?? '')?.[2];
  if (boundary === undefined) return undefined;
  const form = new FormData();
  for (const raw of (await body.text()).split(`--${boundary}`).slice(1, -1)) {
    const part = raw.replace(/^\r\n/, '').replace(/\r\n$/, '');
    const split = part.indexOf('\r\n\r\n');
    const head = part.slice(0, split);
    const text = part.slice(split + 4);
    const name = /name="([^"]*)"/.exec(head)?.[1];
    if (name === undefined) continue;
    const type = /^Content-Type: (.+)$/im.exec(head)?.[1];
    form.append(name, type === undefined ? text : new Blob([text], { type }));
  }
  return form;
}

/** A oneOf failure on a parameter the tool was given as an integer (number or digits). */
export function isCoercedInteger(violation: Violation, args: Readonly<Record<string, unknown>>): boolean {
  const [where, name] = violation.location;
  if ((where !== 'path' && where !== 'query' && where !== 'header') || name === undefined || violation.location.length !== 2 || violation.code !== 'oneOf') return false;
  const value = args[name];
  return Number.isInteger(value) || (typeof value === 'string' && /^\d+$/.test(value));
}

/** What the executor sent, as seen by the observing fetch. */
export interface SentRequest {
  readonly url: string;
  /** The body as handed to fetch (a string, URLSearchParams, FormData…). */
  readonly body: unknown;
  readonly contentType?: string;
  /** The tool's arguments (flat input names). */
  readonly args: Readonly<Record<string, unknown>>;
}

/**
 * Which Prism defects explain every violation of a request, or undefined when at least one violation is real
 * (or there are none to explain). `sent` is the request body as the executor handed it to fetch, `contentType`
 * the request's Content-Type header.
 */
export async function prismDefectsOnly(verdict: PrismVerdict, sent: SentRequest): Promise<string | undefined> {
  const form = sent.contentType?.toLowerCase().startsWith('application/x-www-form-urlencoded') === true;
  const formBody = form && (typeof sent.body === 'string' || sent.body instanceof URLSearchParams) ? new URLSearchParams(sent.body) : undefined;
  const parts = sent.body instanceof FormData ? sent.body : sent.body instanceof Blob ? await multipartFields(sent.body, sent.contentType) : undefined;
  if (verdict.violations.length === 0) {
    const objectArray = [...(formBody?.keys() ?? [])].some((key) => /^[^[\]]+\[\d+\]\[[^\]]+\]/.test(key));
    return objectArray && /^415 INVALID_CONTENT_TYPE Cannot deserialize JSON object array in form data request body/.test(verdict.problem)
      ? 'form array of objects wanted as JSON'
      : undefined;
  }
  const bodyFields = formBody ?? parts;
  const keys = { ...(bodyFields && { body: [...bodyFields.keys()] }), query: [...new URL(sent.url).searchParams.keys()] };
  const kinds = new Set<string>();
  for (const violation of verdict.violations) {
    if (isPhantomDeepObject(violation, keys)) kinds.add('phantom deepObject');
    else if (isCoercedInteger(violation, sent.args)) kinds.add('integer coerced to match oneOf twice');
    else if (formBody && isFormArrayMisread(violation, formBody)) kinds.add('form array read as one value');
    else if (parts && isFormArrayMisread(violation, parts)) kinds.add('form array read as one value');
    else if (parts && (await isJsonPartMisread(violation, parts))) kinds.add('JSON part read as text');
    else return undefined;
  }
  return [...kinds].sort().join(', ');
}
