// Reachability: the URL itself, DNS, TCP, TLS and the first HTTP answer, each with its latency.
import { lookup } from 'node:dns/promises';
import { connect as netConnect, isIP } from 'node:net';
import { connect as tlsConnect, type PeerCertificate } from 'node:tls';
import { fail, pass, skip, warn, type Check, type DoctorContext } from '../context.js';
import { explainNetworkError, probe } from '../http/probe.js';
import { ACCEPT_BOTH, CLIENT_INFO } from '../http/mcp-wire.js';

/** Loopback names and addresses: plain http is fine there. */
export function isLocalHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '');
  return h === 'localhost' || h.endsWith('.localhost') || h === '::1' || /^127\./.test(h);
}

function portOf(url: URL): number {
  return url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
}

/** A failed network step: explain it, and skip everything after it (nothing else can work). */
function unreachable(ctx: DoctorContext, err: unknown, started: number, blocked: string) {
  const failure = explainNetworkError(ctx.endpoint, err, performance.now() - started, ctx.timeoutMs);
  ctx.state.blocked = blocked;
  return fail(failure.message, failure.fix, { code: failure.code });
}

export const urlScheme: Check = {
  id: 'reachability.https',
  area: 'reachability',
  run(ctx) {
    const url = new URL(ctx.endpoint);
    if (url.protocol === 'https:') return pass('uses https');
    if (isLocalHost(url.hostname)) return pass('plain http on a local address (fine for local testing; ChatGPT needs a public https URL)');
    return fail(`plain http to a public host (${url.host}): ChatGPT only connects to https URLs`, `serve the endpoint over https (a platform like Fly/Render/Railway terminates TLS for you) and paste https://${url.host}${url.pathname}`);
  },
};

export const dnsLookup: Check = {
  id: 'reachability.dns',
  area: 'reachability',
  async run(ctx) {
    const host = new URL(ctx.endpoint).hostname.replace(/^\[|\]$/g, '');
    if (isIP(host)) return skip(`${host} is an IP address: no DNS lookup needed`);
    const started = performance.now();
    try {
      const addresses = await withTimeout(lookup(host, { all: true }), ctx.timeoutMs);
      const ms = Math.round(performance.now() - started);
      return pass(`${host} resolves to ${addresses.map((a) => a.address).slice(0, 3).join(', ')} (${ms} ms)`, { addresses: addresses.map((a) => a.address), ms });
    } catch (err) {
      const failure = explainNetworkError(ctx.endpoint, err, performance.now() - started, ctx.timeoutMs);
      ctx.state.blocked = 'the host name does not resolve';
      // A resolver that never answers is still a DNS problem, whatever the error says.
      if (failure.kind === 'dns') return fail(failure.message, failure.fix, { code: failure.code });
      return fail(`DNS lookup failed for ${host} (${failure.code}: ${failure.message})`, `check the host name and this machine's DNS resolver (dig ${host})`, { code: failure.code });
    }
  },
};

export const tcpConnect: Check = {
  id: 'reachability.tcp',
  area: 'reachability',
  async run(ctx) {
    const url = new URL(ctx.endpoint);
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const port = portOf(url);
    const started = performance.now();
    try {
      await withTimeout(
        new Promise<void>((resolve, reject) => {
          const socket = netConnect({ host, port });
          socket.once('connect', () => {
            socket.destroy();
            resolve();
          });
          socket.once('error', reject);
        }),
        ctx.timeoutMs,
      );
      const ms = Math.round(performance.now() - started);
      return pass(`TCP connect to ${host}:${port} in ${ms} ms`, { ms });
    } catch (err) {
      return unreachable(ctx, err, started, `cannot connect to ${host}:${port}`);
    }
  },
};

export const tlsHandshake: Check = {
  id: 'reachability.tls',
  area: 'reachability',
  async run(ctx) {
    const url = new URL(ctx.endpoint);
    if (url.protocol !== 'https:') return skip('not https');
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const started = performance.now();
    try {
      const cert = await withTimeout(
        new Promise<PeerCertificate>((resolve, reject) => {
          const socket = tlsConnect({ host, port: portOf(url), servername: isIP(host) ? undefined : host, ALPNProtocols: ['http/1.1'] });
          socket.once('secureConnect', () => {
            const peer = socket.getPeerCertificate();
            socket.destroy();
            resolve(peer);
          });
          socket.once('error', reject);
        }),
        ctx.timeoutMs,
      );
      const ms = Math.round(performance.now() - started);
      const daysLeft = Math.floor((Date.parse(cert.valid_to) - Date.now()) / 86_400_000);
      const details = { ms, issuer: cert.issuer?.O ?? cert.issuer?.CN, validTo: cert.valid_to, daysLeft };
      if (daysLeft < 14) return warn(`certificate expires in ${daysLeft} days`, 'renew the certificate (or check that automatic renewal works)', details);
      return pass(`TLS handshake in ${ms} ms, certificate valid for ${daysLeft} more days`, details);
    } catch (err) {
      return unreachable(ctx, err, started, 'the TLS handshake fails');
    }
  },
};

/** The first real HTTP exchange: its latency, and whether the URL redirects somewhere else. */
export const firstResponse: Check = {
  id: 'reachability.http',
  area: 'reachability',
  async run(ctx) {
    const hops: string[] = [];
    let current = ctx.endpoint;
    const body = JSON.stringify({ jsonrpc: '2.0', id: 0, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: CLIENT_INFO } });
    for (let i = 0; i < 5; i++) {
      const res = await probe(current, { method: 'POST', headers: { 'content-type': 'application/json', accept: ACCEPT_BOTH }, body, timeoutMs: ctx.timeoutMs });
      if (!res.ok) {
        ctx.state.blocked = 'the server does not answer HTTP';
        return fail(res.message, res.fix, { code: res.code });
      }
      const location = res.headers.get('location');
      if (res.status >= 300 && res.status < 400 && location) {
        const next = new URL(location, current).toString();
        hops.push(`${res.status} → ${next}`);
        current = next;
        continue;
      }
      const ms = Math.round(res.headersMs);
      if (hops.length === 0) return pass(`HTTP ${res.status} in ${ms} ms`, { status: res.status, ms });
      ctx.useEndpoint(current);
      return warn(
        `the URL redirects (${hops.join(', ')}); MCP clients do not follow redirects on POST reliably`,
        `paste the final URL instead: ${current}`,
        { redirects: hops, finalUrl: current, ms },
      );
    }
    ctx.state.blocked = 'the URL redirects in a loop';
    return fail(`too many redirects (${hops.join(', ')})`, 'fix the redirect loop (often http→https→http behind a proxy that does not forward X-Forwarded-Proto)', { redirects: hops });
  },
};

export const reachabilityChecks: readonly Check[] = [urlScheme, dnsLookup, tcpConnect, tlsHandshake, firstResponse];

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(Object.assign(new Error(`timed out after ${ms} ms`), { code: 'ETIMEDOUT' })), ms);
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}
