// Browser sessions in PostgreSQL (STORE=postgres): a session opened through one API node is
// found by every other, and one ended (sign-out, revocation) is gone for all of them at once.

import type { Role } from '../../domain/actor.js';
import type { Database } from '../../postgres/database.js';
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

// Times are the port's ISO-8601 text, compared byte-wise (COLLATE "C") as SQLite compares them.
const DDL = `
  CREATE TABLE IF NOT EXISTS sessions (
    id_hash text PRIMARY KEY,
    actor_id text NOT NULL,
    role text NOT NULL,
    organisation_id text,
    credential_id text,
    csrf_secret text NOT NULL,
    created_at text NOT NULL,
    expires_at text COLLATE "C" NOT NULL,
    last_seen_at text COLLATE "C" NOT NULL
  );
  CREATE INDEX IF NOT EXISTS sessions_by_credential ON sessions (credential_id);
  CREATE INDEX IF NOT EXISTS sessions_by_actor ON sessions (actor_id);
  CREATE INDEX IF NOT EXISTS sessions_by_expiry ON sessions (expires_at)`;

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

export class PostgresSessionStore implements SessionStore {
  private constructor(private readonly db: Database) {}

  static async open(db: Database): Promise<PostgresSessionStore> {
    await db.migrate('session', DDL);
    return new PostgresSessionStore(db);
  }

  async add(s: SessionRecord): Promise<void> {
    await this.db.query(
      'opening a session',
      `INSERT INTO sessions (id_hash, actor_id, role, organisation_id, credential_id, csrf_secret, created_at, expires_at, last_seen_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [s.idHash, s.actorId, s.role, s.organisationId, s.credentialId, s.csrfSecret, s.createdAt, s.expiresAt, s.lastSeenAt],
    );
  }

  async findByIdHash(idHash: string): Promise<SessionRecord | undefined> {
    const { rows } = await this.db.query<Row>('reading a session', 'SELECT * FROM sessions WHERE id_hash = $1', [idHash]);
    return rows[0] && toRecord(rows[0]);
  }

  async markSeen(idHash: string, at: string, unlessAfter: string): Promise<void> {
    await this.db.query('recording a session’s use', 'UPDATE sessions SET last_seen_at = $1 WHERE id_hash = $2 AND last_seen_at <= $3', [at, idHash, unlessAfter]);
  }

  async end(idHash: string): Promise<boolean> {
    return ((await this.db.query('ending a session', 'DELETE FROM sessions WHERE id_hash = $1', [idHash])).rowCount ?? 0) > 0;
  }

  async endForCredential(credentialId: string): Promise<number> {
    return (await this.db.query('ending a credential’s sessions', 'DELETE FROM sessions WHERE credential_id = $1', [credentialId])).rowCount ?? 0;
  }

  async endForActor(actorId: string): Promise<number> {
    return (await this.db.query('ending an identity’s sessions', 'DELETE FROM sessions WHERE actor_id = $1', [actorId])).rowCount ?? 0;
  }

  async endExpired(now: string, idleSince: string): Promise<number> {
    return (await this.db.query('forgetting ended sessions', 'DELETE FROM sessions WHERE expires_at <= $1 OR last_seen_at <= $2', [now, idleSince])).rowCount ?? 0;
  }
}
