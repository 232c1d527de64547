import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { Credentials } from '../../src/credentials/credentials.js';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../..');
// vite-node (shipped with vitest) runs the TypeScript CLI as a real process, no build needed.
const viteNode = join(root, 'node_modules/vite-node/vite-node.mjs');
const dir = mkdtempSync(join(tmpdir(), 'ledger-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function ledger(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run(process.execPath, [viteNode, 'src/cli.ts', '--', ...args], {
      cwd: root,
      env: { ...process.env, DATA_DIR: dir, ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

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
    const { code, stderr } = await ledger(['token', 'create', '--role', 'auditor'], { STORE: 'postgres' });
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
