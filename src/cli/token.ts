// `ledger token create | list | revoke`: credentials managed from the machine that holds the
// data, for the first officers, when the administrator token is lost, or to cut one off at once.
// They work while the server runs: it reads credentials and sessions on every request (server.db,
// or with STORE=postgres the database every node shares).

import { openStore } from '../app.js';
import { Credentials, type Credential } from '../credentials/credentials.js';
import { issueCredential } from '../credentials/issue.js';
import { parseLifetime } from '../credentials/lifetime.js';
import { revokeCredential } from '../credentials/revoke.js';
import type { Role } from '../domain/actor.js';
import { Sessions } from '../sessions/sessions.js';
import { openCredentialState } from '../server-state/open.js';
import { configOrExit } from './environment.js';

/** Whoever holds the data directory acts as the administrator. */
const CLI = 'ledger token (command line)';

async function withServerDb<T>(dataDir: string | undefined, use: (deps: { credentials: Credentials; sessions: Sessions }) => Promise<T>): Promise<T> {
  const config = configOrExit({ DATA_DIR: dataDir });
  const state = await openCredentialState(config);
  try {
    return await use({ credentials: new Credentials(state.credentials), sessions: new Sessions(state.sessions) });
  } finally {
    await state.close();
  }
}

export async function createToken(options: { role: Role; org?: string; label?: string; expires?: string; dataDir?: string }): Promise<void> {
  const lifetimeMs = options.expires === undefined ? undefined : parseLifetime(options.expires);
  const config = configOrExit({ DATA_DIR: options.dataDir });
  // The ledger is read only to check an officer's organisation is one it knows.
  const store = openStore(config);
  try {
    await withServerDb(options.dataDir, async ({ credentials }) => {
      const issued = await issueCredential(
        { credentials, store },
        {
          role: options.role,
          organisationId: options.org ?? null,
          label: options.label ?? `${options.role}${options.org ? ` for ${options.org}` : ''}`,
          createdBy: 'ledger token create',
          lifetimeMs,
        },
      );
      const until = issued.expiresAt ? `, until ${issued.expiresAt}` : '';
      process.stderr.write(`Issued a ${issued.role} token (credential ${issued.id}${until}). It is shown once; keep it safe:\n`);
      process.stdout.write(`${issued.token}\n`);
    });
  } finally {
    await store.close();
  }
}

const COLUMNS: [string, (c: Credential) => string][] = [
  ['ID', (c) => c.id],
  ['ROLE', (c) => c.role],
  ['ORGANISATION', (c) => c.organisationId ?? '-'],
  ['STATUS', (c) => c.status],
  ['CREATED', (c) => c.createdAt],
  ['EXPIRES', (c) => c.expiresAt ?? 'never'],
  ['LAST USED', (c) => c.lastUsedAt ?? 'never'],
  ['LABEL', (c) => c.label],
];

/** A table for people, or JSON lines for scripts. Never a token nor its hash: the store has no token, and the hash is left out. */
export async function listTokens(options: { json?: boolean; dataDir?: string }): Promise<void> {
  await withServerDb(options.dataDir, async ({ credentials }) => {
    const all = await credentials.list();
    if (options.json) {
      process.stdout.write(all.map((c) => `${JSON.stringify(c)}\n`).join(''));
      return;
    }
    const rows = [COLUMNS.map(([title]) => title), ...all.map((c) => COLUMNS.map(([, cell]) => cell(c)))];
    const widths = COLUMNS.map((_, i) => Math.max(...rows.map((row) => (row[i] as string).length)));
    process.stdout.write(rows.map((row) => `${row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] as number))).join('  ')}\n`).join(''));
  });
}

export async function revokeToken(id: string, options: { reason?: string; dataDir?: string }): Promise<void> {
  await withServerDb(options.dataDir, async (deps) => {
    const outcome = await revokeCredential(deps, { credentialId: id, by: CLI, reason: options.reason ?? null });
    if (!outcome) throw new Error(`there is no credential ${id} (ledger token list shows them)`);
    const what = outcome.revoked ? `Revoked credential ${id}` : `Credential ${id} was already revoked (${outcome.credential.revokedAt})`;
    process.stdout.write(`${what}: its token is refused from now on; ${outcome.sessionsEnded} browser session(s) ended.\n`);
  });
}
