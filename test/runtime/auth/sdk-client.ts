// An OAuthClientProvider for the official MCP SDK v1 client whose redirectToAuthorization signs in
// through our login form over HTTP (headless), capturing the authorization code.
import type { OAuthClientProvider } from '@modelcontextprotocol/sdk/client/auth.js';
import type { OAuthClientInformationMixed, OAuthClientMetadata, OAuthTokens } from '@modelcontextprotocol/sdk/shared/auth.js';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { UnauthorizedError } from '@modelcontextprotocol/sdk/client/auth.js';
import { Browser, login } from './harness.js';

export const REDIRECT_URL = 'http://127.0.0.1:7777/callback';

export class HeadlessProvider implements OAuthClientProvider {
  info: OAuthClientInformationMixed | undefined;
  saved: OAuthTokens | undefined;
  verifier = '';
  lastRedirect: URL | undefined;
  authorizationUrls: URL[] = [];
  readonly browser = new Browser();
  clientMetadataUrl?: string;

  constructor(
    private readonly origin: string,
    private readonly credentials: { email: string; password: string },
    options: { info?: OAuthClientInformationMixed; clientMetadataUrl?: string } = {},
  ) {
    this.info = options.info;
    if (options.clientMetadataUrl) this.clientMetadataUrl = options.clientMetadataUrl;
  }

  get redirectUrl(): string {
    return REDIRECT_URL;
  }

  get clientMetadata(): OAuthClientMetadata {
    return {
      client_name: 'Headless Test Client',
      redirect_uris: [REDIRECT_URL],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
    };
  }

  state(): string {
    return 'state-123';
  }

  clientInformation(): OAuthClientInformationMixed | undefined {
    return this.info;
  }

  saveClientInformation(info: OAuthClientInformationMixed): void {
    this.info = info;
  }

  tokens(): OAuthTokens | undefined {
    return this.saved;
  }

  saveTokens(tokens: OAuthTokens): void {
    this.saved = tokens;
  }

  saveCodeVerifier(v: string): void {
    this.verifier = v;
  }

  codeVerifier(): string {
    return this.verifier;
  }

  async redirectToAuthorization(url: URL): Promise<void> {
    this.authorizationUrls.push(url);
    const outcome = await login(this.browser, url.toString(), this.origin, { ...this.credentials, decision: 'allow' });
    if (!outcome.redirect) throw new Error(`login did not redirect (HTTP ${outcome.status}): ${outcome.html.replace(/<style>[^]*<\/style>/, "").slice(0, 1500)}`);
    this.lastRedirect = outcome.redirect;
  }
}

/** Connects with the SDK client, doing the whole OAuth dance when the server answers 401. */
export async function connectWithOAuth(mcpUrl: string, provider: HeadlessProvider): Promise<Client> {
  const first = new Client({ name: 'oauth-test', version: '1.0.0' });
  const transport = new StreamableHTTPClientTransport(new URL(mcpUrl), { authProvider: provider });
  try {
    await first.connect(transport);
    return first;
  } catch (err) {
    if (!(err instanceof UnauthorizedError)) throw err;
  }
  const code = provider.lastRedirect?.searchParams.get('code');
  if (!code) throw new Error(`no code in redirect ${provider.lastRedirect}`);
  await transport.finishAuth(code);
  const client = new Client({ name: 'oauth-test', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(mcpUrl), { authProvider: provider }));
  return client;
}
