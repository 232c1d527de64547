// The image and the compose file, checked without a Docker engine (none runs here; the image
// was never built on these machines): every command they run is one the `ledger` CLI accepts,
// every environment one the configuration schema accepts, the image runs as a non-root user
// with DATA_DIR on a volume and probes readiness; `docker compose config` where compose exists.

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { configSchema } from '../../src/config.js';
import { root } from '../support/ledger-process.js';

// The CLI's command tree, built but not run (src/cli.ts parses unless this flag is set).
(globalThis as Record<symbol, unknown>)[Symbol.for('engagement-ledger.cli.build-only')] = true;
const { program } = await import('../../src/cli.js');

class Accepted extends Error {
  constructor(readonly command: string) {
    super(command);
  }
}
// Once every option is parsed and checked, and before the action runs: stop, saying which command it was.
program.hook('preAction', (_program, action) => {
  throw new Accepted(action.name());
});
const quiet = (command: Command) => {
  command.exitOverride().configureOutput({ writeOut: () => undefined, writeErr: () => undefined, outputError: () => undefined });
  command.commands.forEach(quiet);
};
quiet(program);

/** Parse a command line with the real commander program; resolves to the command it would run, rejects with commander's refusal. */
async function accepts(args: readonly string[]): Promise<string> {
  try {
    await program.parseAsync([...args], { from: 'user' });
  } catch (error) {
    if (error instanceof Accepted) return error.command;
    throw error;
  }
  throw new Error(`${args.join(' ')} ran nothing`);
}

/** The Dockerfile's instructions, continuation lines joined, comments dropped. */
function dockerfile(): Array<{ instruction: string; args: string }> {
  const text = readFileSync(join(root, 'Dockerfile'), 'utf8').replace(/\\\n/g, ' ');
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const [instruction = '', ...rest] = line.split(/\s+/);
      return { instruction: instruction.toUpperCase(), args: rest.join(' ') };
    });
}

const image = dockerfile();
const last = (instruction: string) => image.filter((i) => i.instruction === instruction).at(-1)?.args ?? '';
const imageEnv = Object.fromEntries(
  image
    .filter((i) => i.instruction === 'ENV')
    .flatMap((i) => [...i.args.matchAll(/([A-Z_]+)=(\S+)/g)].map((m) => [m[1] as string, m[2] as string])),
);
const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, { command?: string[] | string; entrypoint?: string[]; environment?: Record<string, string | number>; profiles?: string[]; image?: string; build?: string }>;
};
const ledgerServices = Object.entries(compose.services).filter(([, s]) => s.image === 'engagement-ledger:local');
const postgresInSchema = configSchema.safeParse({ STORE: 'postgres', DATABASE_URL: 'postgres://ledger:ledger@postgres:5432/ledger', PROJECTIONS: 'workers' }).success;
if (!postgresInSchema) console.warn('[deploy] the scale-out services’ STORE=postgres is checked once the PostgreSQL store (issue 17) is in the configuration schema');

