// Opaque pagination cursors for list results: an offset into a stable listing, tagged with what it
// lists so a cursor from another list (or a made-up string) is refused instead of misread.
import { createHash } from 'node:crypto';

/** A cursor the server did not issue for this listing (answered as -32602). */
export class InvalidCursorError extends Error {
  constructor() {
    super('Invalid params: unknown or expired cursor (start again without one)');
    this.name = 'InvalidCursorError';
  }
}

/** `scope` names the listing (e.g. resources/list of one config); cursors carry a short hash of it. */
export function cursorCodec(scope: string) {
  const tag = createHash('sha256').update(scope).digest('base64url').slice(0, 10);
  return {
    encode(offset: number): string {
      return Buffer.from(`${tag}:${offset}`).toString('base64url');
    },
    /** The offset a cursor stands for; throws InvalidCursorError for anything not issued here. */
    decode(cursor: unknown, total: number): number {
      if (typeof cursor !== 'string' || cursor.length > 64) throw new InvalidCursorError();
      const match = /^([\w-]{10}):(\d{1,9})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
      const offset = match ? Number(match[2]) : NaN;
      if (!match || match[1] !== tag || offset <= 0 || offset >= total) throw new InvalidCursorError();
      return offset;
    },
  };
}

export type CursorCodec = ReturnType<typeof cursorCodec>;
