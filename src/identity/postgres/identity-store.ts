// Identity mappings and pending sign-ins in PostgreSQL (STORE=postgres): a person mapped through
// one API node signs in through any other, and a sign-in started on one node may come back to
// another (the provider's redirect goes wherever the load balancer sends it).

import type { Role } from '../../domain/actor.js';
import type { Database } from '../../postgres/database.js';
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

// Times are the port's ISO-8601 text, compared byte-wise (COLLATE "C") as SQLite compares them.
const DDL = `
  CREATE TABLE IF NOT EXISTS identity_mappings (
    id text PRIMARY KEY,
    issuer text NOT NULL,
    match_by text NOT NULL CHECK (match_by IN ('subject', 'email')),
    value text NOT NULL,
    role text NOT NULL,
    organisation_id text,
    label text,
    created_at text COLLATE "C" NOT NULL,
    created_by text NOT NULL,
    last_sign_in_at text,
    UNIQUE (issuer, match_by, value)
  );
  CREATE TABLE IF NOT EXISTS identity_sign_ins (
    mapping_id text NOT NULL,
    actor_id text NOT NULL,
    PRIMARY KEY (mapping_id, actor_id)
  );
  CREATE TABLE IF NOT EXISTS pending_sign_ins (
    id_hash text PRIMARY KEY,
    state text NOT NULL,
    nonce text NOT NULL,
    code_verifier text NOT NULL,
    next text NOT NULL,
    expires_at text COLLATE "C" NOT NULL
  );
  CREATE INDEX IF NOT EXISTS pending_sign_ins_by_expiry ON pending_sign_ins (expires_at)`;

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

export class PostgresIdentityStore implements IdentityStore {
  private constructor(private readonly db: Database) {}

  static async open(db: Database): Promise<PostgresIdentityStore> {
    await db.migrate('identity', DDL);
    return new PostgresIdentityStore(db);
  }

  async addMapping(m: IdentityMapping): Promise<void> {
    await this.db.query(
      'mapping an identity',
      `INSERT INTO identity_mappings (id, issuer, match_by, value, role, organisation_id, label, created_at, created_by, last_sign_in_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [m.id, m.issuer, m.by, m.value, m.role, m.organisationId, m.label, m.createdAt, m.createdBy, m.lastSignInAt],
    );
  }

  async findMapping(issuer: string, by: MatchBy, value: string): Promise<IdentityMapping | undefined> {
    const { rows } = await this.db.query<MappingRow>('reading an identity mapping', 'SELECT * FROM identity_mappings WHERE issuer = $1 AND match_by = $2 AND value = $3', [issuer, by, value]);
    return rows[0] && toMapping(rows[0]);
  }

  async findMappingById(id: string): Promise<IdentityMapping | undefined> {
    const { rows } = await this.db.query<MappingRow>('reading an identity mapping', 'SELECT * FROM identity_mappings WHERE id = $1', [id]);
    return rows[0] && toMapping(rows[0]);
  }

  async listMappings(): Promise<IdentityMapping[]> {
    const { rows } = await this.db.query<MappingRow>('listing identity mappings', 'SELECT * FROM identity_mappings ORDER BY created_at, id');
    return rows.map(toMapping);
  }

  async removeMapping(id: string): Promise<boolean> {
    return this.db.transaction('removing an identity mapping', async (client) => {
      await client.query('DELETE FROM identity_sign_ins WHERE mapping_id = $1', [id]);
      return ((await client.query('DELETE FROM identity_mappings WHERE id = $1', [id])).rowCount ?? 0) > 0;
    });
  }

  async recordSignIn(mappingId: string, actorId: string, at: string): Promise<void> {
    await this.db.transaction('recording a sign-in', async (client) => {
      await client.query('UPDATE identity_mappings SET last_sign_in_at = $1 WHERE id = $2', [at, mappingId]);
      await client.query('INSERT INTO identity_sign_ins (mapping_id, actor_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [mappingId, actorId]);
    });
  }

  async actorsSignedInWith(mappingId: string): Promise<string[]> {
    const { rows } = await this.db.query<{ actor_id: string }>('reading who signed in', 'SELECT actor_id FROM identity_sign_ins WHERE mapping_id = $1 ORDER BY actor_id COLLATE "C"', [mappingId]);
    return rows.map((r) => r.actor_id);
  }

  async addPendingSignIn(p: PendingSignIn): Promise<void> {
    await this.db.query(
      'starting a sign-in',
      'INSERT INTO pending_sign_ins (id_hash, state, nonce, code_verifier, next, expires_at) VALUES ($1, $2, $3, $4, $5, $6)',
      [p.idHash, p.state, p.nonce, p.codeVerifier, p.next, p.expiresAt],
    );
  }

  async takePendingSignIn(idHash: string, now: string): Promise<PendingSignIn | undefined> {
    // DELETE ... RETURNING takes it once, whichever node the provider sends the browser back to.
    const row = await this.db.transaction('finishing a sign-in', async (client) => {
      await client.query('DELETE FROM pending_sign_ins WHERE expires_at <= $1', [now]);
      return (await client.query<PendingRow>('DELETE FROM pending_sign_ins WHERE id_hash = $1 RETURNING *', [idHash])).rows[0];
    });
    if (!row) return undefined;
    return { idHash: row.id_hash, state: row.state, nonce: row.nonce, codeVerifier: row.code_verifier, next: row.next, expiresAt: row.expires_at };
  }
}