describe('the container image', () => {
  it('builds in two stages on node:20-slim, the second with production dependencies only', () => {
    const stages = image.filter((i) => i.instruction === 'FROM').map((i) => i.args);
    expect(stages).toEqual(['node:20-slim AS build', 'node:20-slim']);
    expect(image.some((i) => i.instruction === 'RUN' && i.args.includes('npm prune --omit=dev'))).toBe(true);
  });

  it('runs as a non-root user with DATA_DIR on a volume', () => {
    expect(last('USER')).toBe('node');
    expect(JSON.parse(last('VOLUME'))).toEqual([imageEnv.DATA_DIR]);
  });

  it('probes /health/ready, a route the server serves in public', () => {
    expect(last('HEALTHCHECK')).toContain('/health/ready');
    const routes = readFileSync(join(root, 'src/observability/probes.ts'), 'utf8');
    expect(routes).toContain("'/health/ready'");
  });

  it('starts `ledger serve`, a command the CLI accepts, with an environment the configuration accepts', async () => {
    expect(JSON.parse(last('ENTRYPOINT'))).toEqual(['ledger']);
    const command = JSON.parse(last('CMD')) as string[];
    await expect(accepts(command)).resolves.toBe('serve');
    const config = configSchema.safeParse(imageEnv);
    expect(config.error?.issues ?? []).toEqual([]);
    expect(config.data?.HOST).toBe('0.0.0.0');
  });

  it('puts every ledger command on the PATH, and copies only files that exist', async () => {
    expect(image.some((i) => i.instruction === 'RUN' && i.args.includes('ln -s /app/dist/src/cli.js /usr/local/bin/ledger'))).toBe(true);
    expect(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).bin.ledger).toBe('dist/src/cli.js');
    for (const args of [['backup', '/backups/x.backup'], ['verify'], ['token', 'create', '--role', 'metrics'], ['worker', '--role', 'worker']]) {
      await expect(accepts(args), args.join(' ')).resolves.toMatch(/\w/);
    }
    // The check can fail: commander refuses an unknown option and a role it does not offer.
    await expect(accepts(['serve', '--no-such-option'])).rejects.toThrow(/unknown option/);
    await expect(accepts(['worker', '--role', 'boss'])).rejects.toThrow(/boss/);
    const sources = image.filter((i) => i.instruction === 'COPY' && !i.args.startsWith('--from')).flatMap((i) => i.args.split(/\s+/).slice(0, -1));
    for (const source of sources) expect(existsSync(join(root, source)), source).toBe(true);
    expect(statSync(join(root, 'deploy/backup.sh')).mode & 0o111).not.toBe(0);
  });
});

describe('the compose file', () => {
  it('runs the ledger alone by default: one service and a volume', () => {
    const byDefault = Object.entries(compose.services).filter(([, s]) => !s.profiles);
    expect(byDefault.map(([name]) => name)).toEqual(['ledger']);
    expect(compose.services.ledger?.build).toBe('.');
  });

  it('has KurrentDB, backup and scale-out profiles', () => {
    const profiles = new Set(Object.values(compose.services).flatMap((s) => s.profiles ?? []));
    expect([...profiles].sort()).toEqual(['backup', 'kurrentdb', 'scale-out']);
    const scaleOut = Object.entries(compose.services).filter(([, s]) => s.profiles?.includes('scale-out')).map(([name]) => name);
    expect(scaleOut.sort()).toEqual(['api-1', 'api-2', 'dispatcher', 'postgres', 'redis', 'worker']);
  });

  it.each(ledgerServices.filter(([, s]) => !s.entrypoint))('service %s runs a command the CLI accepts', async (_name, service) => {
    const command = Array.isArray(service.command) ? service.command : String(service.command).split(' ');
    await expect(accepts(command)).resolves.toMatch(/^(serve|worker)$/);
  });

  it.each(ledgerServices)('service %s has an environment the configuration accepts', (name, service) => {
    const env = Object.fromEntries(Object.entries(service.environment ?? {}).map(([k, v]) => [k, String(v)]));
    if (env.STORE === 'postgres' && !postgresInSchema) return; // announced above
    const config = configSchema.safeParse(env);
    expect(config.error?.issues ?? [], name).toEqual([]);
  });

  it('runs the backup service through deploy/backup.sh, installed in the image as ledger-backup', () => {
    expect(compose.services.backup?.entrypoint).toEqual(['ledger-backup']);
    expect(image.some((i) => i.instruction === 'COPY' && i.args === 'deploy/backup.sh /usr/local/bin/ledger-backup')).toBe(true);
  });

  const composeCli = ['docker compose', 'docker-compose'].find((cli) => {
    const [bin, ...sub] = cli.split(' ');
    return spawnSync(bin as string, [...sub, 'version'], { encoding: 'utf8' }).status === 0;
  });
  if (!composeCli) console.warn('[deploy] docker compose config skipped: no compose client here (install docker-compose to run it)');
  it.skipIf(!composeCli)('is valid for docker compose config, with every profile', () => {
    const [bin, ...sub] = (composeCli as string).split(' ');
    for (const profile of [[], ['--profile', 'backup'], ['--profile', 'kurrentdb'], ['--profile', 'scale-out']]) {
      const checked = spawnSync(bin as string, [...sub, '-f', join(root, 'docker-compose.yml'), ...profile, 'config', '--quiet'], { encoding: 'utf8' });
      expect(checked.status, `${profile.join(' ')}: ${checked.stderr}`).toBe(0);
    }
  });
});
