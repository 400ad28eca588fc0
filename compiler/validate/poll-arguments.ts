/**
 * TS0032 poll arguments that the polled tool does not take, or that leave a required input out;
 * TS0016 a `{{config.x}}` in them naming no property of the trigger's config schema.
 */
import { flattenTool } from '../flatten/flatten-tool.js';
import { didYouMeanHint } from '../parse/yaml/did-you-mean.js';
import { fieldOrigin, quoteList, type ValidationRule } from './rule.js';

export const pollArgumentsRule: ValidationRule = {
  name: 'poll-arguments',
  check(toolkits, reporter) {
    for (const toolkit of toolkits) {
      for (const trigger of toolkit.triggers) {
        const poll = trigger.poll;
        const tool = poll && toolkit.tools.find((item) => item.slug === poll.tool);
        if (!poll || !tool) continue;
        const flat = flattenTool(tool, { onCollision: toolkit.inputCollisions ?? 'report', sharedSchemas: toolkit.sharedSchemas });
        const inputs = flat.inputs.map((input) => input.name);
        const origin = fieldOrigin(trigger.origin, 'poll', 'arguments');
        for (const name of Object.keys(poll.arguments)) {
          if (inputs.includes(name)) continue;
          reporter.error(
            'TS0032',
            `Poll trigger ${trigger.slug} passes "${name}", which tool ${tool.slug} does not take.`,
            fieldOrigin(origin, name),
            didYouMeanHint(name, inputs) ?? `its inputs: ${quoteList(inputs)}`,
          );
        }
        const missing = flat.inputs.filter((input) => input.required && !(input.name in poll.arguments)).map((input) => input.name);
        if (missing.length > 0) {
          reporter.error(
            'TS0032',
            `Poll trigger ${trigger.slug} calls ${tool.slug} without its required ${missing.length === 1 ? 'input' : 'inputs'} ${quoteList(missing)}.`,
            Object.keys(poll.arguments).length > 0 ? origin : fieldOrigin(trigger.origin, 'poll'),
            'set them in poll.arguments (a value may be "{{config.<name>}}")',
          );
        }
        const configProperties = Object.keys((trigger.config['properties'] as Record<string, unknown> | undefined) ?? {});
        for (const [name, value] of Object.entries(poll.arguments)) {
          if (typeof value !== 'string') continue;
          for (const match of value.matchAll(/\{\{\s*config\.([A-Za-z0-9_]+)\s*\}\}/g)) {
            const property = match[1] ?? '';
            if (configProperties.includes(property)) continue;
            reporter.error(
              'TS0016',
              `Poll argument "${name}" of ${trigger.slug} uses {{config.${property}}}, but the trigger's config has no property "${property}".`,
              fieldOrigin(origin, name),
              didYouMeanHint(property, configProperties) ?? `config properties: ${quoteList(configProperties)}`,
            );
          }
        }
      }
    }
  },
};
