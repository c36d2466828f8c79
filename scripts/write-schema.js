// Run by `npm run build`, from the built code:
// - schema/mcp.schema.json, so editors get completion through `# yaml-language-server: $schema=…`
//   (committed; a test checks it matches);
// - dist/config/schema/config-validator.cjs, the loader's validator precompiled with ajv standalone,
//   so `serve` and `validate` do not compile the schema at start (generated only; a test checks it
//   matches the source, and the loader ignores it when it does not).
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const load = (path) => import(pathToFileURL(join(root, 'dist', path)).href);
const { buildConfigSchema } = await load('config/schema/config-schema.js');
const { toolKinds } = await load('runtime/tools/registry.js');
const { PRECOMPILED_VALIDATOR_FILE } = await load('config/schema/precompiled.js');
const { precompiledValidatorSource } = await load('config/schema/standalone.js');

const file = join(root, 'schema/mcp.schema.json');
writeFileSync(file, `${JSON.stringify(buildConfigSchema(toolKinds, { forEditors: true }), null, 2)}\n`);
process.stdout.write(`wrote ${file}\n`);

writeFileSync(PRECOMPILED_VALIDATOR_FILE, precompiledValidatorSource(buildConfigSchema(toolKinds)));
process.stdout.write(`wrote ${PRECOMPILED_VALIDATOR_FILE}\n`);
