// CSRF protection for the login/consent form: a signed double-submit token. A random nonce lives in an
// HttpOnly cookie; the form carries HMAC(key, nonce | interaction uid); both must agree.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readCookie, serializeCookie } from './cookies.js';

export class CsrfGuard {
  readonly cookieName: string;

  constructor(private readonly key: Buffer, private readonly secure: boolean) {
    this.cookieName = secure ? '__Host-mcp_csrf' : 'mcp_csrf';
  }

  /** Token for a form on interaction `uid`; sets the nonce cookie when there is none. */
  issue(req: IncomingMessage, res: ServerResponse, uid: string): string {
    let nonce = readCookie(req, this.cookieName);
    if (!nonce || !/^[A-Za-z0-9_-]{32,}$/.test(nonce)) {
      nonce = randomBytes(24).toString('base64url');
      res.appendHeader('Set-Cookie', serializeCookie(this.cookieName, nonce, { secure: this.secure, maxAgeSeconds: 3600 }));
    }
    return this.sign(nonce, uid);
  }

  verify(req: IncomingMessage, uid: string, token: unknown): boolean {
    const nonce = readCookie(req, this.cookieName);
    if (!nonce || typeof token !== 'string' || !token) return false;
    const expected = Buffer.from(this.sign(nonce, uid));
    const actual = Buffer.from(token);
    return expected.length === actual.length && timingSafeEqual(expected, actual);
  }

  private sign(nonce: string, uid: string): string {
    return createHmac('sha256', this.key).update(`${nonce}|${uid}`).digest('base64url');
  }
}
