// Tiny `--name value` / `--flag` reader shared by the bench scripts (no dependency for four flags).

/** The value after `--name`, or `fallback`. */
export function argValue(name, fallback, argv = process.argv) {
  const at = argv.indexOf(`--${name}`);
  return at > 0 && argv[at + 1] !== undefined && !argv[at + 1].startsWith('--') ? argv[at + 1] : fallback;
}

/** Whether `--name` is present. */
export function argFlag(name, argv = process.argv) {
  return argv.includes(`--${name}`);
}
