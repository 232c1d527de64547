// A scale-out node refuses, at start and with one line, a configuration that would split the
// ledger: the embedded projection runner on a shared log, no shared signing or master key,
// or keys other than the ones the ledger already signs and seals with.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLedgerApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { runLedger } from '../support/ledger-process.js';
import { freshSchema, postgresForTests } from '../support/postgres.js';
import { scaleOutEnvironment, type ScaleOutEnvironment } from '../support/scale-out.js';
import { sharedKeys } from '../support/shared-keys.js';

const available = await postgresForTests('scale-out node configuration');

describe('a scale-out node’s configuration', () => {
  it('is refused when STORE=postgres runs the embedded projection runner, with a line saying why', () => {
    expect(() => loadConfig({ STORE: 'postgres', DATABASE_URL: 'postgres://ledger@db/ledger', PROJECTIONS: 'embedded' })).toThrow(
      /^invalid configuration: PROJECTIONS must be workers when STORE=postgres: API nodes share the log, and `ledger worker` processes keep the read models in Redis for all of them$/,
    );
    expect(() => loadConfig({ STORE: 'postgres', DATABASE_URL: 'postgres://ledger@db/ledger' })).toThrow(/PROJECTIONS must be workers/);
    expect(loadConfig({ STORE: 'postgres', DATABASE_URL: 'postgres://ledger@db/ledger', PROJECTIONS: 'workers' }).PROJECTIONS).toBe('workers');
  });
});

describe.skipIf(!available)('ledger serve on PostgreSQL, misconfigured', () => {
  let schema: { url: string; drop(): Promise<void> };
  let node: ScaleOutEnvironment;
  const dirs: string[] = [];
  const dataDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'ledger-misconfigured-'));
    dirs.push(dir);
    return dir;
  };
  /** `ledger serve` as a node started with `env`: it must end at once, with one line on stderr. */
  const refused = async (env: Record<string, string>) => {
    const run = await runLedger(['serve', '--port', '0', '--data-dir', dataDir()], env);
    expect(run.code, run.stdout).not.toBe(0);
    const lines = run.stderr.trim().split('\n');
    expect(lines, run.stderr).toHaveLength(1);
    return lines[0] as string;
  };

  beforeAll(async () => {
    schema = await freshSchema('misconfigured');
    node = scaleOutEnvironment(schema.url);
    // A ledger already running on the schema: it has sealed a subject's data and signed a statement.
    const app = await openLedgerApp(loadConfig({ ...node.env, DATA_DIR: dataDir(), LOG_LEVEL: 'silent' }), { logger: false });
    try {
      await app.keys.keysToSeal(['person-1']);
      await app.ledger.execute(
        { type: 'RegisterOrganisation', data: { organisationId: 'halton-council', name: 'Halton Borough Council', kind: 'council_service' } },
        { actor: { id: 'test', role: 'admin', organisationId: null } },
      );
      const auditor = (await app.credentials.issue({ role: 'auditor', label: 'auditor', createdBy: 'test' })).token;
      const signed = await app.server.inject({ method: 'POST', url: '/v1/integrity/checkpoints', headers: { authorization: `Bearer ${auditor}` } });
      expect(signed.statusCode, signed.body).toBe(201);
    } finally {
      await app.close();
    }
  }, 60_000);
  afterAll(async () => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    await schema?.drop();
    await node?.close();
  });

  it('ends with one line when it would run the embedded projection runner', async () => {
    expect(await refused({ ...node.env, PROJECTIONS: 'embedded' })).toMatch(/^ledger: invalid configuration: PROJECTIONS must be workers when STORE=postgres/);
  });

  it('ends with one line without the shared signing key, or without the shared master key', async () => {
    const { LEDGER_SIGNING_KEY: _s, ...withoutSigning } = node.env;
    const { LEDGER_MASTER_KEY: _m, ...withoutMaster } = node.env;
    expect(await refused(withoutSigning)).toBe('ledger: LEDGER_SIGNING_KEY or LEDGER_SIGNING_KEY_FILE is required when STORE=postgres: every node signs with the ledger’s one key');
    expect(await refused(withoutMaster)).toBe('ledger: LEDGER_MASTER_KEY or LEDGER_MASTER_KEY_FILE is required when STORE=postgres: every node must open the same personal-data keys');
  });

  it('ends with one line when its signing key or master key is not the one the ledger already uses', async () => {
    const other = sharedKeys();
    expect(await refused({ ...node.env, LEDGER_SIGNING_KEY: other.LEDGER_SIGNING_KEY })).toMatch(/^ledger: the signing key \(id [0-9a-f]{16}…\) is not the one this ledger signs with/);
    expect(await refused({ ...node.env, LEDGER_MASTER_KEY: other.LEDGER_MASTER_KEY })).toMatch(/^ledger: the master key does not open PostgreSQL \(subject_keys\)/);
  });
});
