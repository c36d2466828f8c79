// Gets a real OAuth access token from a running `serve` with auth.mode oauth: adds a local user
// with `users add`, registers a client (DCR), signs in through the login form and redeems the code.
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';

const EMAIL = 'bench@example.com';
const PASSWORD = 'bench password 1234';
const REDIRECT = 'http://127.0.0.1:9/callback';

/** Adds the bench user to `storage` (no-op when it exists). */
export function addBenchUser(root, storage) {
  spawnSync(process.execPath, ['bin/mcp-devmode.js', 'users', 'add', EMAIL, '--storage', storage], { cwd: root, input: `${PASSWORD}\n`, stdio: ['pipe', 'ignore', 'ignore'] });
}

function cookieJar() {
  const jar = new Map();
  return {
    header: () => [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
    take(res) {
      for (const c of res.headers.getSetCookie()) {
        const [pair] = c.split(';');
        const eq = pair.indexOf('=');
        jar.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
      }
    },
  };
}

/** Runs the whole authorization code + PKCE flow over HTTP; returns { authorization: 'Bearer …' }. */
export async function oauthBearer(origin) {
  const reg = await fetch(`${origin}/oauth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ client_name: 'bench', redirect_uris: [REDIRECT], token_endpoint_auth_method: 'none', grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'] }),
  });
  const client = await reg.json();
  if (!client.client_id) throw new Error(`client registration failed: ${JSON.stringify(client)}`);
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const authorize = new URL(`${origin}/oauth/authorize`);
  for (const [k, v] of Object.entries({ response_type: 'code', client_id: client.client_id, redirect_uri: REDIRECT, scope: 'mcp:read', state: 'bench', code_challenge: challenge, code_challenge_method: 'S256', resource: `${origin}/mcp` })) authorize.searchParams.set(k, v);
  const jar = cookieJar();
  const get = async (url) => {
    const res = await fetch(url, { headers: { cookie: jar.header() }, redirect: 'manual' });
    jar.take(res);
    return res;
  };
  let res = await get(authorize);
  while (res.status >= 300 && res.status < 400) res = await get(new URL(res.headers.get('location'), origin));
  const html = await res.text();
  const csrf = /name="csrf" value="([^"]+)"/.exec(html)?.[1];
  const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
  if (!csrf || !action) throw new Error(`no login form (HTTP ${res.status})`);
  res = await fetch(new URL(action, origin), {
    method: 'POST',
    headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ csrf, email: EMAIL, password: PASSWORD, decision: 'allow' }).toString(),
    redirect: 'manual',
  });
  jar.take(res);
  let location = res.headers.get('location');
  while (location && location.startsWith(origin)) {
    res = await get(location);
    location = res.headers.get('location');
  }
  const code = location ? new URL(location).searchParams.get('code') : null;
  if (!code) throw new Error(`sign-in did not return a code (HTTP ${res.status})`);
  const token = await fetch(`${origin}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, code_verifier: verifier, client_id: client.client_id, redirect_uri: REDIRECT, resource: `${origin}/mcp` }).toString(),
  });
  const tokens = await token.json();
  if (!tokens.access_token) throw new Error(`token request failed: ${JSON.stringify(tokens)}`);
  return { authorization: `Bearer ${tokens.access_token}` };
}
