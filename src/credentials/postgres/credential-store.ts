// The credential store in PostgreSQL (STORE=postgres), shared by every API node: a token
// issued or revoked through one node is what every other node sees on its next request
// (each request's lookup reads the table; nothing is cached).

import type { Role } from '../../domain/actor.js';
import type { Database } from '../../postgres/database.js';
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

// Times stay ISO-8601 text, as the port gives them, compared byte-wise (COLLATE "C") as
// SQLite compares them; ids (ULIDs) sort oldest first the same way.
const DDL = `
  CREATE TABLE IF NOT EXISTS credentials (
    id text COLLATE "C" PRIMARY KEY,
    token_hash text NOT NULL UNIQUE,
    role text NOT NULL,
    organisation_id text,
    label text NOT NULL,
    created_at text NOT NULL,
    created_by text NOT NULL,
    expires_at text,
    revoked_at text,
    revoked_by text,
    revocation_reason text,
    last_used_at text COLLATE "C"
  )`;

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

export class PostgresCredentialStore implements CredentialStore {
  private constructor(private readonly db: Database) {}

  static async open(db: Database): Promise<PostgresCredentialStore> {
    await db.migrate('credential', DDL);
    return new PostgresCredentialStore(db);
  }

  async add(c: CredentialRecord): Promise<void> {
    await this.db.query(
      'keeping a credential',
      `INSERT INTO credentials (id, token_hash, role, organisation_id, label, created_at, created_by, expires_at, revoked_at, revoked_by, revocation_reason, last_used_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [c.id, c.tokenHash, c.role, c.organisationId, c.label, c.createdAt, c.createdBy, c.expiresAt, c.revokedAt, c.revokedBy, c.revocationReason, c.lastUsedAt],
    );
  }

  async addFirstAdmin(c: CredentialRecord): Promise<boolean> {
    // Nodes starting together: the lock makes "no administrator yet" and the insert one step.
    return this.db.transaction('issuing the first administrator credential', async (client) => {
      await client.query(`SELECT pg_advisory_xact_lock(hashtextextended('engagement-ledger first administrator ' || current_schema(), 0))`);
      const { rowCount } = await client.query(
        `INSERT INTO credentials (id, token_hash, role, organisation_id, label, created_at, created_by, expires_at, revoked_at, revoked_by, revocation_reason, last_used_at)
         SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12 WHERE NOT EXISTS (SELECT 1 FROM credentials WHERE role = 'admin')`,
        [c.id, c.tokenHash, c.role, c.organisationId, c.label, c.createdAt, c.createdBy, c.expiresAt, c.revokedAt, c.revokedBy, c.revocationReason, c.lastUsedAt],
      );
      return rowCount === 1;
    });
  }

  async findByTokenHash(tokenHash: string): Promise<CredentialRecord | undefined> {
    const { rows } = await this.db.query<Row>('authenticating', 'SELECT * FROM credentials WHERE token_hash = $1', [tokenHash]);
    return rows[0] && toRecord(rows[0]);
  }

  async find(id: string): Promise<CredentialRecord | undefined> {
    const { rows } = await this.db.query<Row>('reading a credential', 'SELECT * FROM credentials WHERE id = $1', [id]);
    return rows[0] && toRecord(rows[0]);
  }

  async list(): Promise<CredentialRecord[]> {
    const { rows } = await this.db.query<Row>('listing credentials', 'SELECT * FROM credentials ORDER BY id');
    return rows.map(toRecord);
  }

  async revoke(id: string, revocation: Revocation): Promise<CredentialRecord | undefined> {
    await this.db.query(
      'revoking a credential',
      'UPDATE credentials SET revoked_at = $1, revoked_by = $2, revocation_reason = $3 WHERE id = $4 AND revoked_at IS NULL',
      [revocation.at, revocation.by, revocation.reason, id],
    );
    return this.find(id);
  }

  async markUsed(id: string, at: string, unlessAfter: string): Promise<void> {
    await this.db.query(
      'recording a use',
      'UPDATE credentials SET last_used_at = $1 WHERE id = $2 AND (last_used_at IS NULL OR last_used_at <= $3)',
      [at, id, unlessAfter],
    );
  }

  async hasAdmin(): Promise<boolean> {
    const { rows } = await this.db.query<{ any: boolean }>('looking for an administrator', "SELECT EXISTS (SELECT 1 FROM credentials WHERE role = 'admin') AS any");
    return rows[0]?.any === true;
  }
}
