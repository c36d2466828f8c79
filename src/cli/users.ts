// `mcp-devmode users add|list|remove|passwd`: manage local OAuth users in the server's store.
import type { Command } from 'commander';

interface UsersOptions {
  readonly config?: string;
  readonly storage?: string;
}

const EXIT_USAGE = 2;

export function registerUsers(program: Command): void {
  const users = program
    .command('users')
    .description('manage local users who may sign in when auth.users is local')
    .option('-c, --config <file>', 'config file whose `storage` holds the users', 'mcp.yaml')
    .option('--storage <url>', 'store to use instead of the config\'s (sqlite:FILE or postgres://…)')
    .addHelpText(
      'after',
      `
Examples:
  $ mcp-devmode users add ada@example.com              # prompts for the password twice
  $ printf '%s\\n' "$PASSWORD" | mcp-devmode users add ada@example.com   # reads it from stdin
  $ mcp-devmode users list
  $ mcp-devmode users passwd ada@example.com
  $ mcp-devmode users remove ada@example.com
  $ mcp-devmode users list --storage postgres://user@db:5432/app

Passwords are stored as scrypt hashes with a per-user salt.`,
    );

  users
    .command('add')
    .addHelpText('after', `\nExamples:\n  $ mcp-devmode users add ada@example.com -c mcp.yaml         # prompts for the password\n  $ printf '%s' "$PASSWORD" | mcp-devmode users add ada@example.com`)
    .description('add a user (password from a prompt or stdin)')
    .argument('<email>')
    .action(async (email: string, _o: unknown, cmd: Command) => {
      process.exitCode = await withStore(cmd, async (store) => {
        const { hashPassword, MIN_PASSWORD_LENGTH } = await import('../runtime/auth/password.js');
        const { randomUUID } = await import('node:crypto');
        if (!validEmail(email)) return usage(`"${email}" does not look like an email address.`);
        if (await store.findUserByEmail(email)) return usage(`${email} already exists; use \`users passwd ${email}\` to change the password.`);
        const password = await readNewPassword(MIN_PASSWORD_LENGTH);
        if (typeof password === 'number') return password;
        await store.createUser({ id: randomUUID(), email, passwordHash: await hashPassword(password), createdAt: Date.now() });
        confirm(cmd, `added ${email.trim().toLowerCase()}`);
        return 0;
      });
    });

  users
    .command('list')
    .addHelpText('after', `\nExamples:\n  $ mcp-devmode users list --json`)
    .description('list users')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }, cmd: Command) => {
      process.exitCode = await withStore(cmd, async (store) => {
        const list = await store.listUsers();
        if (options.json) process.stdout.write(`${JSON.stringify(list.map((u) => ({ id: u.id, email: u.email, createdAt: new Date(u.createdAt).toISOString() })), null, 2)}\n`);
        else if (list.length === 0) process.stdout.write('no users yet: add one with `mcp-devmode users add <email>`\n');
        else for (const u of list) process.stdout.write(`${u.email}\t${new Date(u.createdAt).toISOString()}\n`);
        return 0;
      });
    });

  users
    .command('remove')
    .addHelpText('after', `\nExamples:\n  $ mcp-devmode users remove ada@example.com`)
    .description('remove a user (their refresh tokens stop working)')
    .argument('<email>')
    .action(async (email: string, _o: unknown, cmd: Command) => {
      process.exitCode = await withStore(cmd, async (store) => {
        if (!(await store.deleteUser(email))) return failure(`no user ${email}`);
        confirm(cmd, `removed ${email.trim().toLowerCase()}`);
        return 0;
      });
    });

  users
    .command('passwd')
    .addHelpText('after', `\nExamples:\n  $ mcp-devmode users passwd ada@example.com`)
    .description('set a new password for a user')
    .argument('<email>')
    .action(async (email: string, _o: unknown, cmd: Command) => {
      process.exitCode = await withStore(cmd, async (store) => {
        const { hashPassword, MIN_PASSWORD_LENGTH } = await import('../runtime/auth/password.js');
        if (!(await store.findUserByEmail(email))) return failure(`no user ${email}`);
        const password = await readNewPassword(MIN_PASSWORD_LENGTH);
        if (typeof password === 'number') return password;
        await store.setPassword(email, await hashPassword(password));
        confirm(cmd, `password changed for ${email.trim().toLowerCase()}`);
        return 0;
      });
    });
}

type StoreT = import('../runtime/store/types.js').Store;

async function withStore(cmd: Command, fn: (store: StoreT) => Promise<number>): Promise<number> {
  const opts = cmd.optsWithGlobals<UsersOptions & { verbose?: boolean }>();
  let storage = opts.storage;
  let baseDir = process.cwd();
  if (!storage) {
    const { loadConfigOrReport } = await import('./runtime-setup.js');
    const config = await loadConfigOrReport(opts.config ?? 'mcp.yaml', Boolean(opts.verbose));
    if (typeof config === 'number') return config;
    storage = config.storage;
    baseDir = config.baseDir;
  }
  const { openStore } = await import('../runtime/store/open.js');
  let store: StoreT;
  try {
    store = await openStore(storage, baseDir);
  } catch (err) {
    const e = err as Error & { hint?: string };
    process.stderr.write(`error: ${e.message}\n${e.hint ? `  fix: ${e.hint}\n` : ''}`);
    return 1;
  }
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

/** A success line; --quiet keeps only errors. */
function confirm(cmd: Command, message: string): void {
  if (!cmd.optsWithGlobals<{ quiet?: boolean }>().quiet) process.stdout.write(`${message}\n`);
}

function validEmail(email: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim()) && email.length <= 254;
}

function usage(message: string): number {
  process.stderr.write(`error: ${message}\n`);
  return EXIT_USAGE;
}

function failure(message: string): number {
  process.stderr.write(`error: ${message}\n`);
  return 1;
}

/** From a TTY: asks twice without echo. Otherwise: the first line of stdin. */
async function readNewPassword(minLength: number): Promise<string | number> {
  let password: string;
  if (process.stdin.isTTY) {
    password = await promptHidden('Password: ');
    const again = await promptHidden('Repeat password: ');
    if (password !== again) return usage('the passwords do not match.');
  } else {
    let text = '';
    for await (const chunk of process.stdin) text += String(chunk);
    password = text.split(/\r?\n/)[0] ?? '';
  }
  if (password.length < minLength) return usage(`the password must have at least ${minLength} characters.`);
  return password;
}

async function promptHidden(question: string): Promise<string> {
  const { createInterface } = await import('node:readline');
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  // Swallow echo: readline writes typed characters through _writeToOutput.
  const out = rl as unknown as { _writeToOutput: (s: string) => void };
  process.stderr.write(question);
  out._writeToOutput = () => {};
  return new Promise((resolve) => {
    rl.question('', (answer) => {
      rl.close();
      process.stderr.write('\n');
      resolve(answer);
    });
  });
}
