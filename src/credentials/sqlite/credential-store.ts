// The credential store in the server's own SQLite database (DATA_DIR/server.db).
// better-sqlite3 is synchronous; the methods are async because the port is.

import type Database from 'better-sqlite3';
import type { Role } from '../../domain/actor.js';
import type { CredentialRecord, CredentialStore, Revocation } from '../port.js';

interface Row {
  id: string;
  token_hash: string;
  role: Role;
  organisation_id: string | null;
  label: string;
  created_at: string;
  created_by: string;
  expires_at: string | null;
  revoked_at: string | null;
  revoked_by: string | null;
  revocation_reason: string | null;
  last_used_at: string | null;
}

/** Columns added after the first release: a server.db (or a restored backup) from before gains them. */
const LATER_COLUMNS = ['expires_at', 'revoked_at', 'revoked_by', 'revocation_reason', 'last_used_at'] as const;

function migrate(db: Database.Database): void {
  db.exec(`CREATE TABLE IF NOT EXISTS credentials (
    id TEXT PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    role TEXT NOT NULL,
    organisation_id TEXT,
    label TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL
  )`);
  const present = new Set(db.prepare<[], { name: string }>('PRAGMA table_info(credentials)').all().map((c) => c.name));
  for (const column of LATER_COLUMNS) if (!present.has(column)) db.exec(`ALTER TABLE credentials ADD COLUMN ${column} TEXT`);
}

const toRecord = (row: Row): CredentialRecord => ({
  id: row.id,
  tokenHash: row.token_hash,
  role: row.role,
  organisationId: row.organisation_id,
  label: row.label,
  createdAt: row.created_at,
  createdBy: row.created_by,
  expiresAt: row.expires_at,
  revokedAt: row.revoked_at,
  revokedBy: row.revoked_by,
  revocationReason: row.revocation_reason,
  lastUsedAt: row.last_used_at,
});

export class SqliteCredentialStore implements CredentialStore {
  private readonly statements;

  constructor(db: Database.Database) {
    migrate(db);
    this.statements = {
      insert: db.prepare(
        `INSERT INTO credentials (id, token_hash, role, organisation_id, label, created_at, created_by, expires_at, revoked_at, revoked_by, revocation_reason, last_used_at)
         VALUES (@id, @tokenHash, @role, @organisationId, @label, @createdAt, @createdBy, @expiresAt, @revokedAt, @revokedBy, @revocationReason, @lastUsedAt)`,
      ),
      insertFirstAdmin: db.prepare(
        `INSERT INTO credentials (id, token_hash, role, organisation_id, label, created_at, created_by, expires_at, revoked_at, revoked_by, revocation_reason, last_used_at)
         SELECT @id, @tokenHash, @role, @organisationId, @label, @createdAt, @createdBy, @expiresAt, @revokedAt, @revokedBy, @revocationReason, @lastUsedAt
         WHERE NOT EXISTS (SELECT 1 FROM credentials WHERE role = 'admin')`,
      ),
      // token_hash is UNIQUE, so this is one lookup in its index.
      byHash: db.prepare<[string], Row>('SELECT * FROM credentials WHERE token_hash = ?'),
      byId: db.prepare<[string], Row>('SELECT * FROM credentials WHERE id = ?'),
      all: db.prepare<[], Row>('SELECT * FROM credentials ORDER BY id'),
      revoke: db.prepare<[string, string, string | null, string]>(
        'UPDATE credentials SET revoked_at = ?, revoked_by = ?, revocation_reason = ? WHERE id = ? AND revoked_at IS NULL',
      ),
      markUsed: db.prepare<[string, string, string]>('UPDATE credentials SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at <= ?)'),
      admins: db.prepare<[], { n: number }>("SELECT count(*) AS n FROM credentials WHERE role = 'admin'"),
    };
  }

  async add(credential: CredentialRecord): Promise<void> {
    this.statements.insert.run(credential);
  }

  async addFirstAdmin(credential: CredentialRecord): Promise<boolean> {
    // One statement: SQLite runs it alone, whoever else writes server.db.
    return this.statements.insertFirstAdmin.run(credential).changes === 1;
  }

  async findByTokenHash(tokenHash: string): Promise<CredentialRecord | undefined> {
    const row = this.statements.byHash.get(tokenHash);
    return row && toRecord(row);
  }

  async find(id: string): Promise<CredentialRecord | undefined> {
    const row = this.statements.byId.get(id);
    return row && toRecord(row);
  }

  async list(): Promise<CredentialRecord[]> {
    return this.statements.all.all().map(toRecord);
  }

  async revoke(id: string, revocation: Revocation): Promise<CredentialRecord | undefined> {
    this.statements.revoke.run(revocation.at, revocation.by, revocation.reason, id);
    return this.find(id);
  }

  async markUsed(id: string, at: string, unlessAfter: string): Promise<void> {
    this.statements.markUsed.run(at, id, unlessAfter);
  }

  async hasAdmin(): Promise<boolean> {
    return (this.statements.admins.get()?.n ?? 0) > 0;
  }
}
