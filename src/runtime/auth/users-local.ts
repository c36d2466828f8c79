// Local users: kept in the store with scrypt password hashes (managed by `mcp-devmode users`).
import type { Store } from '../store/types.js';
import { dummyPasswordHash, verifyPassword } from './password.js';
import type { Account, UserDirectory } from './user-directory.js';

export function localDirectory(store: Store): UserDirectory {
  return {
    kind: 'local',
    async signIn(email, password) {
      const user = await store.findUserByEmail(email);
      // Hash even for unknown emails so response time does not reveal which accounts exist.
      const ok = await verifyPassword(password, user?.passwordHash ?? (await dummyPasswordHash()));
      return user && ok ? { id: user.id, email: user.email } : null;
    },
    async findAccount(id): Promise<Account | null> {
      const user = await store.findUserById(id);
      return user ? { id: user.id, email: user.email } : null;
    },
  };
}
