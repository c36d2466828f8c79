// Generates railway.json (config as code): Dockerfile builder, /healthz check, restart policy.
import type { DeployFacts, GeneratedFile } from './types.js';

export function generateRailwayJson(facts: DeployFacts): GeneratedFile {
  const deploy: Record<string, unknown> = {
    healthcheckPath: '/healthz',
    healthcheckTimeout: 100,
    restartPolicyType: 'ON_FAILURE',
    restartPolicyMaxRetries: 10,
  };
  if (facts.state.kind === 'sqlite') {
    // SQLite on a volume: one replica, and refuse to start without the volume mounted.
    deploy.numReplicas = 1;
    deploy.requiredMountPath = facts.state.mountDir;
  }
  const config = {
    $schema: 'https://railway.com/railway.schema.json',
    build: { builder: 'DOCKERFILE', dockerfilePath: 'Dockerfile' },
    deploy,
  };
  return { path: 'railway.json', content: `${JSON.stringify(config, null, 2)}\n` };
}
