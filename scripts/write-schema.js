// Writes schema/mcp.schema.json from the built code (run by `npm run build`), so editors get completion
// through `# yaml-language-server: $schema=…`. A test checks the committed file matches.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { buildConfigSchema } = await import(pathToFileURL(join(root, 'dist/config/schema/config-schema.js')).href);
const { toolKinds } = await import(pathToFileURL(join(root, 'dist/runtime/tools/registry.js')).href);

const file = join(root, 'schema/mcp.schema.json');
writeFileSync(file, `${JSON.stringify(buildConfigSchema(toolKinds, { forEditors: true }), null, 2)}\n`);
process.stdout.write(`wrote ${file}\n`);
