// WWW-Authenticate values (RFC 6750 / RFC 9728) and the OpenAI per-tool `mcp/www_authenticate` challenge.

function quote(value: string): string {
  return `"${value.replace(/["\\]/g, '\\$&')}"`;
}

export interface ChallengeInput {
  readonly resourceMetadataUrl: string;
  readonly scopes: readonly string[];
  readonly error?: 'invalid_token' | 'insufficient_scope' | 'invalid_request';
  readonly description?: string;
}

export function bearerChallenge(c: ChallengeInput): string {
  const params: string[] = [];
  if (c.error) params.push(`error=${quote(c.error)}`);
  if (c.description) params.push(`error_description=${quote(c.description)}`);
  params.push(`resource_metadata=${quote(c.resourceMetadataUrl)}`);
  if (c.scopes.length) params.push(`scope=${quote(c.scopes.join(' '))}`);
  return `Bearer ${params.join(', ')}`;
}
