import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { API_MEMORY_ENV, API_NODE_FLAGS } from '../src/supervisor/index.js';

// docker-compose.yml and the Dockerfile, checked without a Docker engine: Debian's docker-compose
// (1.29) validates and resolves the file with `config`, and the PyYAML it depends on turns the
// result into JSON. CI installs docker-compose (.ci/run); elsewhere its absence fails here loudly.

const root = process.cwd();
const SKYTWIN_SERVICES = ['migrate', 'api', 'worker', 'emulator'];
const LONG_RUNNING = ['cockroach', 'api', 'worker', 'emulator'];

type Json = ReturnType<typeof JSON.parse>;

function run(command: string, args: string[], input?: string): string {
  // A clean environment: the file's ${VAR:-default} settings resolve to their defaults.
  const result = spawnSync(command, args, { cwd: root, input, encoding: 'utf8', env: { PATH: process.env.PATH, HOME: process.env.HOME } });
  if (result.error && (result.error as NodeJS.ErrnoException).code === 'ENOENT') {
    throw new Error(`${command} is not installed; it is needed to check docker-compose.yml: apt-get install docker-compose (CI installs it)`);
  }
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${String(result.status)}:\n${result.stderr}`);
  return result.stdout;
}

function composeConfig(...extra: string[]): Json {
  const yaml = run('docker-compose', ['-f', 'docker-compose.yml', ...extra, 'config']);
  return JSON.parse(run('python3', ['-c', 'import json, sys, yaml; json.dump(yaml.safe_load(sys.stdin), sys.stdout)'], yaml));
}

describe('docker-compose.yml', () => {
  const config = composeConfig();
  const services: Record<string, Json> = config.services;

  it('runs CockroachDB, a one-shot migrate, the API and the worker, and the emulator only under the demo profile', () => {
    expect(Object.keys(services).sort()).toEqual(['api', 'cockroach', 'emulator', 'migrate', 'worker']);
    expect(services.emulator.profiles).toEqual(['demo']);
    for (const name of ['cockroach', 'migrate', 'api', 'worker']) expect(services[name].profiles, name).toBeUndefined();
    expect(composeConfig('--profile', 'demo').services.emulator.command).toEqual(['emulator', '--host', '0.0.0.0', '--port', '3101', '--demo-user', 'demo@skytwin.example', '--state', '/emulator/state.json']);
    expect(services.cockroach.image).toMatch(/^cockroachdb\/cockroach:v\d+\.\d+\.\d+$/);
    expect(services.cockroach.command).toBe('start-single-node --insecure');
    expect(services.cockroach.volumes).toEqual(['cockroach-data:/cockroach/cockroach-data:rw']);
    expect(services.migrate.command).toEqual(['migrate']);
    expect(services.api.command).toEqual(['api']);
    expect(services.worker.command).toEqual(['worker']);
  });

  it('restarts every long-running service unless stopped, never the migration, and gives each a health check', () => {
    for (const name of LONG_RUNNING) {
      expect(services[name].restart, name).toBe('unless-stopped');
      expect(services[name].healthcheck?.test?.[0], name).toBe('CMD');
    }
    expect(services.migrate.restart).toBe('no');
    expect(services.migrate.healthcheck).toBeUndefined();
    expect(services.cockroach.healthcheck.test).toEqual(['CMD', 'curl', '--fail', '--silent', 'http://localhost:8080/health?ready=1']);
    expect(services.api.healthcheck.test.join(' ')).toContain("fetch('http://127.0.0.1:3100/api/health/ready')");
    expect(services.worker.healthcheck.test).toEqual(['CMD', 'node', 'dist/cli/main.js', 'worker', 'health', '--max-age', '120']);
    expect(services.emulator.healthcheck.test.join(' ')).toContain("fetch('http://127.0.0.1:3101/_emulator/health')");
  });

  it('starts in order: CockroachDB healthy → migrate completed → API healthy → worker', () => {
    expect(services.migrate.depends_on).toEqual({ cockroach: { condition: 'service_healthy' } });
    expect(services.api.depends_on).toEqual({ migrate: { condition: 'service_completed_successfully' } });
    expect(services.worker.depends_on).toEqual({ api: { condition: 'service_healthy' } });
  });

  it('connects SkyTwin to CockroachDB, lets the worker reach the API by name, and shares the data directory (the API token)', () => {
    for (const name of ['migrate', 'api', 'worker']) {
      const env = services[name].environment;
      expect(env.DATABASE_URL, name).toBe('postgresql://root@cockroach:26257/defaultdb?sslmode=disable');
      expect(env.SKYTWIN_API_URL, name).toBe('http://api:3100');
      expect(env.SKYTWIN_DATA_DIR, name).toBe('/data');
      expect(env.SKYTWIN_EMULATOR_URL, name).toBe('http://emulator:3101');
      expect(services[name].volumes, name).toEqual(['skytwin-data:/data:rw']);
    }
    expect(services.api.environment).toMatchObject({ SKYTWIN_API_HOST: '0.0.0.0', SKYTWIN_API_ALLOWED_HOSTS: 'api:3100' });
    // The API's memory settings, the same as bin/skytwin-dev gives it.
    expect(services.api.environment).toMatchObject({ NODE_OPTIONS: API_NODE_FLAGS.join(' '), ...API_MEMORY_ENV });
    // Workers scale out: each keeps its heartbeat in its own container, not on the shared volume.
    expect(services.worker.environment.SKYTWIN_WORKER_HEARTBEAT_FILE).toMatch(/^\/tmp\//);
    expect(services.emulator.environment.SKYTWIN_EMULATOR_DEMO_REFRESH_TOKEN).toBe('skytwin-demo-refresh-token');
    // The demo emulator keeps its mailboxes on a volume of its own, so a restart keeps their ids.
    expect(services.emulator.volumes).toEqual(['emulator-state:/emulator:rw']);
    expect(Object.keys(config.volumes).sort()).toEqual(['cockroach-data', 'emulator-state', 'skytwin-data']);
  });

  it('publishes the API on this machine only, and nothing else', () => {
    expect(services.api.ports).toEqual(['127.0.0.1:3100:3100/tcp']);
    for (const name of ['cockroach', 'migrate', 'worker', 'emulator']) expect(services[name].ports, name).toBeUndefined();
  });

  it('runs SkyTwin commands that exist, built from the Dockerfile beside it', () => {
    for (const name of SKYTWIN_SERVICES) {
      expect(services[name].build, name).toEqual({ context: root });
      const [command] = services[name].command as string[];
      const help = spawnSync(process.execPath, ['dist/cli/main.js', command ?? '', '--help'], { cwd: root, encoding: 'utf8' });
      expect(help.status, `${name}: ${help.stderr}`).toBe(0);
    }
    // The worker's health check is a real command: with no heartbeat it says so and fails.
    const [, ...health] = services.worker.healthcheck.test as string[];
    const check = spawnSync(health[0] === 'node' ? process.execPath : String(health[0]), health.slice(1), {
      cwd: root,
      encoding: 'utf8',
      env: { PATH: process.env.PATH, SKYTWIN_WORKER_HEARTBEAT_FILE: join(root, 'no-such-dir', 'worker.heartbeat') },
    });
    expect(check.status).toBe(1);
    expect(check.stderr).toContain('worker not alive: no heartbeat file');
  });
});

describe('Dockerfile', () => {
  const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');
  const lines = dockerfile.split('\n').filter((line) => line.trim() !== '' && !line.trimStart().startsWith('#'));
  const stages = lines.filter((line) => line.startsWith('FROM '));
  const runtime = lines.slice(lines.indexOf(stages.at(-1) ?? ''));
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string>; dependencies: Record<string, string> };

  it('builds in one stage and runs from another, as a user who is not root, in production mode', () => {
    expect(stages.map((line) => line.split(/\s+/).at(-1))).toEqual(['build', 'runtime']);
    const user = runtime.filter((line) => line.startsWith('USER ')).at(-1)?.split(/\s+/)[1];
    expect(user).toBeDefined();
    expect(['root', '0']).not.toContain(user);
    expect(runtime.join('\n')).toMatch(/NODE_ENV=production/);
    expect(runtime.join('\n')).toContain('COPY --from=build /app/dist ./dist');
    // The web app is built into dist/web: no folder of page files beside it.
    expect(runtime.join('\n')).not.toContain('COPY public');
  });

  it('installs with npm ci, the runtime without dev dependencies, never running `prepare` where the sources are missing', () => {
    const installs = lines.filter((line) => /\bnpm (ci|install)\b/.test(line));
    expect(installs).toHaveLength(2);
    for (const line of installs) expect(line).toMatch(/npm ci\b/);
    expect(installs[1]).toContain('--omit=dev');
    if (pkg.scripts.prepare !== undefined) for (const line of installs) expect(line).toContain('--ignore-scripts');
    expect(lines.indexOf(lines.find((line) => line.includes('npm run build')) ?? '')).toBeGreaterThan(lines.indexOf('COPY src ./src'));
  });

  it('starts the CLI that the build makes, and copies only paths that exist and .dockerignore lets through', () => {
    expect(dockerfile).toContain('ENTRYPOINT ["node", "dist/cli/main.js"]');
    expect(existsSync(join(root, 'dist', 'cli', 'main.js'))).toBe(true);
    const ignored = readFileSync(join(root, '.dockerignore'), 'utf8').split('\n').filter((line) => line && !line.startsWith('#'));
    for (const line of lines.filter((l) => l.startsWith('COPY ') && !l.includes('--from='))) {
      for (const source of line.split(/\s+/).slice(1, -1)) {
        expect(existsSync(join(root, source)), source).toBe(true);
        expect(ignored, source).not.toContain(source);
      }
    }
  });

  it('needs nothing at run time beyond the production dependencies: every package dist/ imports is one', () => {
    const builtins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));
    const imported = new Set<string>();
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (entry.name.endsWith('.js')) {
          const text = readFileSync(path, 'utf8');
          const statics = text.matchAll(/^(?:import|export)\b[^;'"]*?\bfrom\s*['"]([^'"]+)['"]|^import\s*['"]([^'"]+)['"]/gm);
          const dynamics = text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g);
          for (const match of [...statics, ...dynamics]) {
            const specifier = match[1] ?? match[2] ?? '';
            if (specifier.startsWith('.')) continue;
            const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : (specifier.split('/')[0] ?? '');
            if (!builtins.has(specifier) && !builtins.has(name)) imported.add(name);
          }
        }
      }
    };
    walk(join(root, 'dist'));
    expect(imported.size).toBeGreaterThan(0);
    expect([...imported].filter((name) => !(name in pkg.dependencies))).toEqual([]);
  });
});
