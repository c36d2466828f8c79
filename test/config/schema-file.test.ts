// schema/mcp.schema.json (what editors load) is exactly the schema the loader validates with.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { buildConfigSchema, CONFIG_SCHEMA_ID } from '../../src/config/index.js';
import { toolKinds } from '../../src/runtime/tools/registry.js';
import { packageRoot } from '../../src/package-info.js';

describe('published schema', () => {
  const published = JSON.parse(readFileSync(join(packageRoot, 'schema/mcp.schema.json'), 'utf8')) as Record<string, unknown>;

  it('equals the schema composed from the tool kinds (run `npm run build` to refresh it)', () => {
    expect(published).toEqual(JSON.parse(JSON.stringify(buildConfigSchema(toolKinds))));
  });

  it('is a valid JSON Schema 2020-12 document with an $id and descriptions', () => {
    const ajv = new Ajv2020({ strict: false });
    expect(ajv.validateSchema(published)).toBe(true);
    expect(published.$id).toBe(CONFIG_SCHEMA_ID);
    expect((published.properties as Record<string, { description?: string }>).instructions?.description).toMatch(/512/);
  });

  it('knows every registered tool kind', () => {
    const tool = (published.$defs as Record<string, { properties: { kind: { enum: string[] } } }>).tool;
    expect(tool?.properties.kind.enum).toEqual(toolKinds.map((k) => k.kind));
  });
});
