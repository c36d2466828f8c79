// Who may sign in: the contract the login page talks to, and the factory that picks local/supabase/demo.
import type { Logger } from '../logger.js';
import type { Store } from '../store/types.js';
import type { OAuthSettings } from './settings.js';

export interface Account {
  /** Stable subject for tokens (`sub`). */
  readonly id: string;
  readonly email?: string;
}

export interface UserDirectory {
  readonly kind: 'local' | 'supabase' | 'demo';
  /** Null when the credentials are wrong (never says which part). */
  signIn(email: string, password: string): Promise<Account | null>;
  /** Still a valid account? (checked when tokens are refreshed). */
  findAccount(id: string): Promise<Account | null>;
}

export class AuthSetupError extends Error {
  constructor(readonly code: 'demo_in_production' | 'supabase_missing' | 'no_issuer', message: string, readonly hint: string) {
    super(message);
    this.name = 'AuthSetupError';
  }
}

export async function createUserDirectory(settings: OAuthSettings, store: Store, logger: Logger, env: NodeJS.ProcessEnv = process.env): Promise<UserDirectory> {
  switch (settings.users) {
    case 'supabase': {
      if (!settings.supabase) {
        throw new AuthSetupError('supabase_missing', 'auth.users is supabase but auth.supabase { url, anonKey } is missing.', 'Add auth.supabase: { url: ${SUPABASE_URL}, anonKey: ${SUPABASE_ANON_KEY} }.');
      }
      const { supabaseDirectory } = await import('./users-supabase.js');
      return supabaseDirectory(settings.supabase);
    }
    case 'demo': {
      const production = env.NODE_ENV === 'production';
      if (production && !settings.allowDemo) {
        throw new AuthSetupError('demo_in_production', 'auth.users is demo, which is refused when NODE_ENV=production.', 'Use users: local (add users with `mcp-devmode users add`) or set allowDemo: true if you really mean it.');
      }
      logger.warn('DEMO USERS ARE ON: anyone who opens the login page can sign in as the demo user. Never use this for real data.');
      const { demoDirectory } = await import('./users-demo.js');
      return demoDirectory();
    }
    default: {
      if ((await store.listUsers()).length === 0) {
        logger.warn('No users yet, so nobody can sign in: add one with `mcp-devmode users add you@example.com`.');
      }
      const { localDirectory } = await import('./users-local.js');
      return localDirectory(store);
    }
  }
}
