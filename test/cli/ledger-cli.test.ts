import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { Credentials } from '../../src/credentials/credentials.js';
import { runLedger } from '../support/ledger-process.js';

// Each test starts the CLI as a process, several for --help: room for a loaded 2-core CI machine.
vi.setConfig({ testTimeout: 60_000 });

const dir = mkdtempSync(join(tmpdir(), 'ledger-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The real `ledger` command in a child process (bundled once per file: vite-node compiles on every start). */
const ledger = (args: string[], env: Record<string, string> = {}) => runLedger(args, { DATA_DIR: dir, ...env });

describe('the ledger command line', () => {
  it('issues a token, printed once on stdout, that the ledger then recognises', async () => {
    const { code, stdout, stderr } = await ledger(['token', 'create', '--role', 'officer', '--org', 'halton-council', '--label', 'Jo, Halton']);
    expect(code).toBe(0);
    expect(stderr).toMatch(/shown once/);
    const token = stdout.trim();
    const db = new Database(join(dir, 'server.db'));
    try {
      expect(new Credentials(db).authenticate(token)).toMatchObject({ role: 'officer', organisationId: 'halton-council' });
    } finally {
      db.close();
    }
  });

  it('refuses an officer token without an organisation in one line', async () => {
    const { code, stderr } = await ledger(['token', 'create', '--role', 'officer']);
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toEqual(['ledger: an officer credential needs an organisation']);
  });

  it('stops on a bad configuration value with one line naming the variable', async () => {
    const { code, stderr } = await ledger(['token', 'create', '--role', 'auditor'], { STORE: 'mongodb' });
    expect(code).toBe(2);
    expect(stderr.trim()).toMatch(/^ledger: invalid configuration: STORE /);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });

  it('explains each command with --help', async () => {
    for (const command of [[], ['serve'], ['token', 'create'], ['import', 'seeds'], ['import', 'actions']]) {
      const { code, stdout } = await ledger([...command, '--help']);
      expect(code).toBe(0);
      expect(stdout).toMatch(/Usage: ledger/);
    }
  });
});
