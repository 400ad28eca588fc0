/**
 * TS0016 a `{{connection.x}}` / `{{credentials.x}}` naming a field that does not exist;
 * TS0025 a template that does not parse, or credentials where only connection fields may go.
 * Checked: baseUrl, toolkit and tool headers, inject values, oauth2 URLs and authorization params.
 */
import type { IR } from '../ir/types.js';
import { didYouMeanHint } from '../parse/yaml/did-you-mean.js';
import { fieldOrigin, quoteList, type Reporter, type ValidationRule } from './rule.js';
import { parseTemplate } from './template-syntax.js';

interface Place {
  readonly text: string;
  readonly origin: IR.Origin;
  readonly what: string;
  /** Credential fields usable here; undefined where credentials may not appear. */
  readonly credentials?: readonly string[];
}

function checkPlace(place: Place, connection: readonly string[], reporter: Reporter): void {
  const { references, problems } = parseTemplate(place.text);
  for (const problem of problems) {
    reporter.error('TS0025', `Invalid template in ${place.what}: ${problem.message}.`, place.origin);
  }
  for (const reference of references) {
    if (reference.source === 'connection') {
      if (connection.includes(reference.name)) continue;
      reporter.error(
        'TS0016',
        `${place.what} uses {{connection.${reference.name}}}, but the toolkit has no connection field "${reference.name}".`,
        place.origin,
        didYouMeanHint(reference.name, connection) ?? `connection fields: ${quoteList(connection)}`,
      );
    } else if (place.credentials === undefined) {
      reporter.error(
        'TS0025',
        `${place.what} cannot use {{credentials.${reference.name}}}: credentials go on requests only through an auth scheme's "inject" rules.`,
        place.origin,
      );
    } else if (!place.credentials.includes(reference.name)) {
      reporter.error(
        'TS0016',
        `${place.what} uses {{credentials.${reference.name}}}, but this auth scheme has no credential field "${reference.name}".`,
        place.origin,
        didYouMeanHint(reference.name, place.credentials) ?? `credential fields: ${quoteList(place.credentials)}`,
      );
    }
  }
}

function placesOf(toolkit: IR.Toolkit): Place[] {
  const places: Place[] = [{ text: toolkit.baseUrl, origin: fieldOrigin(toolkit.origin, 'baseUrl'), what: 'baseUrl' }];
  for (const [name, value] of Object.entries(toolkit.headers)) {
    places.push({ text: value, origin: fieldOrigin(toolkit.origin, 'headers', name), what: `Header "${name}"` });
  }
  for (const tool of toolkit.tools) {
    for (const [name, value] of Object.entries(tool.headers)) {
      places.push({ text: value, origin: fieldOrigin(tool.origin, 'request', 'headers', name), what: `Header "${name}" of ${tool.slug}` });
    }
  }
  for (const scheme of toolkit.auth) {
    const credentials = scheme.fields.map((field) => field.name);
    for (const rule of scheme.inject) {
      places.push({ text: rule.value, origin: fieldOrigin(rule.origin, 'value'), what: `Inject rule "${rule.name}"`, credentials });
    }
    if (scheme.kind !== 'oauth2') continue;
    const urls = ['authorizationUrl', 'tokenUrl', 'refreshUrl', 'revocationUrl'] as const;
    for (const key of urls) {
      const text = scheme[key];
      if (text !== undefined) places.push({ text, origin: fieldOrigin(scheme.origin, key), what: key });
    }
    for (const [name, value] of Object.entries(scheme.authorizationParams)) {
      places.push({ text: value, origin: fieldOrigin(scheme.origin, 'authorizationParams', name), what: `Authorization parameter "${name}"` });
    }
  }
  return places;
}

export const templatesRule: ValidationRule = {
  name: 'templates',
  check(toolkits, reporter) {
    for (const toolkit of toolkits) {
      const connection = toolkit.connection.map((field) => field.name);
      for (const place of placesOf(toolkit)) checkPlace(place, connection, reporter);
    }
  },
};
