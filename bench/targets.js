// What the benchmark runs: the server processes, the scenarios (request bodies + how to check an
// answer) and the targets (scenario × server). Add a row to `targets` to measure something new,
// e.g. an OAuth-protected tools/call (give it `headers` with a bearer token and its own server).
import { mcpHeaders, toolCallBody } from './lib/rpc.js';
import { randomQueries } from './lib/random-queries.js';

export const QUICKSTART = 'examples/quickstart/mcp.yaml';
export const OAUTH_EXAMPLE = 'examples/oauth/mcp.yaml';

/**
 * Server processes by id. `args(ctx)` are node arguments (cwd = repo root); every server answers
 * GET /healthz and binds 127.0.0.1:<port>.
 * @type {Record<string, { args: (ctx: { port: number, corpusConfig: string }) => string[], env?: (ctx: { port: number, oauthStorage: string }) => Record<string, string> }>}
 */
export const servers = {
  'ours-quickstart': { args: ({ port }) => ['bin/mcp-devmode.js', 'serve', QUICKSTART, '--port', String(port), '--host', '127.0.0.1'] },
  'ours-corpus': { args: ({ port, corpusConfig }) => ['bin/mcp-devmode.js', 'serve', corpusConfig, '--port', String(port), '--host', '127.0.0.1'] },
  bare: { args: ({ port }) => ['bench/servers/bare-http.js', '--port', String(port)] },
  'sdk-quickstart': { args: ({ port }) => ['bench/servers/sdk-stateless.js', '--config', QUICKSTART, '--port', String(port), '--mode', 'transport'] },
  'sdk-handler-quickstart': { args: ({ port }) => ['bench/servers/sdk-stateless.js', '--config', QUICKSTART, '--port', String(port), '--mode', 'handler'] },
  'sdk-corpus': { args: ({ port, corpusConfig }) => ['bench/servers/sdk-stateless.js', '--config', corpusConfig, '--port', String(port), '--mode', 'transport'] },
  // examples/oauth: the calculator behind OAuth; BASE_URL makes the issuer match the bench port.
  'ours-oauth': {
    args: ({ port }) => ['bin/mcp-devmode.js', 'serve', OAUTH_EXAMPLE, '--port', String(port), '--host', '127.0.0.1'],
    env: ({ port, oauthStorage }) => ({ BASE_URL: `http://127.0.0.1:${port}`, DATABASE_URL: oauthStorage }),
  },
};

const EXPRESSIONS = ['(12.5 * 4) / 3', 'sqrt(2) ^ 2', '5 cm to inch', 'sin(pi / 4) * 100', '2 ^ 32 - 1', '17 % 5 + round(e, 3)'];
/** The search scenario's queries (bench/search-latency.js reports each one's latency). */
export const SEARCH_QUERIES = ['refund', 'shipping Canada', 'reset password', 'gift card Anvil', 'cancel subscription', 'invoice Germany', 'track delivery Jet Bike', 'warranty'];

function firstText(message) {
  const block = message?.result?.content?.[0];
  return block?.type === 'text' ? block.text : undefined;
}

/**
 * Scenarios: the tools/call bodies a run cycles through and a check of one answer.
 * `check` returns undefined when the answer is right, else why not.
 */
export const scenarios = {
  calculator: {
    title: 'tools/call calculate',
    bodies: EXPRESSIONS.map((expression, i) => toolCallBody(i + 1, 'calculate', { expression })),
    check(message, { role, index }) {
      if (!message?.result) return `no result: ${JSON.stringify(message)?.slice(0, 200)}`;
      if (role === 'bare') return undefined;
      if (message.result.isError) return `tool error: ${firstText(message)}`;
      if (index === 0 && firstText(message) !== '16.666666666667') return `unexpected answer ${firstText(message)}`;
      return firstText(message) ? undefined : 'no text content';
    },
  },
  search: {
    title: 'tools/call search',
    bodies: SEARCH_QUERIES.map((query, i) => toolCallBody(i + 1, 'search', { query })),
    check(message, { role }) {
      if (!message?.result) return `no result: ${JSON.stringify(message)?.slice(0, 200)}`;
      if (role === 'bare') return undefined;
      if (message.result.isError) return `tool error: ${firstText(message)}`;
      const text = firstText(message) ?? '';
      return /kb-\d{6}/.test(text) || /kb-\d{6}/.test(JSON.stringify(message.result.structuredContent ?? {}))
        ? undefined
        : `no document ids in the answer: ${text.slice(0, 200)}`;
    },
  },  // Every request a query no recent request asked (5,000 distinct, taken in turn across all
  // connections; the search answer cache holds 1,024): the index's own speed, end to end.
  searchUnique: {
    title: 'tools/call search, distinct',
    bodies: randomQueries({ count: 5000 }).map((query, i) => toolCallBody(i + 1, 'search', { query })),
    rotate: true,
    checkCount: 20,
    check(message, { role }) {
      if (!message?.result) return `no result: ${JSON.stringify(message)?.slice(0, 200)}`;
      if (role === 'bare') return undefined;
      return message.result.isError ? `tool error: ${firstText(message)}` : undefined;
    },
  },

};

/**
 * The rows of the table. role: 'ours' is compared with 'bare' and 'sdk' rows of its scenario.
 * @type {Array<{ id: string, label: string, scenario: keyof typeof scenarios, server: keyof typeof servers, role: 'ours' | 'bare' | 'sdk', headers?: Record<string, string> }>}
 */
export const targets = [
  { id: 'calc-ours', label: 'mcp-devmode', scenario: 'calculator', server: 'ours-quickstart', role: 'ours' },
  { id: 'calc-bare', label: 'bare node:http', scenario: 'calculator', server: 'bare', role: 'bare' },
  { id: 'calc-sdk', label: 'SDK v2, McpServer+transport per request', scenario: 'calculator', server: 'sdk-quickstart', role: 'sdk' },
  { id: 'calc-sdk-handler', label: 'SDK v2, createMcpHandler', scenario: 'calculator', server: 'sdk-handler-quickstart', role: 'sdk' },
  // Signs in first (bench/lib/oauth.js) and sends the access token on every call.
  { id: 'calc-oauth', label: 'mcp-devmode, OAuth bearer JWT', scenario: 'calculator', server: 'ours-oauth', role: 'ours', oauth: true },
  { id: 'search-ours', label: 'mcp-devmode', scenario: 'search', server: 'ours-corpus', role: 'ours' },
  { id: 'search-bare', label: 'bare node:http', scenario: 'search', server: 'bare', role: 'bare' },
  { id: 'search-unique-ours', label: 'mcp-devmode (no cache hits)', scenario: 'searchUnique', server: 'ours-corpus', role: 'ours' },
  { id: 'search-unique-bare', label: 'bare node:http', scenario: 'searchUnique', server: 'bare', role: 'bare' },
  { id: 'search-sdk', label: 'SDK v2, McpServer+transport per request', scenario: 'search', server: 'sdk-corpus', role: 'sdk' },
];

export function targetHeaders(target) {
  return mcpHeaders(target.headers);
}
