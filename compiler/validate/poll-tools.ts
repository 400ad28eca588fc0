/** TS0024 a poll trigger naming a tool the toolkit does not have. */
import { didYouMeanHint } from '../parse/yaml/did-you-mean.js';
import { fieldOrigin, type ValidationRule } from './rule.js';

export const pollToolsRule: ValidationRule = {
  name: 'poll-tools',
  check(toolkits, reporter) {
    for (const toolkit of toolkits) {
      const slugs = toolkit.tools.map((tool) => tool.slug);
      for (const trigger of toolkit.triggers) {
        if (!trigger.poll || slugs.includes(trigger.poll.tool)) continue;
        reporter.error(
          'TS0024',
          `Poll trigger ${trigger.slug} calls tool "${trigger.poll.tool}", which toolkit "${toolkit.slug}" does not define.`,
          fieldOrigin(trigger.origin, 'poll', 'tool'),
          didYouMeanHint(trigger.poll.tool, slugs),
        );
      }
    }
  },
};
