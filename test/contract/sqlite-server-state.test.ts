// The SQLite adapters of the server's own state (server.db): credentials, browser sessions and
// identity mappings pass their ports' contract suites, on a file as the server opens it.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openServerDb } from '../../src/api/server-db.js';
import { SqliteCredentialStore } from '../../src/credentials/sqlite/credential-store.js';
import { SqliteSessionStore } from '../../src/sessions/sqlite/session-store.js';
import { SqliteIdentityStore } from '../../src/identity/sqlite/identity-store.js';
import { describe, expect, it } from 'vitest';
import { Credentials } from '../../src/credentials/credentials.js';
import { hashToken, newToken } from '../../src/credentials/token.js';
import { describeCredentialStoreContract } from './credential-store.contract.js';
import { describeSessionStoreContract } from './session-store.contract.js';
import { describeIdentityStoreContract } from './identity-store.contract.js';

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

describeIdentityStoreContract('SQLite (server.db)', async () => {
  const { db, cleanup } = serverDb();
  return { store: new SqliteIdentityStore(db), cleanup };
});

describe('server.db from before credentials could expire or be revoked', () => {
  it('gains the new columns when opened, and its credentials still authenticate, active and never used', async () => {
    const { db, cleanup } = serverDb();
    try {
      // The table as the first release made it, with one credential in it.
      db.exec(`CREATE TABLE credentials (id TEXT PRIMARY KEY, token_hash TEXT NOT NULL UNIQUE, role TEXT NOT NULL, organisation_id TEXT,
        label TEXT NOT NULL, created_at TEXT NOT NULL, created_by TEXT NOT NULL)`);
      const token = newToken();
      db.prepare('INSERT INTO credentials VALUES (?, ?, ?, ?, ?, ?, ?)').run('01OLDCREDENTIAL', hashToken(token), 'auditor', null, 'old', '2025-01-01T00:00:00.000Z', 'ledger first start');
      const credentials = new Credentials(new SqliteCredentialStore(db));
      expect(await credentials.identify(token)).toMatchObject({ ok: true, actor: { credentialId: '01OLDCREDENTIAL', role: 'auditor' } });
      expect(await credentials.find('01OLDCREDENTIAL')).toMatchObject({ status: 'active', expiresAt: null, revokedAt: null, lastUsedAt: null });
      // Opening it again changes nothing more.
      new SqliteCredentialStore(db);
      expect(await credentials.list()).toHaveLength(1);
    } finally {
      await cleanup();
    }
  });
});
