// Server-rendered login, consent and error pages: no JavaScript, accessible, mobile-friendly.
// Every dynamic value goes through html`` (escaped).
import { html, raw, type RawHtml } from './html.js';

const STYLE = `
*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;background:#f4f5f7;color:#1b1d21}
main{max-width:26rem;margin:2rem auto;padding:1.5rem;background:#fff;border-radius:12px;box-shadow:0 1px 4px rgba(0,0,0,.12)}
h1{font-size:1.35rem;margin:0 0 .75rem}p{margin:.5rem 0}ul{padding-left:1.2rem}
label{display:block;font-weight:600;margin-top:1rem}
input[type=email],input[type=password]{width:100%;padding:.7rem;margin-top:.3rem;font:inherit;border:1px solid #8a8f98;border-radius:8px}
input:focus,button:focus{outline:3px solid #2563eb;outline-offset:2px}
.actions{display:flex;gap:.75rem;margin-top:1.5rem;flex-wrap:wrap}
button{flex:1;min-width:8rem;padding:.75rem 1rem;font:inherit;font-weight:600;border-radius:8px;border:1px solid #1d4ed8;cursor:pointer}
.allow{background:#1d4ed8;color:#fff}.deny{background:#fff;color:#1d4ed8}
.error{background:#fde8e8;color:#8a1c1c;border-radius:8px;padding:.6rem .8rem}
.warn{background:#fff4d6;color:#6b4c00;border-radius:8px;padding:.6rem .8rem}
.client{font-weight:700}.muted{color:#5a6070;font-size:.9rem}code{word-break:break-all}
@media (max-width:30rem){main{margin:0;border-radius:0;min-height:100vh}}
`;

function layout(title: string, body: RawHtml): string {
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="referrer" content="no-referrer"><title>${title}</title><style>${raw(STYLE)}</style></head>
<body><main>${body}</main></body></html>`.html;
}

export interface ConsentView {
  readonly action: string;
  readonly csrf: string;
  readonly clientName: string;
  readonly clientId: string;
  readonly clientUri?: string;
  readonly redirectHost: string;
  readonly scopes: readonly { name: string; description?: string }[];
  /** login: email + password; demo: one click; consent: already signed in. */
  readonly mode: 'login' | 'demo' | 'consent';
  readonly email?: string;
  readonly error?: string;
  readonly signedInAs?: string;
}

export function renderConsentPage(v: ConsentView): string {
  const scopeList = v.scopes.length
    ? html`<ul>${v.scopes.map((s) => html`<li><code>${s.name}</code>${s.description ? html` — ${s.description}` : ''}</li>`)}</ul>`
    : html`<p class="muted">No specific permissions requested.</p>`;
  const credentials =
    v.mode === 'login'
      ? html`<label for="email">Email</label>
<input id="email" name="email" type="email" autocomplete="username" required autofocus value="${v.email ?? ''}">
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>`
      : v.mode === 'demo'
        ? html`<p class="warn" role="note">Demo mode: you will sign in as the demo user. Development only.</p>`
        : html`<p>Signed in as <strong>${v.signedInAs ?? ''}</strong>.</p>`;
  const allowLabel = v.mode === 'consent' ? 'Allow' : 'Sign in and allow';
  return layout(
    `Sign in to ${v.clientName}`,
    html`<h1>Connect <span class="client">${v.clientName}</span></h1>
<p><span class="client">${v.clientName}</span> wants to use this server on your behalf.</p>
<p class="muted">Client: <code>${v.clientId}</code>${v.clientUri ? html` · <code>${v.clientUri}</code>` : ''}<br>You will be sent back to <code>${v.redirectHost}</code>.</p>
<h2 style="font-size:1rem;margin-top:1rem">It asks for</h2>
${scopeList}
${v.error ? html`<p class="error" role="alert">${v.error}</p>` : ''}
<form method="post" action="${v.action}">
<input type="hidden" name="csrf" value="${v.csrf}">
${credentials}
<div class="actions">
<button class="allow" type="submit" name="decision" value="allow">${allowLabel}</button>
<button class="deny" type="submit" name="decision" value="deny" formnovalidate>Deny</button>
</div>
</form>`,
  );
}

export function renderErrorPage(error: string, description: string): string {
  return layout(
    'Sign-in problem',
    html`<h1>Sign-in problem</h1><p class="error" role="alert">${description}</p><p class="muted">Error code: <code>${error}</code>. Go back to the app and try connecting again.</p>`,
  );
}
