// Supabase users: the password check runs against Supabase Auth; its session tokens are discarded,
// never handed to MCP clients (no token passthrough).
import { createClient } from '@supabase/supabase-js';
import type { Account, UserDirectory } from './user-directory.js';

const PREFIX = 'supabase:';

export function supabaseDirectory(options: { url: string; anonKey: string }): UserDirectory {
  const client = createClient(options.url, options.anonKey, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
  });
  return {
    kind: 'supabase',
    async signIn(email, password) {
      const { data, error } = await client.auth.signInWithPassword({ email, password });
      if (error || !data.user) return null;
      return { id: `${PREFIX}${data.user.id}`, ...(data.user.email ? { email: data.user.email } : {}) };
    },
    async findAccount(id): Promise<Account | null> {
      // Without a service key we cannot look users up; a Supabase subject stays valid for the grant.
      return id.startsWith(PREFIX) ? { id } : null;
    },
  };
}
