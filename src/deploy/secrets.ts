// Finds the values of the secrets a config references: the environment first, then .env beside the config.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseEnv } from 'node:util';

export interface SecretValue {
  readonly name: string;
  /** Absent when neither the environment nor .env sets it (the config's default then applies). */
  readonly value?: string;
  readonly source?: 'environment' | '.env';
}

export async function resolveSecrets(
  names: readonly string[],
  baseDir: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<SecretValue[]> {
  const dotenv = await readFile(join(baseDir, '.env'), 'utf8').then(parseEnv, () => ({}) as NodeJS.Dict<string>);
  return names.map((name): SecretValue => {
    const fromEnv = env[name];
    if (fromEnv !== undefined && fromEnv !== '') return { name, value: fromEnv, source: 'environment' };
    const fromFile = dotenv[name];
    if (fromFile !== undefined && fromFile !== '') return { name, value: fromFile, source: '.env' };
    return { name };
  });
}

/** A secret pointing at this machine (e.g. DATABASE_URL=postgres://localhost) will not work on a platform. */
export function pointsAtLocalhost(value: string): boolean {
  return /(^|[/@])(localhost|127\.0\.0\.1|\[::1\])([:/]|$)/i.test(value);
}
