// The behaviour every Store implementation must have; run against SQLite and PostgreSQL.
import { expect, it } from 'vitest';
import type { Store } from '../../../src/runtime/store/types.js';

export function storeSuite(open: () => Promise<Store>): void {
  it('upserts, finds, consumes and destroys payloads by hashed id', async () => {
    const store = await open();
    try {
      await store.upsertPayload({ model: 'RefreshToken', idHash: 'h1', payload: '{"a":1}', expiresAt: Date.now() + 60_000, grantId: 'g1', uidHash: null });
      expect(await store.findPayload('RefreshToken', 'h1')).toMatchObject({ payload: '{"a":1}', consumedAt: null });
      await store.upsertPayload({ model: 'RefreshToken', idHash: 'h1', payload: '{"a":2}', expiresAt: Date.now() + 60_000, grantId: 'g1', uidHash: null });
      expect((await store.findPayload('RefreshToken', 'h1'))?.payload).toBe('{"a":2}');
      await store.consumePayload('RefreshToken', 'h1', 1234);
      expect((await store.findPayload('RefreshToken', 'h1'))?.consumedAt).toBe(1234);
      expect(await store.findPayload('AuthorizationCode', 'h1')).toBeUndefined();
      await store.destroyPayload('RefreshToken', 'h1');
      expect(await store.findPayload('RefreshToken', 'h1')).toBeUndefined();
    } finally {
      await store.close();
    }
  });

  it('hides expired rows and deletes them on cleanup', async () => {
    const store = await open();
    try {
      await store.upsertPayload({ model: 'AuthorizationCode', idHash: 'old', payload: '{}', expiresAt: Date.now() - 1, grantId: null, uidHash: null });
      await store.upsertPayload({ model: 'Client', idHash: 'forever', payload: '{}', expiresAt: null, grantId: null, uidHash: null });
      expect(await store.findPayload('AuthorizationCode', 'old')).toBeUndefined();
      expect(await store.findPayload('Client', 'forever')).toBeDefined();
      expect(await store.deleteExpired()).toBeGreaterThanOrEqual(1);
      expect(await store.findPayload('Client', 'forever')).toBeDefined();
    } finally {
      await store.close();
    }
  });

  it('finds by uid and revokes everything of a grant', async () => {
    const store = await open();
    try {
      const exp = Date.now() + 60_000;
      await store.upsertPayload({ model: 'Session', idHash: 's1', payload: '{"s":1}', expiresAt: exp, grantId: null, uidHash: 'u1' });
      expect(await store.findPayloadByUid('Session', 'u1')).toMatchObject({ idHash: 's1', payload: '{"s":1}' });
      await store.upsertPayload({ model: 'Grant', idHash: 'gh', payload: '{}', expiresAt: exp, grantId: 'G', uidHash: null });
      await store.upsertPayload({ model: 'RefreshToken', idHash: 'r1', payload: '{}', expiresAt: exp, grantId: 'G', uidHash: null });
      await store.upsertPayload({ model: 'RefreshToken', idHash: 'r2', payload: '{}', expiresAt: exp, grantId: 'OTHER', uidHash: null });
      expect(await store.grantExists('gh')).toBe(true);
      await store.revokeByGrantId('G');
      expect(await store.grantExists('gh')).toBe(false);
      expect(await store.findPayload('RefreshToken', 'r1')).toBeUndefined();
      expect(await store.findPayload('RefreshToken', 'r2')).toBeDefined();
    } finally {
      await store.close();
    }
  });

  it('manages users with case-insensitive unique emails', async () => {
    const store = await open();
    try {
      await store.createUser({ id: 'u-1', email: 'Ada@Example.com ', passwordHash: 'scrypt$x', createdAt: 1 });
      expect((await store.findUserByEmail('ada@example.COM'))?.id).toBe('u-1');
      expect((await store.findUserById('u-1'))?.email).toBe('ada@example.com');
      await expect(store.createUser({ id: 'u-2', email: 'ADA@example.com', passwordHash: 'y', createdAt: 2 })).rejects.toMatchObject({ code: 'duplicate' });
      expect(await store.setPassword('ada@example.com', 'scrypt$new')).toBe(true);
      expect((await store.findUserByEmail('ada@example.com'))?.passwordHash).toBe('scrypt$new');
      expect((await store.listUsers()).map((u) => u.email)).toEqual(['ada@example.com']);
      expect(await store.deleteUser('ada@example.com')).toBe(true);
      expect(await store.deleteUser('ada@example.com')).toBe(false);
      expect(await store.setPassword('nobody@example.com', 'z')).toBe(false);
    } finally {
      await store.close();
    }
  });

  it('keeps the first secret written and records audit events', async () => {
    const store = await open();
    try {
      expect(await store.getOrCreateSecret('cookie', () => 'first')).toBe('first');
      expect(await store.getOrCreateSecret('cookie', () => 'second')).toBe('first');
      await store.audit({ type: 'login_failed', subject: 'a@b.c', ip: '127.0.0.1', detail: 'bad password' });
      await store.audit({ type: 'client_registered', clientId: 'c1' });
      const events = await store.listAudit(10);
      expect(events.map((e) => e.type).sort()).toEqual(['client_registered', 'login_failed']);
      expect(events.find((e) => e.type === 'login_failed')).toMatchObject({ subject: 'a@b.c', ip: '127.0.0.1' });
    } finally {
      await store.close();
    }
  });

  it('survives a reopen with its data (restart keeps clients, users and refresh tokens)', async () => {
    let store = await open();
    await store.upsertPayload({ model: 'Client', idHash: 'c', payload: '{"client_id":"c"}', expiresAt: null, grantId: null, uidHash: null });
    await store.upsertPayload({ model: 'RefreshToken', idHash: 'rt', payload: '{}', expiresAt: Date.now() + 60_000, grantId: 'g', uidHash: null });
    await store.createUser({ id: 'u-r', email: 'restart@example.com', passwordHash: 'h', createdAt: 1 });
    await store.close();
    store = await open();
    try {
      await store.migrate(); // running migrations twice is harmless
      expect(await store.findPayload('Client', 'c')).toBeDefined();
      expect(await store.findPayload('RefreshToken', 'rt')).toBeDefined();
      expect(await store.findUserByEmail('restart@example.com')).toBeDefined();
    } finally {
      await store.close();
    }
  });
}
