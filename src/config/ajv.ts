// The ajv set-up for config schemas. Imported only when a schema must be compiled at run time:
// `serve` and `validate` check mcp.yaml with the validator precompiled by the build.
import { _, Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { CONFIG_AJV_OPTIONS } from './schema/precompiled.js';

export interface CreateAjvOptions {
  /** Validate schemas against the meta-schema (default true); compiling the meta-schema costs ~80 ms. */
  readonly checkSchemas?: boolean;
  /** Keep the generated source for ajv/dist/standalone (the build's precompiled validator). */
  readonly standalone?: boolean;
}

/** An ajv instance for JSON Schema 2020-12 (`unevaluatedProperties` sees through if/then). */
export function createAjv(options: CreateAjvOptions = {}): Ajv2020 {
  const ajv = new Ajv2020({
    ...CONFIG_AJV_OPTIONS,
    validateSchema: options.checkSchemas ?? true,
    // Standalone code cannot close over the format functions addFormats registers: it require()s them.
    code: options.standalone
      ? { ...CONFIG_AJV_OPTIONS.code, source: true, formats: _`require("ajv-formats/dist/formats").fullFormats` }
      : CONFIG_AJV_OPTIONS.code,
  });
  addFormats.default(ajv);
  return ajv;
}
