/** TS0020 an invalid JSON Schema (and TS0028 a bad `pattern`) in parameters, body, response, config, payload or shared schemas. */
import type { IR } from '../ir/types.js';
import { checkJsonSchema } from './json-schema-check.js';
import { fieldOrigin, type Reporter, type ValidationRule } from './rule.js';

function checkOne(schema: unknown, origin: IR.Origin, where: string, shared: IR.Toolkit['sharedSchemas'], reporter: Reporter): void {
  // Hand-written schemas get typo warnings; imported specs use many vendor keywords, so they do not.
  const flagMisspelledKeywords = /\.ya?ml$/.test(origin.file);
  for (const problem of checkJsonSchema(schema, shared, { flagMisspelledKeywords })) {
    reporter.report(
      problem.code,
      problem.severity,
      `Invalid JSON Schema in ${where}: ${problem.message}${problem.message.endsWith('?') ? '' : '.'}`,
      { file: origin.file, pointer: origin.pointer + problem.path },
    );
  }
}

export const jsonSchemasRule: ValidationRule = {
  name: 'json-schemas',
  check(toolkits, reporter) {
    for (const toolkit of toolkits) {
      const shared = toolkit.sharedSchemas;
      for (const [name, schema] of Object.entries(shared)) {
        checkOne(schema, fieldOrigin(toolkit.origin, '$defs', name), `shared schema "${name}"`, shared, reporter);
      }
      for (const tool of toolkit.tools) {
        for (const parameter of tool.parameters) {
          checkOne(parameter.schema, fieldOrigin(parameter.origin, 'schema'), `parameter "${parameter.name}" of ${tool.slug}`, shared, reporter);
        }
        if (tool.body) checkOne(tool.body.schema, fieldOrigin(tool.body.origin, 'schema'), `the body of ${tool.slug}`, shared, reporter);
        checkOne(tool.response.schema, fieldOrigin(tool.response.origin, 'schema'), `the response of ${tool.slug}`, shared, reporter);
      }
      for (const trigger of toolkit.triggers) {
        checkOne(trigger.config, fieldOrigin(trigger.origin, 'config'), `the config of ${trigger.slug}`, shared, reporter);
        checkOne(trigger.payload, fieldOrigin(trigger.origin, 'payload'), `the payload of ${trigger.slug}`, shared, reporter);
      }
    }
  },
};
