// oidc-provider storage adapter backed by our Store. What is stored, per row: the model name, the
// SHA-256 of the id (never the id: for codes, refresh tokens and sessions the id IS the bearer value),
// the payload minus its `jti`, the grant id, the SHA-256 of `uid`, expiry and consumption time.
// Client rows hold `client_secret` only as "sha256:<hex>" (see client-secret.ts).
import type { Store } from '../store/types.js';
import { hashId } from '../store/hash.js';
import { hashClientSecret } from './client-secret.js';

type Payload = Record<string, unknown>;

// Marks payloads whose `jti` we stripped, so find() knows to put it back.
const JTI_STRIPPED = '_jti';

export interface AdapterInstance {
  upsert(id: string, payload: Payload, expiresIn?: number): Promise<void>;
  find(id: string): Promise<Payload | undefined>;
  findByUid(uid: string): Promise<Payload | undefined>;
  findByUserCode(userCode: string): Promise<Payload | undefined>;
  consume(id: string): Promise<void>;
  destroy(id: string): Promise<void>;
  revokeByGrantId(grantId: string): Promise<void>;
}

export type AdapterClass = new (model: string) => AdapterInstance;

export function storeAdapter(store: Store): AdapterClass {
  return class StoreAdapter implements AdapterInstance {
    constructor(private readonly model: string) {}

    async upsert(id: string, payload: Payload, expiresIn?: number): Promise<void> {
      const copy: Payload = { ...payload };
      if ('jti' in copy) {
        delete copy.jti;
        copy[JTI_STRIPPED] = 1;
      }
      if (this.model === 'Client' && typeof copy.client_secret === 'string') copy.client_secret = hashClientSecret(copy.client_secret);
      const grantId = this.model === 'Grant' ? id : typeof payload.grantId === 'string' ? payload.grantId : null;
      await store.upsertPayload({
        model: this.model,
        idHash: hashId(id),
        payload: JSON.stringify(copy),
        expiresAt: expiresIn ? Date.now() + expiresIn * 1000 : null,
        grantId,
        uidHash: typeof payload.uid === 'string' ? hashId(payload.uid) : null,
      });
    }

    async find(id: string): Promise<Payload | undefined> {
      const row = await store.findPayload(this.model, hashId(id));
      return row ? restore(row.payload, row.consumedAt, id) : undefined;
    }

    async findByUid(uid: string): Promise<Payload | undefined> {
      // The session id is not recoverable from its hash; callers of findByUid only read the
      // account and grants, never the cookie value.
      const row = await store.findPayloadByUid(this.model, hashId(uid));
      return row ? restore(row.payload, row.consumedAt, undefined) : undefined;
    }

    async findByUserCode(): Promise<Payload | undefined> {
      return undefined; // device flow is off
    }

    async consume(id: string): Promise<void> {
      await store.consumePayload(this.model, hashId(id), Math.floor(Date.now() / 1000));
    }

    async destroy(id: string): Promise<void> {
      await store.destroyPayload(this.model, hashId(id));
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      await store.revokeByGrantId(grantId);
    }
  };
}

function restore(text: string, consumedAt: number | null, id: string | undefined): Payload {
  const payload = JSON.parse(text) as Payload;
  if (payload[JTI_STRIPPED]) {
    delete payload[JTI_STRIPPED];
    if (id !== undefined) payload.jti = id;
  }
  if (consumedAt !== null) payload.consumed = consumedAt;
  return payload;
}
