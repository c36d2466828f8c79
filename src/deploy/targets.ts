// Which files each deploy target writes, generated from the facts (pure).
import { generateDockerfile, generateDockerignore } from './dockerfile.js';
import { generateFlyToml, type FlyOptions } from './fly-toml.js';
import { generateRailwayJson } from './railway-json.js';
import { generateRenderYaml } from './render-yaml.js';
import type { DeployFacts, GeneratedFile } from './types.js';

export const DEPLOY_TARGETS = ['fly', 'render', 'railway', 'docker'] as const;
export type DeployTarget = (typeof DEPLOY_TARGETS)[number];

export function generateTargetFiles(target: DeployTarget, facts: DeployFacts, fly: FlyOptions): GeneratedFile[] {
  const files = [generateDockerfile(facts), generateDockerignore(facts)];
  switch (target) {
    case 'fly':
      return [...files, generateFlyToml(facts, fly)];
    case 'render':
      return [...files, generateRenderYaml(facts)];
    case 'railway':
      return [...files, generateRailwayJson(facts)];
    case 'docker':
      return files;
  }
}
