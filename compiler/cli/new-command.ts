/** `toolsmith new <slug>`: scaffold `definitions/<slug>/toolkit.yaml`, a definition that builds as is. */
import { mkdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { setExitCode } from './exit-code.js';

export function scaffold(slug: string): string {
  const upper = slug.toUpperCase();
  const name = slug.split('_').map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join(' ');
  return `# yaml-language-server: $schema=../../toolsmith.schema.json
slug: ${slug}
name: ${name}
description: What the ${name} API lets an agent do.
categories: []
baseUrl: https://api.example.com/v1
headers:
  Accept: application/json
auth:
  - scheme: api_key
    fields:
      - { name: api_key, label: API key, secret: true }
    inject:
      - { in: header, name: Authorization, value: "Bearer {{credentials.api_key}}" }
tools:
  - slug: ${upper}_GET_ITEM
    name: Get item
    description: Fetches one item by its id.
    importance: 80
    hints: { readOnly: true, idempotent: true, destructive: false }
    request: { method: GET, path: "/items/{id}" }
    parameters:
      - { name: id, in: path, required: true, description: The item id., schema: { type: string } }
    response:
      schema:
        type: object
        properties:
          id: { type: string }
          name: { type: string }
`;
}

export function register(program: Command): void {
  program
    .command('new')
    .description('Scaffold definitions/<slug>/toolkit.yaml')
    .argument('<slug>', 'toolkit slug: [a-z][a-z0-9_]*')
    .option('--definitions <dir>', 'folder of toolkit definitions', 'definitions')
    .action(async (slug: string, flags: { definitions: string }) => {
      if (!/^[a-z][a-z0-9_]*$/.test(slug)) {
        process.stderr.write(`error TS0013 slug-format: "${slug}" is not a toolkit slug; use lower case letters, digits and _ (e.g. acme_crm).\n`);
        setExitCode(1);
        return;
      }
      const file = path.join(flags.definitions, slug, 'toolkit.yaml');
      const exists = await stat(file).then(() => true, () => false);
      if (exists) {
        process.stderr.write(`error TS0005 invalid-value: ${file} already exists; pick another slug or edit it.\n`);
        setExitCode(1);
        return;
      }
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, scaffold(slug));
      process.stdout.write(`Created ${file}. Edit it, then run \`toolsmith build\`.\n`);
    });
}
