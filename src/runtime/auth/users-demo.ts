// The demo user: one click, no password. Development only (refused in production unless allowDemo).
import type { UserDirectory } from './user-directory.js';

export const DEMO_ACCOUNT = { id: 'demo', email: 'demo@example.com' } as const;

export function demoDirectory(): UserDirectory {
  return {
    kind: 'demo',
    async signIn() {
      return DEMO_ACCOUNT;
    },
    async findAccount(id) {
      return id === DEMO_ACCOUNT.id ? DEMO_ACCOUNT : null;
    },
  };
}
