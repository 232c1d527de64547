// The SQLite adapters of the server's own state (server.db): credentials and browser sessions
// pass their ports' contract suites, on a file as the server opens it.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openServerDb } from '../../src/api/server-db.js';
import { SqliteCredentialStore } from '../../src/credentials/sqlite/credential-store.js';
import { SqliteSessionStore } from '../../src/sessions/sqlite/session-store.js';
import { describeCredentialStoreContract } from './credential-store.contract.js';
import { describeSessionStoreContract } from './session-store.contract.js';

function serverDb() {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-server-state-'));
  const db = openServerDb(dir);
  return {
    db,
    async cleanup() {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

describeCredentialStoreContract('SQLite (server.db)', async () => {
  const { db, cleanup } = serverDb();
  return { store: new SqliteCredentialStore(db), cleanup };
});

describeSessionStoreContract('SQLite (server.db)', async () => {
  const { db, cleanup } = serverDb();
  return { store: new SqliteSessionStore(db), cleanup };
});
