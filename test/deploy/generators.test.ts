// Generators over config objects: content, schema validity and Dockerfile lint for auth on/off, SQLite/Postgres, lockfile/global.
import { describe, expect, it } from 'vitest';
import { parse as parseToml } from 'smol-toml';
import { parse as parseYaml } from 'yaml';
import { deriveFacts, type ProjectScan } from '../../src/deploy/facts.js';
import { generateTargetFiles, DEPLOY_TARGETS } from '../../src/deploy/targets.js';
import { NODE_RUNTIME_IMAGE } from '../../src/deploy/dockerfile.js';
import { DeployError } from '../../src/deploy/types.js';
import { dockerfileProblems, fileNamed, makeConfig, oauth, schemaErrors } from './helpers.js';

const noPackage: ProjectScan = { paths: ['data/articles', 'data/faq.jsonl'], toolVersion: '0.1.0' };
const withLockfile: ProjectScan = { ...noPackage, packageJson: { hasLockfile: true, dependsOnMcpDevmode: true } };

const variants = {
  'no auth, SQLite default': makeConfig(),
  'OAuth, SQLite': makeConfig({ auth: oauth, envVars: ['DATABASE_URL', 'MY_CLIENT_SECRET', 'PORT'] }),
  'OAuth, Postgres': makeConfig({ auth: oauth, storage: 'postgres://u:p@db.example.com/mcp', envVars: ['DATABASE_URL', 'BINANCE_KEY'] }),
  'no auth, Postgres': makeConfig({ storage: 'postgres://u:p@db.example.com/mcp', envVars: ['DATABASE_URL'] }),
};

describe('every generated file is valid for every variant', () => {
  for (const [label, config] of Object.entries(variants)) {
    for (const scan of [noPackage, withLockfile]) {
      it(`${label}, ${scan.packageJson ? 'package-lock.json' : 'no package.json'}: schemas and Dockerfile linters pass`, () => {
        const facts = deriveFacts(config, scan);
        for (const target of DEPLOY_TARGETS) {
          const files = generateTargetFiles(target, facts, { region: 'iad' });
          for (const file of files.filter((f) => /\.(toml|yaml|json)$/.test(f.path))) expect(schemaErrors(file), `${target} ${file.path}`).toEqual([]);
          const problems = dockerfileProblems(fileNamed(files, 'Dockerfile').content);
          expect(problems.errors).toEqual([]);
          expect(problems.issues).toEqual([]);
        }
      });
    }
  }
});

