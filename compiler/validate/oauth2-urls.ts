/** TS0026 an oauth2 scheme without the URLs its grant needs. */
import { fieldOrigin, type ValidationRule } from './rule.js';

export const oauth2UrlsRule: ValidationRule = {
  name: 'oauth2-urls',
  check(toolkits, reporter) {
    for (const toolkit of toolkits) {
      for (const scheme of toolkit.auth) {
        if (scheme.kind !== 'oauth2') continue;
        if (scheme.grant === 'authorization_code' && !scheme.authorizationUrl) {
          reporter.error(
            'TS0026',
            'An oauth2 scheme with grant authorization_code needs "authorizationUrl".',
            scheme.origin,
            'add authorizationUrl, or use grant: client_credentials',
          );
        }
        if (!scheme.tokenUrl) {
          reporter.error('TS0026', 'An oauth2 scheme needs "tokenUrl".', fieldOrigin(scheme.origin, 'tokenUrl'));
        }
      }
    }
  },
};
