// Identity mappings and pending sign-ins in the server's own SQLite database (DATA_DIR/server.db),
// beside credentials and sessions. better-sqlite3 is synchronous; the methods are async because the port is.

import type Database from 'better-sqlite3';
import type { Role } from '../../domain/actor.js';
import type { IdentityMapping, IdentityStore, MatchBy, PendingSignIn } from '../port.js';

interface MappingRow {
  id: string;
  issuer: string;
  match_by: MatchBy;
  value: string;
  role: Role;
  organisation_id: string | null;
  label: string | null;
  created_at: string;
  created_by: string;
  last_sign_in_at: string | null;
}

interface PendingRow {
  id_hash: string;
  state: string;
  nonce: string;
  code_verifier: string;
  next: string;
  expires_at: string;
}

const toMapping = (row: MappingRow): IdentityMapping => ({
  id: row.id,
  issuer: row.issuer,
  by: row.match_by,
  value: row.value,
  role: row.role,
  organisationId: row.organisation_id,
  label: row.label,
  createdAt: row.created_at,
  createdBy: row.created_by,
  lastSignInAt: row.last_sign_in_at,
});

export class SqliteIdentityStore implements IdentityStore {
  private readonly statements;
  private readonly take: Database.Transaction<(idHash: string, now: string) => PendingRow | undefined>;
  private readonly remove: Database.Transaction<(id: string) => boolean>;

  constructor(db: Database.Database) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS identity_mappings (
        id TEXT PRIMARY KEY,
        issuer TEXT NOT NULL,
        match_by TEXT NOT NULL CHECK (match_by IN ('subject', 'email')),
        value TEXT NOT NULL,
        role TEXT NOT NULL,
        organisation_id TEXT,
        label TEXT,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL,
        last_sign_in_at TEXT,
        UNIQUE (issuer, match_by, value)
      );
      CREATE TABLE IF NOT EXISTS identity_sign_ins (
        mapping_id TEXT NOT NULL,
        actor_id TEXT NOT NULL,
        PRIMARY KEY (mapping_id, actor_id)
      );
      CREATE TABLE IF NOT EXISTS pending_sign_ins (
        id_hash TEXT PRIMARY KEY,
        state TEXT NOT NULL,
        nonce TEXT NOT NULL,
        code_verifier TEXT NOT NULL,
        next TEXT NOT NULL,
        expires_at TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS pending_sign_ins_by_expiry ON pending_sign_ins (expires_at);`);
    this.statements = {
      insert: db.prepare(
        `INSERT INTO identity_mappings (id, issuer, match_by, value, role, organisation_id, label, created_at, created_by, last_sign_in_at)
         VALUES (@id, @issuer, @by, @value, @role, @organisationId, @label, @createdAt, @createdBy, @lastSignInAt)`,
      ),
      find: db.prepare<[string, MatchBy, string], MappingRow>('SELECT * FROM identity_mappings WHERE issuer = ? AND match_by = ? AND value = ?'),
      byId: db.prepare<[string], MappingRow>('SELECT * FROM identity_mappings WHERE id = ?'),
      all: db.prepare<[], MappingRow>('SELECT * FROM identity_mappings ORDER BY created_at, id'),
      deleteMapping: db.prepare<[string]>('DELETE FROM identity_mappings WHERE id = ?'),
      deleteSignIns: db.prepare<[string]>('DELETE FROM identity_sign_ins WHERE mapping_id = ?'),
      signedIn: db.prepare<[string, string]>('UPDATE identity_mappings SET last_sign_in_at = ? WHERE id = ?'),
      signInActor: db.prepare<[string, string]>('INSERT INTO identity_sign_ins (mapping_id, actor_id) VALUES (?, ?) ON CONFLICT DO NOTHING'),
      actors: db.prepare<[string], { actor_id: string }>('SELECT actor_id FROM identity_sign_ins WHERE mapping_id = ? ORDER BY actor_id'),
      addPending: db.prepare(
        `INSERT INTO pending_sign_ins (id_hash, state, nonce, code_verifier, next, expires_at)
         VALUES (@idHash, @state, @nonce, @codeVerifier, @next, @expiresAt)`,
      ),
      pending: db.prepare<[string], PendingRow>('SELECT * FROM pending_sign_ins WHERE id_hash = ?'),
      deletePending: db.prepare<[string]>('DELETE FROM pending_sign_ins WHERE id_hash = ?'),
      deleteExpired: db.prepare<[string]>('DELETE FROM pending_sign_ins WHERE expires_at <= ?'),
    };
    this.take = db.transaction((idHash: string, now: string) => {
      this.statements.deleteExpired.run(now);
      const row = this.statements.pending.get(idHash);
      if (row) this.statements.deletePending.run(idHash);
      return row;
    });
    this.remove = db.transaction((id: string) => {
      this.statements.deleteSignIns.run(id);
      return this.statements.deleteMapping.run(id).changes > 0;
    });
  }

  async addMapping(mapping: IdentityMapping): Promise<void> {
    this.statements.insert.run(mapping);
  }

  async findMapping(issuer: string, by: MatchBy, value: string): Promise<IdentityMapping | undefined> {
    const row = this.statements.find.get(issuer, by, value);
    return row && toMapping(row);
  }

  async findMappingById(id: string): Promise<IdentityMapping | undefined> {
    const row = this.statements.byId.get(id);
    return row && toMapping(row);
  }

  async listMappings(): Promise<IdentityMapping[]> {
    return this.statements.all.all().map(toMapping);
  }

  async removeMapping(id: string): Promise<boolean> {
    return this.remove(id);
  }

  async recordSignIn(mappingId: string, actorId: string, at: string): Promise<void> {
    this.statements.signedIn.run(at, mappingId);
    this.statements.signInActor.run(mappingId, actorId);
  }

  async actorsSignedInWith(mappingId: string): Promise<string[]> {
    return this.statements.actors.all(mappingId).map((r) => r.actor_id);
  }

  async addPendingSignIn(pending: PendingSignIn): Promise<void> {
    this.statements.addPending.run(pending);
  }

  async takePendingSignIn(idHash: string, now: string): Promise<PendingSignIn | undefined> {
    const row = this.take(idHash, now);
    if (!row) return undefined;
    return { idHash: row.id_hash, state: row.state, nonce: row.nonce, codeVerifier: row.code_verifier, next: row.next, expiresAt: row.expires_at };
  }
}
