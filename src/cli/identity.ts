// `ledger identity map | list | unmap`: who may sign in with the council's identity provider, as
// what, managed from the machine that holds the data (the first officers, or to cut someone off
// at once). They work while the server runs: it reads mappings and sessions from server.db.

import { openStore } from '../app.js';
import { openServerDb } from '../api/server-db.js';
import type { Role } from '../domain/actor.js';
import { Identities, mapIdentity } from '../identity/identities.js';
import type { IdentityMapping } from '../identity/port.js';
import { SqliteIdentityStore } from '../identity/sqlite/identity-store.js';
import { Sessions } from '../sessions/sessions.js';
import { SqliteSessionStore } from '../sessions/sqlite/session-store.js';
import { configOrExit } from './environment.js';

/** Whoever holds the data directory acts as the administrator. */
const CLI = 'ledger identity (command line)';

async function withServerDb<T>(dataDir: string | undefined, use: (deps: { identities: Identities; sessions: Sessions }) => Promise<T>): Promise<T> {
  const config = configOrExit({ DATA_DIR: dataDir });
  const db = openServerDb(config.DATA_DIR);
  try {
    return await use({ identities: new Identities(new SqliteIdentityStore(db)), sessions: new Sessions(new SqliteSessionStore(db)) });
  } finally {
    db.close();
  }
}

export interface MapOptions {
  subject?: string;
  email?: string;
  issuer?: string;
  role: Role;
  org?: string;
  label?: string;
  dataDir?: string;
}

export async function mapIdentityCommand(options: MapOptions): Promise<void> {
  if ((options.subject === undefined) === (options.email === undefined)) throw new Error('give --subject or --email (one of them)');
  const config = configOrExit({ DATA_DIR: options.dataDir });
  const issuer = options.issuer ?? config.OIDC_ISSUER;
  if (!issuer) throw new Error('no identity provider is configured (OIDC_ISSUER): give --issuer');
  // The ledger is read only to check an officer's organisation is one it knows.
  const store = openStore(config);
  try {
    await withServerDb(options.dataDir, async ({ identities }) => {
      const mapped = await mapIdentity(
        { identities, store },
        {
          issuer,
          by: options.subject !== undefined ? 'subject' : 'email',
          value: (options.subject ?? options.email) as string,
          role: options.role,
          organisationId: options.org ?? null,
          label: options.label ?? null,
          createdBy: CLI,
        },
      );
      process.stdout.write(`Mapped ${mapped.by} ${mapped.value} of ${mapped.issuer} as ${describe(mapped)} (mapping ${mapped.id}).\n`);
    });
  } finally {
    await store.close();
  }
}

const describe = (m: IdentityMapping): string => (m.organisationId ? `${m.role} of ${m.organisationId}` : m.role);

const COLUMNS: [string, (m: IdentityMapping) => string][] = [
  ['ID', (m) => m.id],
  ['BY', (m) => m.by],
  ['IDENTITY', (m) => m.value],
  ['ROLE', (m) => m.role],
  ['ORGANISATION', (m) => m.organisationId ?? '-'],
  ['LAST SIGN-IN', (m) => m.lastSignInAt ?? 'never'],
  ['ISSUER', (m) => m.issuer],
  ['LABEL', (m) => m.label ?? ''],
];

/** A table for people, or JSON lines for scripts. */
export async function listIdentities(options: { json?: boolean; dataDir?: string }): Promise<void> {
  await withServerDb(options.dataDir, async ({ identities }) => {
    const all = await identities.list();
    if (options.json) {
      process.stdout.write(all.map((m) => `${JSON.stringify(m)}\n`).join(''));
      return;
    }
    const rows = [COLUMNS.map(([title]) => title), ...all.map((m) => COLUMNS.map(([, cell]) => cell(m)))];
    const widths = COLUMNS.map((_, i) => Math.max(...rows.map((row) => (row[i] as string).length)));
    process.stdout.write(rows.map((row) => `${row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] as number))).join('  ')}\n`).join(''));
  });
}

export async function unmapIdentity(id: string, options: { dataDir?: string }): Promise<void> {
  await withServerDb(options.dataDir, async ({ identities, sessions }) => {
    const outcome = await identities.unmap(id, sessions);
    if (!outcome) throw new Error(`there is no identity mapping ${id} (ledger identity list shows them)`);
    process.stdout.write(`Unmapped ${outcome.mapping.by} ${outcome.mapping.value}: refused at its next sign-in; ${outcome.sessionsEnded} browser session(s) ended.\n`);
  });
}
