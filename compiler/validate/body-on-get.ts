/** TS0021 a request body on GET or HEAD, which servers and proxies may drop. */
import { type ValidationRule } from './rule.js';

export const bodyOnGetRule: ValidationRule = {
  name: 'body-on-get',
  check(toolkits, reporter) {
    for (const toolkit of toolkits) {
      for (const tool of toolkit.tools) {
        if (!tool.body || (tool.method !== 'GET' && tool.method !== 'HEAD')) continue;
        reporter.error(
          'TS0021',
          `${tool.slug} sends a body with ${tool.method}; servers and proxies may drop it.`,
          tool.body.origin,
          'send the fields as query parameters, or use POST',
        );
      }
    }
  },
};
