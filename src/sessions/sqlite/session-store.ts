// Browser sessions in the server's own SQLite database (DATA_DIR/server.db), beside the
// credentials. better-sqlite3 is synchronous; the methods are async because the port is.

import type Database from 'better-sqlite3';
import type { Role } from '../../domain/actor.js';
import type { SessionRecord, SessionStore } from '../port.js';

interface Row {
  id_hash: string;
  actor_id: string;
  role: Role;
  organisation_id: string | null;
  credential_id: string | null;
  csrf_secret: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
}

const toRecord = (row: Row): SessionRecord => ({
  idHash: row.id_hash,
  actorId: row.actor_id,
  role: row.role,
  organisationId: row.organisation_id,
  credentialId: row.credential_id,
  csrfSecret: row.csrf_secret,
  createdAt: row.created_at,
  expiresAt: row.expires_at,
  lastSeenAt: row.last_seen_at,
});

export class SqliteSessionStore implements SessionStore {
  private readonly statements;

  constructor(db: Database.Database) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS sessions (
        id_hash TEXT PRIMARY KEY,
        actor_id TEXT NOT NULL,
        role TEXT NOT NULL,
        organisation_id TEXT,
        credential_id TEXT,
        csrf_secret TEXT NOT NULL,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        last_seen_at TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS sessions_by_credential ON sessions (credential_id);
      CREATE INDEX IF NOT EXISTS sessions_by_expiry ON sessions (expires_at);
      CREATE INDEX IF NOT EXISTS sessions_by_actor ON sessions (actor_id);`);
    this.statements = {
      insert: db.prepare(
        `INSERT INTO sessions (id_hash, actor_id, role, organisation_id, credential_id, csrf_secret, created_at, expires_at, last_seen_at)
         VALUES (@idHash, @actorId, @role, @organisationId, @credentialId, @csrfSecret, @createdAt, @expiresAt, @lastSeenAt)`,
      ),
      byHash: db.prepare<[string], Row>('SELECT * FROM sessions WHERE id_hash = ?'),
      markSeen: db.prepare<[string, string, string]>('UPDATE sessions SET last_seen_at = ? WHERE id_hash = ? AND last_seen_at <= ?'),
      end: db.prepare<[string]>('DELETE FROM sessions WHERE id_hash = ?'),
      endForCredential: db.prepare<[string]>('DELETE FROM sessions WHERE credential_id = ?'),
      endForActor: db.prepare<[string]>('DELETE FROM sessions WHERE actor_id = ?'),
      endExpired: db.prepare<[string, string]>('DELETE FROM sessions WHERE expires_at <= ? OR last_seen_at <= ?'),
    };
  }

  async add(session: SessionRecord): Promise<void> {
    this.statements.insert.run(session);
  }

  async findByIdHash(idHash: string): Promise<SessionRecord | undefined> {
    const row = this.statements.byHash.get(idHash);
    return row && toRecord(row);
  }

  async markSeen(idHash: string, at: string, unlessAfter: string): Promise<void> {
    this.statements.markSeen.run(at, idHash, unlessAfter);
  }

  async end(idHash: string): Promise<boolean> {
    return this.statements.end.run(idHash).changes > 0;
  }

  async endForCredential(credentialId: string): Promise<number> {
    return this.statements.endForCredential.run(credentialId).changes;
  }

  async endForActor(actorId: string): Promise<number> {
    return this.statements.endForActor.run(actorId).changes;
  }

  async endExpired(now: string, idleSince: string): Promise<number> {
    return this.statements.endExpired.run(now, idleSince).changes;
  }
}
