// The instructions deploy prints when it does not run a platform CLI itself (Render, Railway, Docker).
import { formatCommand } from './command-line.js';
import { startCommand } from './dockerfile.js';
import { renderPublicUrl } from './render-yaml.js';
import type { SecretValue } from './secrets.js';
import type { DeployFacts } from './types.js';

export function renderSteps(facts: DeployFacts): string[] {
  const steps = [
    'Next steps on Render (its CLI cannot apply a Blueprint, so this part is in the Dashboard):',
    '  1. Commit Dockerfile, .dockerignore, render.yaml and your project files, and push to GitHub/GitLab.',
    '     render.yaml must sit at the repository root (or set the Blueprint path when you create it).',
    '  2. Render Dashboard → New → Blueprint → pick the repository → Apply.',
  ];
  const asked = [...(facts.envVars.includes('BASE_URL') ? ['BASE_URL'] : []), ...facts.secrets];
  if (asked.length > 0) steps.push(`  3. Render asks for the secret values (sync: false): ${asked.join(', ')}.`);
  if (facts.envVars.includes('BASE_URL')) steps.push(`     BASE_URL is the service URL, e.g. ${renderPublicUrl(facts.appName)}`);
  steps.push(
    `  ${asked.length > 0 ? 4 : 3}. When the deploy is live, paste ${renderPublicUrl(facts.appName)}${facts.mcpPath} into ChatGPT`,
    '     (the exact onrender.com host is shown on the service page).',
    '  Optional check before pushing (needs `render login`): render blueprints validate render.yaml',
  );
  if (facts.state.kind === 'sqlite') steps.push('  The disk needs a paid instance type (render.yaml uses starter) and keeps the service to one instance.');
  return steps;
}

export function railwaySteps(facts: DeployFacts): string[] {
  const steps = [
    'Next steps on Railway:',
    '  railway init --name ' + facts.appName + '   # or `railway link` to use an existing project',
    `  railway variables --set PORT=${facts.port}${facts.envVars.includes('BASE_URL') ? ` --set 'BASE_URL=https://\${{RAILWAY_PUBLIC_DOMAIN}}'` : ''}`,
  ];
  for (const name of facts.secrets) steps.push(`  railway variables --set-from-stdin ${name} < secret-file   # never put the value on the command line`);
  if (facts.state.kind === 'sqlite') {
    steps.push(`  Add a volume mounted at ${facts.state.mountDir} (service → Settings → Volumes); railway.json requires it and keeps one replica.`);
  }
  steps.push('  railway up   # build and deploy', ...railwayDomainSteps(facts), 'Or let deploy run these for you: mcp-devmode deploy railway --up');
  return steps;
}

export function railwayDomainSteps(facts: DeployFacts): string[] {
  return [
    '  Generate a public domain: service → Settings → Networking → Generate Domain,',
    `  then paste https://<that domain>${facts.mcpPath} into ChatGPT.`,
  ];
}

export function dockerSteps(facts: DeployFacts, secrets: readonly SecretValue[]): string[] {
  const run = ['run', '--rm', '-p', `${facts.port}:${facts.port}`];
  if (secrets.length > 0) run.push('--env-file', '.env');
  if (facts.state.kind === 'sqlite') run.push('-v', `${facts.appName}-state:${facts.state.mountDir}`);
  run.push(facts.appName);
  return [
    'Next steps:',
    `  ${formatCommand('docker', ['build', '-t', facts.appName, '.'])}`,
    `  ${formatCommand('docker', run)}`,
    `  then open http://127.0.0.1:${facts.port}/healthz; the MCP endpoint is http://127.0.0.1:${facts.port}${facts.mcpPath}`,
  ];
}

/** How to create the first sign-in account where the deployed server keeps its users. */
export function localUsersSteps(facts: DeployFacts, shell: string): string[] {
  if (!facts.localUsers) return [];
  const users = formatCommand(startCommand(facts)[0]!, [startCommand(facts)[1]!, 'users', 'add', 'you@example.com']);
  if (facts.state.kind === 'postgres') {
    return ['Create a sign-in account from here (same database as the server):', `  mcp-devmode users add you@example.com --storage "$DATABASE_URL"`];
  }
  // As the `node` user, so SQLite files it creates stay writable by the server.
  return ['Create a sign-in account on the server (its users live in its own SQLite file):', `  ${shell}`, `  then: su node -c 'cd /app && ${users}'`];
}
