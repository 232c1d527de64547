import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { openServerDb } from '../../src/api/server-db.js';
import { Credentials } from '../../src/credentials/credentials.js';
import { SqliteCredentialStore } from '../../src/credentials/sqlite/credential-store.js';
import { CommandHandler } from '../../src/ledger/command-handler.js';
import { Ledger } from '../../src/ledger/ledger.js';
import { Sessions } from '../../src/sessions/sessions.js';
import { SqliteSessionStore } from '../../src/sessions/sqlite/session-store.js';
import { openSqliteEventStore } from '../../src/store/sqlite/index.js';
import { runLedger } from '../support/ledger-process.js';

// Each test starts the CLI as a process, several for --help: room for a loaded 2-core CI machine.
vi.setConfig({ testTimeout: 60_000 });

const dir = mkdtempSync(join(tmpdir(), 'ledger-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The real `ledger` command in a child process (bundled once per file: vite-node compiles on every start). */
const ledger = (args: string[], env: Record<string, string> = {}) => runLedger(args, { DATA_DIR: dir, ...env });

// The organisation officers' tokens are issued for, registered in the ledger as an administrator would.
const store = openSqliteEventStore({ path: join(dir, 'ledger.db') });
await new Ledger(new CommandHandler({ store })).execute(
  { type: 'RegisterOrganisation', data: { organisationId: 'halton-council', name: 'Halton Borough Council', kind: 'council_service' } },
  { actor: { id: 'test', role: 'admin', organisationId: null } },
);
await store.close();

/** The credentials and sessions in the data directory, as the server reads them. */
async function inServerDb<T>(use: (credentials: Credentials, sessions: Sessions) => Promise<T>): Promise<T> {
  const db = openServerDb(dir);
  try {
    return await use(new Credentials(new SqliteCredentialStore(db)), new Sessions(new SqliteSessionStore(db)));
  } finally {
    db.close();
  }
}

describe('the ledger command line', () => {
  it('issues a token, printed once on stdout, that the ledger then recognises', async () => {
    const { code, stdout, stderr } = await ledger(['token', 'create', '--role', 'officer', '--org', 'halton-council', '--label', 'Jo, Halton']);
    expect(code).toBe(0);
    expect(stderr).toMatch(/shown once/);
    const token = stdout.trim();
    const identified = await inServerDb((credentials) => credentials.identify(token));
    expect(identified).toMatchObject({ ok: true, actor: { role: 'officer', organisationId: 'halton-council' } });
  });

  it('refuses an officer token for an organisation the ledger does not know, with a stable code and nothing issued', async () => {
    const before = await inServerDb((credentials) => credentials.list());
    const { code, stdout, stderr } = await ledger(['token', 'create', '--role', 'officer', '--org', 'no-such-council']);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toEqual([expect.stringMatching(/^ledger: UNKNOWN_ORGANISATION: the ledger has no organisation no-such-council/)]);
    expect(await inServerDb((credentials) => credentials.list())).toEqual(before);
  });

  it('issues a token that expires after --expires, and refuses a lifetime over the maximum or not in hours or days', async () => {
    const issued = await ledger(['token', 'create', '--role', 'auditor', '--expires', '90d']);
    expect(issued.code).toBe(0);
    const identified = await inServerDb((credentials) => credentials.identify(issued.stdout.trim()));
    if (!identified.ok) throw new Error(identified.refusal);
    const days = (Date.parse(identified.credential.expiresAt as string) - Date.parse(identified.credential.createdAt)) / 86_400_000;
    expect(days).toBe(90);
    for (const bad of ['400d', '90', '2w', '-1d', '0h']) {
      const refused = await ledger(['token', 'create', '--role', 'auditor', '--expires', bad]);
      expect(refused.code, bad).toBe(1);
      expect(refused.stderr.trim(), bad).toMatch(new RegExp(`^ledger: --expires ${bad}: `));
    }
  });

  it('lists credentials with role, organisation, status, created, expires and last used, and never a token nor its hash', async () => {
    const token = (await ledger(['token', 'create', '--role', 'scrutiny', '--label', 'Panel chair', '--expires', '12h'])).stdout.trim();
    const { code, stdout } = await ledger(['token', 'list']);
    expect(code).toBe(0);
    const [header, ...rows] = stdout.trim().split('\n');
    expect(header?.split(/\s{2,}/)).toEqual(['ID', 'ROLE', 'ORGANISATION', 'STATUS', 'CREATED', 'EXPIRES', 'LAST USED', 'LABEL']);
    expect(rows.find((row) => row.endsWith('Panel chair'))?.split(/\s{2,}/)).toEqual([
      expect.stringMatching(/^[0-9A-Z]{26}$/),
      'scrutiny',
      '-',
      'active',
      expect.stringMatching(/^\d{4}-/),
      expect.stringMatching(/^\d{4}-/),
      'never',
      'Panel chair',
    ]);
    const json = (await ledger(['token', 'list', '--json'])).stdout;
    expect(json).not.toContain(token);
    expect(json).not.toContain(token.slice(4));
    expect(json).not.toMatch(/[0-9a-f]{64}/); // no SHA-256 either
    expect(json).not.toContain('tokenHash');
  });

  it('revokes a credential: its token is refused as revoked and the browser sessions it opened end', async () => {
    const token = (await ledger(['token', 'create', '--role', 'auditor', '--label', 'to revoke'])).stdout.trim();
    const { credentialId, sessionId } = await inServerDb(async (credentials, sessions) => {
      const identified = await credentials.identify(token);
      if (!identified.ok) throw new Error(identified.refusal);
      const opened = await sessions.open({ actor: identified.actor, credentialId: identified.credential.id });
      return { credentialId: identified.credential.id, sessionId: opened.id };
    });
    const revoked = await ledger(['token', 'revoke', credentialId, '--reason', 'left the panel']);
    expect(revoked.code).toBe(0);
    expect(revoked.stdout).toMatch(new RegExp(`^Revoked credential ${credentialId}: .* 1 browser session\\(s\\) ended`));
    await inServerDb(async (credentials, sessions) => {
      expect(await credentials.identify(token)).toEqual({ ok: false, refusal: 'CREDENTIAL_REVOKED', credentialId });
      expect(await sessions.resolve(sessionId)).toEqual({ ok: false, refusal: 'UNAUTHENTICATED' });
      expect(await credentials.find(credentialId)).toMatchObject({ status: 'revoked', revokedBy: 'ledger token (command line)', revocationReason: 'left the panel' });
    });
    const again = await ledger(['token', 'revoke', credentialId]);
    expect([again.code, again.stdout]).toEqual([0, expect.stringMatching(/was already revoked/)]);
    const unknown = await ledger(['token', 'revoke', '01ARZ3NDEKTSV4RRFFQ69G5FAV']);
    expect([unknown.code, unknown.stderr.trim()]).toEqual([1, 'ledger: there is no credential 01ARZ3NDEKTSV4RRFFQ69G5FAV (ledger token list shows them)']);
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
    for (const command of [[], ['serve'], ['token', 'create'], ['token', 'list'], ['token', 'revoke'], ['import', 'seeds'], ['import', 'actions']]) {
      const { code, stdout } = await ledger([...command, '--help']);
      expect(code).toBe(0);
      expect(stdout).toMatch(/Usage: ledger/);
    }
  });
});
