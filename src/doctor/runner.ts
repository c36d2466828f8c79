// Runs the checks in dependency order against one URL and assembles the report (shown grouped by area).
import { readPackageVersion } from '../package-info.js';
import { DoctorContext, skip, type Check } from './context.js';
import { reachabilityChecks } from './checks/reachability.js';
import { endpointChecks } from './checks/endpoint.js';
import { initializeChecks, discover, eras, schemaValidity } from './checks/protocol.js';
import { transportChecks } from './checks/transport.js';
import { declaredSchemes, securitySchemes, toolsChecks } from './checks/tools.js';
import { searchFetchChecks } from './checks/search-fetch.js';
import {
  challenge, protectedResourceMetadata, prmResource, authorizationServerMetadata, issuerMatches, pkceS256,
  tokenAuthMethods, cimdAdvertised, dynamicRegistration, authorizeWithoutScope, discoveryOffWithoutAuth,
} from './checks/auth-discovery.js';
import { login, issReturned, tokenWorks, invalidTokenRefused, refreshRotates, refreshReuseRefused, toolChallenge } from './checks/auth-flow.js';
import { corsChecks } from './checks/cors.js';
import { getJson, protectedResourceUrls } from './oauth/endpoints.js';
import { CHECK_AREAS, type CheckResult, type DoctorOptions, type DoctorReport } from './types.js';

/** A bad URL or option: the CLI maps it to exit code 2. */
export class DoctorUsageError extends Error {
  readonly code = 'DOCTOR_USAGE';
  constructor(
    message: string,
    readonly hint: string,
  ) {
    super(message);
    this.name = 'DoctorUsageError';
  }
}

/** Discovery and sign-in: run before the MCP checks when the endpoint demands a token, after them otherwise. */
const AUTH_SETUP: readonly Check[] = [
  challenge, protectedResourceMetadata, prmResource, authorizationServerMetadata, issuerMatches, pkceS256,
  tokenAuthMethods, cimdAdvertised, dynamicRegistration, authorizeWithoutScope, login, issReturned, tokenWorks, invalidTokenRefused, toolChallenge,
];
/** Refresh replay may revoke the whole grant, so these run after every check that needs the token. */
const AUTH_LAST: readonly Check[] = [securitySchemes, refreshRotates, refreshReuseRefused, discoveryOffWithoutAuth];
const MCP_CHECKS: readonly Check[] = [...initializeChecks, discover, ...transportChecks, eras, ...toolsChecks, ...searchFetchChecks];

export function parseDoctorUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new DoctorUsageError(`not a URL: ${raw}`, 'pass the full endpoint URL, e.g. https://my-app.fly.dev/mcp');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new DoctorUsageError(`unsupported scheme ${url.protocol}`, 'use an https:// (or local http://) URL');
  url.hash = '';
  return url.toString();
}

/** Probes `url` like ChatGPT would and returns every check's result. Never throws for server problems. */
export async function runDoctor(rawUrl: string, options: DoctorOptions = {}): Promise<DoctorReport> {
  const url = parseDoctorUrl(rawUrl);
  const started = Date.now();
  const ctx = new DoctorContext(url, options);
  const results: CheckResult[] = [];
  const run = async (checks: readonly Check[]) => {
    for (const check of checks) results.push(await runOne(ctx, check));
  };

  await run(reachabilityChecks);
  await run(endpointChecks);
  const authFirst = ctx.state.auth.mode === 'oauth' || ctx.state.auth.mode === 'json-rpc-error';
  if (authFirst) await run(AUTH_SETUP);
  await run(MCP_CHECKS);
  if (!authFirst) {
    await settleAuthMode(ctx);
    await run(AUTH_SETUP);
  }
  await run(AUTH_LAST);
  await run(corsChecks);
  await run([schemaValidity]);

  const ordered = CHECK_AREAS.flatMap((area) => results.filter((r) => r.area === area));
  const summary = { pass: 0, warn: 0, fail: 0, skip: 0 };
  for (const r of ordered) summary[r.status]++;
  return {
    tool: 'mcp-devmode doctor',
    version: readPackageVersion(),
    url,
    endpoint: ctx.endpoint,
    startedAt: new Date(started).toISOString(),
    durationMs: Date.now() - started,
    ok: summary.fail === 0,
    summary,
    eras: { legacy: [...ctx.state.legacyVersions], modern: [...ctx.state.modernVersions] },
    checks: ordered,
  };
}

/**
 * Without a 401, auth is either absent or per tool (mixed mode): tools declare oauth2 securitySchemes,
 * or the user passed --login and the server publishes protected resource metadata.
 */
async function settleAuthMode(ctx: DoctorContext): Promise<void> {
  if (ctx.state.auth.mode !== 'unknown') return;
  const declaresOAuth = (ctx.state.tools ?? []).some((tool) => declaredSchemes(tool)?.some((s) => (s as { type?: unknown } | null)?.type === 'oauth2'));
  if (declaresOAuth || (ctx.options.login && (await publishesPrm(ctx)))) ctx.state.auth.mode = 'mixed';
  else if (ctx.state.firstContact?.reply) ctx.state.auth.mode = 'none';
}

async function publishesPrm(ctx: DoctorContext): Promise<boolean> {
  const urls = protectedResourceUrls(ctx.endpoint);
  for (const url of [urls.pathSuffixed, urls.root]) {
    if (url && Array.isArray((await getJson(url, ctx.timeoutMs)).json?.authorization_servers)) return true;
  }
  return false;
}

async function runOne(ctx: DoctorContext, check: Check): Promise<CheckResult> {
  const started = performance.now();
  const done = (outcome: ReturnType<typeof skip>): CheckResult => ({ id: check.id, area: check.area, ...outcome, durationMs: Math.round(performance.now() - started) });
  if (ctx.state.blocked) return done(skip(`not checked: ${ctx.state.blocked}`));
  try {
    return done(await check.run(ctx));
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return done({ status: 'fail', message: `doctor could not complete this check: ${message}`, fix: 'this is likely a doctor bug; rerun with --verbose and report it' });
  }
}
