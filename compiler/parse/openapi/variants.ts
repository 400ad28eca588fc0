/**
 * readOnly properties leave inputs and writeOnly properties leave outputs.
 *
 * A shared schema gets an `<Name>Input` (or `<Name>Output`) variant only when it, or something it
 * references, has such a property; every other ref keeps pointing at the one neutral schema.
 */
import type { IR } from '../../ir/types.js';
import { DEFS_PREFIX, type SchemaConverter } from './schemas.js';
import { isPlainObject } from './refs.js';

type Mode = 'input' | 'output';
const FLAG: Record<Mode, 'readOnly' | 'writeOnly'> = { input: 'readOnly', output: 'writeOnly' };
const SUFFIX: Record<Mode, string> = { input: 'Input', output: 'Output' };

function refName(schema: unknown): string | undefined {
  if (!isPlainObject(schema) || typeof schema['$ref'] !== 'string') return undefined;
  const ref = schema['$ref'];
  return ref.startsWith(DEFS_PREFIX) ? ref.slice(DEFS_PREFIX.length) : undefined;
}

/** Visits every schema node under `schema` without crossing refs. */
function forEachNode(schema: unknown, visit: (node: Record<string, unknown>) => void): void {
  if (Array.isArray(schema)) {
    for (const item of schema) forEachNode(item, visit);
    return;
  }
  if (!isPlainObject(schema)) return;
  visit(schema);
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'properties' || key === 'patternProperties') {
      if (isPlainObject(value)) for (const sub of Object.values(value)) forEachNode(sub, visit);
    } else if (key === 'enum' || key === 'const' || key === 'default' || key === 'discriminator') {
      continue;
    } else if (value !== null && typeof value === 'object') {
      forEachNode(value, visit);
    }
  }
}

export class VariantBuilder {
  private readonly affected: Record<Mode, Set<string>> = { input: new Set(), output: new Set() };
  private readonly variantNames: Record<Mode, Map<string, string>> = { input: new Map(), output: new Map() };

  constructor(private readonly converter: SchemaConverter) {
    this.computeAffected();
  }

  /** A property is dropped in `mode` when it, or the shared schema it refs, carries the flag. */
  private isDropped(property: unknown, mode: Mode): boolean {
    if (!isPlainObject(property)) return false;
    const flag = FLAG[mode];
    if (property[flag] === true) return true;
    const name = refName(property);
    if (name !== undefined) return this.converter.shared.get(name)?.[flag] === true;
    return false;
  }

  /** Both modes from one walk over the shared schemas (who refs whom does not depend on the mode). */
  private computeAffected(): void {
    const shared = this.converter.shared;
    const direct: Record<Mode, Set<string>> = { input: new Set(), output: new Set() };
    const referrers = new Map<string, Set<string>>();
    for (const [name, schema] of shared) {
      forEachNode(schema, (node) => {
        const target = refName(node);
        if (target !== undefined) {
          let set = referrers.get(target);
          if (!set) referrers.set(target, (set = new Set()));
          set.add(name);
        }
        const properties = node['properties'];
        if (!isPlainObject(properties)) return;
        for (const mode of ['input', 'output'] as const) {
          if (!direct[mode].has(name) && Object.values(properties).some((p) => this.isDropped(p, mode))) direct[mode].add(name);
        }
      });
    }
    for (const mode of ['input', 'output'] as const) {
      const affected = this.affected[mode];
      const queue = [...direct[mode]];
      for (const name of queue) affected.add(name);
      while (queue.length > 0) {
        const name = queue.pop()!;
        for (const referrer of referrers.get(name) ?? []) {
          if (!affected.has(referrer)) {
            affected.add(referrer);
            queue.push(referrer);
          }
        }
      }
    }
  }

  /** True when nothing would change in `mode` (no variants needed anywhere). */
  isNoop(mode: Mode): boolean {
    return this.affected[mode].size === 0;
  }

  /** `schema` with flagged properties removed and refs rewritten to variants. */
  transform(schema: IR.JsonSchema, mode: Mode): IR.JsonSchema {
    if (this.isNoop(mode)) return schema;
    return this.rewrite(schema, mode) as IR.JsonSchema;
  }

  private variantOf(name: string, mode: Mode): string {
    const names = this.variantNames[mode];
    let variant = names.get(name);
    if (variant === undefined) {
      variant = this.converter.claimName(name + SUFFIX[mode]);
      names.set(name, variant);
      const source = this.converter.shared.get(name) ?? {};
      this.converter.shared.set(variant, {}); // placeholder first: cycles find the name
      this.converter.shared.set(variant, this.rewrite(source, mode) as IR.JsonSchema);
    }
    return variant;
  }

  private rewrite(node: unknown, mode: Mode): unknown {
    if (Array.isArray(node)) return node.map((item) => this.rewrite(item, mode));
    if (!isPlainObject(node)) return node;
    const out: Record<string, unknown> = {};
    let dropped: Set<string> | undefined;
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref') {
        const name = refName(node);
        out[key] = name !== undefined && this.affected[mode].has(name) ? DEFS_PREFIX + this.variantOf(name, mode) : value;
      } else if (key === 'properties' && isPlainObject(value)) {
        const properties: Record<string, unknown> = {};
        for (const [property, sub] of Object.entries(value)) {
          if (this.isDropped(sub, mode)) (dropped ??= new Set()).add(property);
          else properties[property] = this.rewrite(sub, mode);
        }
        out[key] = properties;
      } else if (key === 'patternProperties' && isPlainObject(value)) {
        const properties: Record<string, unknown> = {};
        for (const [pattern, sub] of Object.entries(value)) properties[pattern] = this.rewrite(sub, mode);
        out[key] = properties;
      } else if (key === 'enum' || key === 'const' || key === 'default' || key === 'discriminator') {
        out[key] = value;
      } else if (value !== null && typeof value === 'object') {
        out[key] = this.rewrite(value, mode);
      } else {
        out[key] = value;
      }
    }
    if (dropped && Array.isArray(out['required'])) {
      const required = (out['required'] as string[]).filter((name) => !dropped.has(name));
      if (required.length > 0) out['required'] = required;
      else delete out['required'];
    }
    return out;
  }
}
