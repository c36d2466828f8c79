// Completes an OAuth authorization headlessly: follows redirects, fills the login form, presses "Allow".
import { probe } from '../http/probe.js';
import { snippet } from '../http/mcp-wire.js';
import type { LoginCredentials } from '../types.js';
import { CookieJar } from './cookie-jar.js';
import { parseForms, type FormField, type HtmlForm } from './html-forms.js';

export type LoginFlowResult =
  | { readonly ok: true; readonly callback: URLSearchParams; readonly steps: readonly string[] }
  | { readonly ok: false; readonly reason: string; readonly steps: readonly string[] };

const ALLOW = /\b(allow|approve|accept|authori[sz]e|consent|continue|grant|yes|confirm)\b/i;
const DENY = /\b(deny|cancel|reject|abort|decline|no)\b/i;
const USERNAME = /user|email|login|identifier|account|name/i;
const MAX_STEPS = 12;

/** Drives the browser part of the authorization code flow until the AS redirects to `redirectUri`. */
export async function completeAuthorization(authorizeUrl: string, redirectUri: string, credentials: LoginCredentials, timeoutMs: number): Promise<LoginFlowResult> {
  const jar = new CookieJar();
  const steps: string[] = [];
  let next: { url: string; method: 'GET' | 'POST'; body?: string } = { url: authorizeUrl, method: 'GET' };
  let loginsSubmitted = 0;
  for (let i = 0; i < MAX_STEPS; i++) {
    const headers: Record<string, string> = { accept: 'text/html,application/xhtml+xml' };
    const cookie = jar.header(next.url);
    if (cookie) headers.cookie = cookie;
    if (next.body !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded';
    const res = await probe(next.url, { method: next.method, headers, body: next.body, timeoutMs });
    if (!res.ok) return { ok: false, reason: `${next.method} ${pathOf(next.url)}: ${res.message}`, steps };
    jar.store(next.url, res.headers);
    steps.push(`${next.method} ${pathOf(next.url)} → ${res.status}`);
    const location = res.headers.get('location');
    if (res.status >= 300 && res.status < 400 && location) {
      const target = new URL(location, next.url);
      if (isRedirectTo(target, redirectUri)) return { ok: true, callback: target.searchParams, steps };
      next = { url: target.toString(), method: 'GET' };
      continue;
    }
    if (res.status >= 400) return { ok: false, reason: `${next.method} ${pathOf(next.url)} → HTTP ${res.status}: ${snippet(res.text, 160)}`, steps };
    const forms = parseForms(res.text);
    const login = forms.find((f) => f.fields.some((x) => x.type === 'password'));
    if (login) {
      if (loginsSubmitted >= 2) return { ok: false, reason: 'the login form came back after submitting the credentials (wrong user or password?)', steps };
      loginsSubmitted++;
      next = submission(login, next.url, fillLogin(login, credentials));
      continue;
    }
    const consent = pickConsentForm(forms);
    if (consent) {
      next = submission(consent.form, next.url, fillConsent(consent.form, consent.button));
      continue;
    }
    return { ok: false, reason: `${pathOf(next.url)} shows neither a login form nor an Allow button (${snippet(res.text, 120)})`, steps };
  }
  return { ok: false, reason: `no redirect to ${redirectUri} after ${MAX_STEPS} steps`, steps };
}

/** The AS sent the browser back to the client: same URL as redirect_uri, apart from the query it adds. */
export function isRedirectTo(target: URL, redirectUri: string): boolean {
  return `${target.origin}${target.pathname}` === redirectUri;
}

function pathOf(url: string): string {
  const u = new URL(url);
  return u.pathname;
}

/** Hidden inputs and other pre-filled values a browser would send. */
function baseValues(form: HtmlForm): [string, string][] {
  return form.fields
    .filter((f) => f.name && f.tag === 'input' && !['submit', 'button', 'image', 'reset', 'password', 'checkbox', 'radio'].includes(f.type))
    .map((f) => [f.name, f.value]);
}

function fillLogin(form: HtmlForm, credentials: LoginCredentials): [string, string][] {
  const values = baseValues(form);
  const textual = form.fields.filter((f) => f.tag === 'input' && ['text', 'email', 'tel', ''].includes(f.type) && f.name);
  const userField = textual.find((f) => f.type === 'email') ?? textual.find((f) => USERNAME.test(`${f.name} ${f.label}`)) ?? textual[0];
  const set = (name: string, value: string) => {
    const existing = values.find(([k]) => k === name);
    if (existing) existing[1] = value;
    else values.push([name, value]);
  };
  if (userField) set(userField.name, credentials.username);
  for (const f of form.fields.filter((x) => x.type === 'password' && x.name)) set(f.name, credentials.password);
  const submit = submitButtons(form).find((b) => !DENY.test(b.label + b.value));
  if (submit?.name) values.push([submit.name, submit.value]);
  return values;
}

function submitButtons(form: HtmlForm): FormField[] {
  return form.fields.filter((f) => (f.tag === 'button' && f.type === 'submit') || (f.tag === 'input' && (f.type === 'submit' || f.type === 'image')));
}

function pickConsentForm(forms: HtmlForm[]): { form: HtmlForm; button?: FormField } | undefined {
  for (const form of forms) {
    const button = submitButtons(form).find((b) => ALLOW.test(`${b.label} ${b.value} ${b.name}`) && !DENY.test(`${b.label} ${b.value}`));
    if (button) return { form, button };
  }
  // A single form with one submit button and no deny wording: press it.
  const lone = forms.filter((f) => submitButtons(f).length === 1 && !DENY.test(submitButtons(f)[0]!.label));
  return lone.length === 1 ? { form: lone[0]!, button: submitButtons(lone[0]!)[0] } : undefined;
}

function fillConsent(form: HtmlForm, button: FormField | undefined): [string, string][] {
  const values = baseValues(form);
  // Consent pages may ask to tick the scopes being granted: tick what is offered.
  for (const f of form.fields.filter((x) => x.type === 'checkbox' && x.name)) values.push([f.name, f.value || 'on']);
  if (button?.name) values.push([button.name, button.value]);
  return values;
}

function submission(form: HtmlForm, pageUrl: string, values: [string, string][]): { url: string; method: 'GET' | 'POST'; body?: string } {
  const action = new URL(form.action || pageUrl, pageUrl);
  const encoded = new URLSearchParams(values).toString();
  if (form.method === 'GET') {
    action.search = encoded;
    return { url: action.toString(), method: 'GET' };
  }
  return { url: action.toString(), method: 'POST', body: encoded };
}
