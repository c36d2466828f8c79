// The config validator precompiled by the build (ajv standalone) is current, is what the loader
// uses, and reports exactly the errors a run-time compile reports (the error mapper reads them).
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { ValidateFunction } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { buildConfigSchema } from '../../src/config/index.js';
import { compileConfigValidator } from '../../src/config/schema-validation.js';
import { loadPrecompiledValidator, PRECOMPILED_VALIDATOR_FILE } from '../../src/config/schema/precompiled.js';
import { precompiledValidatorSource } from '../../src/config/schema/standalone.js';
import { toolKinds } from '../../src/runtime/tools/registry.js';
import { packageRoot } from '../../src/package-info.js';

const schema = buildConfigSchema(toolKinds);

/** Evaluates generated CommonJS in memory, with this package's require for ajv's run-time helpers. */
function evaluate(source: string): ValidateFunction {
  const module = { exports: {} as unknown };
  new Function('module', 'exports', 'require', source)(module, module.exports, createRequire(import.meta.url));
  return module.exports as ValidateFunction;
}

const CONFIGS = [
  'examples/quickstart/mcp.yaml',
  'examples/kitchen-sink/mcp.yaml',
  'examples/oauth/mcp.yaml',
  'examples/binance/mcp.yaml',
  'templates/blank/mcp.yaml',
  'templates/oauth-supabase/mcp.yaml',
  'test/fixtures/config/invalid/mcp.yaml',
  'test/conformance/mcp.yaml',
];

type Node = unknown;
// Keywords schema-validation.ts describes in their own words (the rest share one message).
const MAPPED_KEYWORDS = ['additionalProperties', 'unevaluatedProperties', 'propertyNames', 'required', 'type', 'enum', 'const', 'pattern', 'format'];
const WRONG_VALUES: readonly Node[] = [null, 42, 'text', true, [], {}, '', -1, 1.5, 'http://x y', '^(unclosed'];

/** Every document that differs from `root` by one edit: a key removed or added, or a value swapped. */
function* mutations(root: Node): Generator<Node> {
  const clone = (): Node => structuredClone(root);
  const paths: (string | number)[][] = [];
  const walk = (node: Node, path: (string | number)[]): void => {
    paths.push(path);
    if (Array.isArray(node)) node.forEach((child, i) => walk(child, [...path, i]));
    else if (node !== null && typeof node === 'object') for (const [key, child] of Object.entries(node)) walk(child, [...path, key]);
  };
  walk(root, []);
  const at = (doc: Node, path: (string | number)[]): Record<string | number, Node> =>
    path.reduce<Node>((n, step) => (n as Record<string | number, Node>)[step], doc) as Record<string | number, Node>;
  for (const path of paths) {
    const node = at(root, path);
    if (node !== null && typeof node === 'object' && !Array.isArray(node)) {
      // A misspelt key, and a name no map (corpora:, …) accepts.
      for (const key of ['unknwon_key', 'bad name!']) {
        const added = clone();
        at(added, path)[key] = 'x';
        yield added;
      }
      for (const key of Object.keys(node)) {
        const removed = clone();
        delete at(removed, path)[key];
        yield removed;
      }
    }
    if (path.length === 0) continue;
    for (const value of WRONG_VALUES) {
      const swapped = clone();
      at(swapped, path.slice(0, -1))[path[path.length - 1] as string] = value;
      yield swapped;
    }
  }
}

describe('precompiled config validator', () => {
  it('in dist/ is the one the current schema and ajv options generate (run `npm run build` to refresh it)', () => {
    expect(existsSync(PRECOMPILED_VALIDATOR_FILE), `${PRECOMPILED_VALIDATOR_FILE} is missing: run \`npm run build\``).toBe(true);
    const built = readFileSync(PRECOMPILED_VALIDATOR_FILE, 'utf8');
    expect(built === precompiledValidatorSource(schema), 'dist/config/schema/config-validator.cjs is stale: run `npm run build`').toBe(true);
  });

  it('is what the loader uses for the registry kinds, and not for a schema it was not built from', () => {
    const validate = loadPrecompiledValidator(schema);
    expect(validate).toBeTypeOf('function');
    expect(validate).toBe(createRequire(import.meta.url)(PRECOMPILED_VALIDATOR_FILE));
    expect(loadPrecompiledValidator(buildConfigSchema(toolKinds.slice(0, 2)))).toBeUndefined();
    expect(loadPrecompiledValidator({ ...schema, description: 'changed' })).toBeUndefined();
  });

  it('reports the same errors as a run-time compile (instancePath, keyword, params, schema, data), for thousands of broken configs', async () => {
    const precompiled = evaluate(precompiledValidatorSource(schema));
    const compiled = await compileConfigValidator(schema);
    let documents = 0;
    let invalid = 0;
    const keywords = new Set<string>();
    for (const file of CONFIGS) {
      const original = parse(readFileSync(join(packageRoot, file), 'utf8')) as Node;
      for (const doc of [original, ...mutations(original)]) {
        const a = structuredClone(doc);
        const b = structuredClone(doc);
        const okA = precompiled(a);
        const okB = compiled(b);
        documents++;
        if (!okB) invalid++;
        for (const e of compiled.errors ?? []) keywords.add(e.keyword);
        // Reported by expect only on a mismatch: thousands of deep diffs would be slow to print.
        if (okA !== okB || !isDeepStrictEqual(precompiled.errors, compiled.errors)) {
          expect({ file, doc, errors: precompiled.errors }).toEqual({ file, doc, errors: compiled.errors });
        }
      }
    }
    expect(documents).toBeGreaterThan(2000);
    expect(invalid).toBeGreaterThan(documents / 2);
    // The mutations reach every keyword the error mapper treats specially.
    expect(MAPPED_KEYWORDS.filter((k) => !keywords.has(k))).toEqual([]);
  });
});