describe('Dockerfile', () => {
  it('is multi-stage on a pinned slim Node LTS, copies only what the config needs, runs as node with a healthcheck', () => {
    const text = fileNamed(generateTargetFiles('docker', deriveFacts(makeConfig(), withLockfile), { region: 'iad' }), 'Dockerfile').content;
    expect(text.match(/^FROM /gm)).toHaveLength(2);
    expect(text).toContain(`FROM ${NODE_RUNTIME_IMAGE}\n`);
    expect(NODE_RUNTIME_IMAGE).toMatch(/^node:\d+\.\d+\.\d+-\w+-slim$/);
    expect(text).toContain('COPY package.json package-lock.json ./\nRUN npm ci --omit=dev');
    expect(text).toContain('COPY package.json mcp.yaml ./');
    expect(text).toContain('COPY data/articles ./data/articles');
    expect(text).toContain('COPY data/faq.jsonl ./data/faq.jsonl');
    expect(text).not.toMatch(/^COPY \. /m);
    expect(text).toContain('USER node');
    expect(text.indexOf('USER node')).toBeLessThan(text.indexOf('CMD ['));
    expect(text).toContain('EXPOSE 8080');
    expect(text).toMatch(/HEALTHCHECK .*\n\s+CMD \["node","-e",".*127\.0\.0\.1:8080\/healthz/);
    expect(text).toContain('STOPSIGNAL SIGTERM');
    expect(text).toContain('CMD ["node","node_modules/mcp-devmode/bin/mcp-devmode.js","serve","mcp.yaml","--host","0.0.0.0","--port","8080"]');
  });

  it('installs mcp-devmode@<our version> globally when the project has no package.json', () => {
    const text = fileNamed(generateTargetFiles('docker', deriveFacts(makeConfig(), { ...noPackage, toolVersion: '3.2.1' }), { region: 'iad' }), 'Dockerfile').content;
    expect(text).toContain('RUN npm install --global --omit=dev --no-audit --no-fund --allow-scripts=better-sqlite3 mcp-devmode@3.2.1');
    expect(text).not.toContain('package-lock.json');
    expect(text).toContain('CMD ["node","/usr/local/lib/node_modules/mcp-devmode/bin/mcp-devmode.js","serve","mcp.yaml"');
  });

  it('uses the configured port everywhere and makes only the state folder writable', () => {
    const facts = deriveFacts(makeConfig({ server: { port: 9123 } }), noPackage);
    const text = fileNamed(generateTargetFiles('docker', facts, { region: 'iad' }), 'Dockerfile').content;
    expect(text).toContain('EXPOSE 9123');
    expect(text).toContain('PORT=9123');
    expect(text).toContain('"--port","9123"');
    expect(text).toContain('RUN mkdir -p /app/.mcp-devmode && chown node:node /app/.mcp-devmode');
    expect(text).not.toMatch(/--chown/);
  });

  it('.dockerignore keeps .env, node_modules, .git and the local state DB out', () => {
    const ignore = fileNamed(generateTargetFiles('docker', deriveFacts(makeConfig({ storage: 'sqlite:var/state.db', auth: oauth }), noPackage), { region: 'iad' }), '.dockerignore').content.split('\n');
    for (const entry of ['.env', '.env.*', 'node_modules', '.git', '.mcp-devmode', 'var/state.db', 'var/state.db-wal']) expect(ignore).toContain(entry);
  });
});

describe('fly.toml', () => {
  it('wires BASE_URL to the app URL, checks /healthz, stops idle machines and shuts down gracefully', () => {
    const files = generateTargetFiles('fly', deriveFacts(makeConfig(), noPackage, { appName: 'my-mcp' }), { region: 'fra' });
    const toml = parseToml(fileNamed(files, 'fly.toml').content) as Record<string, any>;
    expect(toml.app).toBe('my-mcp');
    expect(toml.primary_region).toBe('fra');
    expect(toml.kill_signal).toBe('SIGTERM');
    expect(toml.kill_timeout).toBe(30);
    expect(toml.env).toEqual({ BASE_URL: 'https://my-mcp.fly.dev', HOST: '0.0.0.0', NODE_ENV: 'production', PORT: '8080' });
    expect(toml.http_service).toMatchObject({ internal_port: 8080, force_https: true, auto_stop_machines: 'stop', auto_start_machines: true, min_machines_running: 0 });
    expect(toml.http_service.checks[0]).toMatchObject({ path: '/healthz', method: 'GET' });
    expect(toml.mounts).toBeUndefined();
  });

  it('with OAuth on SQLite mounts a volume at the state folder and says one machine is the limit', () => {
    const text = fileNamed(generateTargetFiles('fly', deriveFacts(makeConfig({ auth: oauth }), noPackage), { region: 'iad' }), 'fly.toml').content;
    const toml = parseToml(text) as Record<string, any>;
    expect(toml.mounts).toEqual([{ source: 'mcp_state', destination: '/app/.mcp-devmode', initial_size: '1gb' }]);
    expect(text).toMatch(/run exactly ONE machine/);
  });

  it('with Postgres has no volume and says several machines are fine', () => {
    const text = fileNamed(generateTargetFiles('fly', deriveFacts(makeConfig({ auth: oauth, storage: 'postgres://db/x' }), noPackage), { region: 'iad' }), 'fly.toml').content;
    expect((parseToml(text) as Record<string, unknown>).mounts).toBeUndefined();
    expect(text).toMatch(/several machines are fine/);
  });

  it('never contains a secret value, only the names', () => {
    const config = makeConfig({ auth: oauth, envVars: ['MY_CLIENT_SECRET'] });
    for (const target of DEPLOY_TARGETS) {
      for (const file of generateTargetFiles(target, deriveFacts(config, noPackage), { region: 'iad' })) {
        expect(file.content).not.toMatch(/s3cr3t/);
      }
    }
    expect(fileNamed(generateTargetFiles('fly', deriveFacts(config, noPackage), { region: 'iad' }), 'fly.toml').content).toContain('MY_CLIENT_SECRET');
  });
});

describe('render.yaml', () => {
  it('is a docker web service with /healthz, secrets as sync:false, and a disk for SQLite state', () => {
    const facts = deriveFacts(makeConfig({ auth: oauth, envVars: ['MY_CLIENT_SECRET', 'PORT'] }), noPackage);
    const doc = parseYaml(fileNamed(generateTargetFiles('render', facts, { region: 'iad' }), 'render.yaml').content) as { services: Record<string, any>[] };
    const [service] = doc.services;
    expect(service).toMatchObject({ type: 'web', runtime: 'docker', name: 'acme-handbook', healthCheckPath: '/healthz', dockerfilePath: './Dockerfile', numInstances: 1 });
    expect(service!.envVars).toEqual([{ key: 'PORT', value: '8080' }, { key: 'MY_CLIENT_SECRET', sync: false }]);
    expect(service!.disk).toEqual({ name: 'acme-handbook-state', mountPath: '/app/.mcp-devmode', sizeGB: 1 });
    expect(service!.plan).toBe('starter');
  });

  it('asks for BASE_URL only when the config references it, and has no disk with Postgres', () => {
    const facts = deriveFacts(makeConfig({ auth: oauth, storage: 'postgres://db/x', envVars: ['BASE_URL', 'DATABASE_URL'] }), noPackage);
    const doc = parseYaml(fileNamed(generateTargetFiles('render', facts, { region: 'iad' }), 'render.yaml').content) as { services: Record<string, any>[] };
    expect(doc.services[0]!.envVars).toEqual([{ key: 'PORT', value: '8080' }, { key: 'BASE_URL', sync: false }, { key: 'DATABASE_URL', sync: false }]);
    expect(doc.services[0]!.disk).toBeUndefined();
    expect(doc.services[0]!.numInstances).toBeUndefined();
  });
});

describe('railway.json', () => {
  it('builds the Dockerfile, checks /healthz, restarts on failure, and requires the volume for SQLite', () => {
    const json = JSON.parse(fileNamed(generateTargetFiles('railway', deriveFacts(makeConfig({ auth: oauth }), noPackage), { region: 'iad' }), 'railway.json').content);
    expect(json).toEqual({
      $schema: 'https://railway.com/railway.schema.json',
      build: { builder: 'DOCKERFILE', dockerfilePath: 'Dockerfile' },
      deploy: { healthcheckPath: '/healthz', healthcheckTimeout: 100, restartPolicyType: 'ON_FAILURE', restartPolicyMaxRetries: 10, numReplicas: 1, requiredMountPath: '/app/.mcp-devmode' },
    });
  });
});

describe('facts', () => {
  it('lists every referenced ${VAR} except the ones deploy sets itself', () => {
    const facts = deriveFacts(makeConfig({ envVars: ['PORT', 'HOST', 'BINANCE_KEY', 'BASE_URL', 'DATABASE_URL'] }), noPackage);
    expect(facts.secrets).toEqual(['BINANCE_KEY', 'DATABASE_URL']);
  });

  it('collapses paths under a copied folder and refuses paths outside the project', () => {
    expect(deriveFacts(makeConfig(), { ...noPackage, paths: ['data', 'data/faq.jsonl', './data/articles'] }).copyPaths).toEqual(['data']);
    expect(() => deriveFacts(makeConfig(), { ...noPackage, paths: ['../secret'] })).toThrow(DeployError);
  });

  it('refuses a package.json without lockfile or without mcp-devmode as a dependency', () => {
    expect(() => deriveFacts(makeConfig(), { ...noPackage, packageJson: { hasLockfile: false, dependsOnMcpDevmode: true } })).toThrow(/package-lock\.json/);
    expect(() => deriveFacts(makeConfig(), { ...noPackage, packageJson: { hasLockfile: true, dependsOnMcpDevmode: false } })).toThrow(/mcp-devmode/);
  });

  it('refuses a SQLite file directly in the project folder when state must live on a volume', () => {
    expect(() => deriveFacts(makeConfig({ auth: oauth, storage: 'sqlite:state.db' }), noPackage)).toThrow(/directly in the project folder/);
  });

  it('derives a platform-safe app name from the config name', () => {
    expect(deriveFacts(makeConfig({ name: 'ACME Handbook_v2!' }), noPackage).appName).toBe('acme-handbook-v2');
  });
});
