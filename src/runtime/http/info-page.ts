// The small HTML page a browser sees at `/`: what this server is and the URL to paste into ChatGPT.
import type { Runtime } from '../runtime.js';

const HTML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

export function renderInfoPage(runtime: Runtime, mcpUrl: string): string {
  const { config } = runtime;
  const title = escapeHtml(config.title ?? config.name);
  const tools = runtime
    .listTools()
    .map((t) => `<li><code>${escapeHtml(t.name)}</code> — ${escapeHtml(t.description ?? '')}</li>`)
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · MCP server</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#222}code{background:#f3f3f3;padding:0 .25em;border-radius:3px}</style>
</head>
<body>
<h1>${title}</h1>
${config.description ? `<p>${escapeHtml(config.description)}</p>` : ''}
<p>This is a <a href="https://modelcontextprotocol.io">Model Context Protocol</a> server (version ${escapeHtml(config.version)}).
Its MCP endpoint is <code>${escapeHtml(mcpUrl)}</code>.</p>
<p>In ChatGPT: Settings → Apps → Advanced settings → Developer mode, then Create, and paste that URL.</p>
<h2>Tools</h2>
<ul>
${tools}
</ul>
</body>
</html>
`;
}
