// Finds the config validator that `npm run build` precompiled (ajv standalone code in dist/), so
// `serve` and `validate` need not load ajv's compiler and compile the schema (~150 ms) at start.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { ValidateFunction } from 'ajv';
import { packageRoot } from '../../package-info.js';
import type { JsonSchema } from '../types.js';

/**
 * ajv options for the mcp.yaml schema, shared by the run-time compile and the precompiled validator.
 * strict off: kind fragments and user inputSchemas may carry annotation keywords ajv does not know.
 * optimize off: a run-time compile validates one small document, so compiling fast (about half the
 * time) matters more than the generated code's speed. logger off: warnings about user schemas must
 * not leak onto the CLI's output.
 */
export const CONFIG_AJV_OPTIONS = {
  allErrors: true,
  verbose: true,
  strict: false,
  allowUnionTypes: true,
  logger: false,
  code: { optimize: false },
} as const;

/** Written by scripts/write-schema.js during `npm run build`; generated, never edited or committed. */
export const PRECOMPILED_VALIDATOR_FILE = join(packageRoot, 'dist/config/schema/config-validator.cjs');

/** What a precompiled validator was built from: the schema and the ajv options (sha-256). */
export function configSchemaKey(schema: JsonSchema): string {
  return createHash('sha256').update(JSON.stringify([CONFIG_AJV_OPTIONS, schema])).digest('hex');
}

type Precompiled = ValidateFunction & { readonly schemaKey?: string };

/**
 * The build's validator when it was generated from exactly this schema; undefined otherwise (no
 * build yet, a build older than the source, or tool kinds other than the registry's), and the
 * caller compiles at run time.
 */
export function loadPrecompiledValidator(schema: JsonSchema): ValidateFunction | undefined {
  if (!existsSync(PRECOMPILED_VALIDATOR_FILE)) return undefined;
  // CommonJS because ajv's standalone code require()s its run-time helpers; plain require also
  // keeps vitest (which runs src/) from transforming the generated file.
  const validate = createRequire(import.meta.url)(PRECOMPILED_VALIDATOR_FILE) as Precompiled;
  return validate.schemaKey === configSchemaKey(schema) ? validate : undefined;
}
