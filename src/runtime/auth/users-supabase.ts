// Supabase users: the password check runs against Supabase Auth; its session tokens are discarded,
// never handed to MCP clients (no token passthrough).
import { createClient, type SupabaseClientOptions } from '@supabase/supabase-js';
import type { Account, UserDirectory } from './user-directory.js';

const PREFIX = 'supabase:';

// We only call Auth. Realtime wants a WebSocket class up front and Node 20 has none built in;
// this stand-in is never constructed because we never open a channel.
class NoRealtime {
  constructor() {
    throw new Error('Supabase Realtime is not used by mcp-devmode');
  }
}

export function supabaseDirectory(options: { url: string; anonKey: string }): UserDirectory {
  const client = createClient(options.url, options.anonKey, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    realtime: { transport: NoRealtime as unknown as NonNullable<NonNullable<SupabaseClientOptions<'public'>['realtime']>['transport']> },
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
