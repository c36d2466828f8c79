#!/usr/bin/env node
// Executable shim: everything lives in dist/cli.
import { main } from '../dist/cli/main.js';

main(process.argv).then(
  (code) => {
    if (typeof code === 'number') process.exitCode = code;
  },
  (err) => {
    // Last-resort guard: commands report their own errors; this only catches bugs.
    process.stderr.write(`mcp-devmode: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
