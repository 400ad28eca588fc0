/**
 * The template language of definition strings: `{{connection.x}}`, `{{credentials.x}}`, and
 * `{{base64 a ':' b}}` (arguments are references or quoted literals, concatenated then base64-encoded).
 */

export interface TemplateReference {
  readonly source: 'connection' | 'credentials';
  readonly name: string;
}

export type TemplateProblem = { readonly message: string };

export interface ParsedTemplate {
  readonly references: TemplateReference[];
  readonly problems: TemplateProblem[];
}

const referencePattern = /^(connection|credentials)\.([A-Za-z_][A-Za-z0-9_]*)$/;
const argumentPattern = /'[^']*'|"[^"]*"|[^\s'"]+/g;

export function parseTemplate(text: string): ParsedTemplate {
  const references: TemplateReference[] = [];
  const problems: TemplateProblem[] = [];
  let index = 0;
  for (;;) {
    const open = text.indexOf('{{', index);
    if (open === -1) break;
    const close = text.indexOf('}}', open + 2);
    if (close === -1) {
      problems.push({ message: `"{{" at character ${open + 1} has no closing "}}"` });
      break;
    }
    const expression = text.slice(open + 2, close).trim();
    index = close + 2;
    const words = expression.match(argumentPattern) ?? [];
    const [head, ...rest] = words;
    if (head === undefined) {
      problems.push({ message: 'empty "{{ }}"' });
    } else if (head === 'base64') {
      if (rest.length === 0) problems.push({ message: '"base64" needs at least one argument' });
      for (const word of rest) {
        if (word.startsWith("'") || word.startsWith('"')) continue;
        const match = referencePattern.exec(word);
        if (match) references.push({ source: match[1] as TemplateReference['source'], name: match[2] ?? '' });
        else problems.push({ message: `"${word}" is neither connection.<name>, credentials.<name> nor a quoted literal` });
      }
    } else if (rest.length > 0) {
      problems.push({ message: `unknown helper "${head}" (the only helper is base64)` });
    } else {
      const match = referencePattern.exec(head);
      if (match) references.push({ source: match[1] as TemplateReference['source'], name: match[2] ?? '' });
      else problems.push({ message: `"{{${expression}}}" must name connection.<name> or credentials.<name>` });
    }
  }
  return { references, problems };
}
