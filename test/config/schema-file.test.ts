// schema/mcp.schema.json (what editors load) is exactly the schema composed from the tool kinds.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { buildConfigSchema, CONFIG_SCHEMA_ID } from '../../src/config/index.js';
import { toolKinds } from '../../src/runtime/tools/registry.js';
import { packageRoot } from '../../src/package-info.js';

const published = JSON.parse(readFileSync(join(packageRoot, 'schema/mcp.schema.json'), 'utf8')) as Record<string, unknown>;

function editorValidate(yamlText: string): boolean {
  return new Ajv2020({ strict: false, allowUnionTypes: true, validateFormats: false }).validate(published, parse(yamlText)) as boolean;
}

describe('published schema', () => {
  it('equals the schema composed from the tool kinds (run `npm run build` to refresh it)', () => {
    expect(published).toEqual(JSON.parse(JSON.stringify(buildConfigSchema(toolKinds, { forEditors: true }))));
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

  it('lets editors accept ${VAR} where a number or boolean goes, and still flag real mistakes', () => {
    expect(editorValidate('name: x\nserver:\n  port: ${PORT:-8080}\n  allowPrivateNetwork: ${OPEN:-false}\n')).toBe(true);
    expect(editorValidate('name: x\nserver:\n  port: eighty\n')).toBe(false);
    expect(editorValidate('name: x\nserver:\n  prot: 8080\n')).toBe(false);
    expect(editorValidate(readFileSync(join(packageRoot, 'examples/quickstart/mcp.yaml'), 'utf8'))).toBe(true);
  });

  it('stays strict for the loader, which validates after substitution', () => {
    const strict = buildConfigSchema(toolKinds) as { $defs: { server: { properties: { port: { type: unknown } } } } };
    expect(strict.$defs.server.properties.port.type).toBe('integer');
  });
});
