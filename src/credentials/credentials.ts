// Credentials: who may use the ledger, in which role, for which organisation.
// Kept beside the ledger (not in it): tokens are access control, not engagement evidence.

import type Database from 'better-sqlite3';
import { monotonicFactory } from 'ulid';
import type { Actor, Role } from '../domain/actor.js';
import { hashToken, looksLikeToken, newToken, sameHash } from './token.js';

export interface Credential {
  id: string;
  role: Role;
  organisationId: string | null;
  label: string;
  createdAt: string;
  createdBy: string;
}

export interface IssuedCredential extends Credential {
  /** Shown once, never stored. */
  token: string;
}

interface Row {
  id: string;
  token_hash: string;
  role: Role;
  organisation_id: string | null;
  label: string;
  created_at: string;
  created_by: string;
}

const newId = monotonicFactory();

export class Credentials {
  private readonly insert: Database.Statement;
  private readonly byHash: Database.Statement<[string], Row>;
  private readonly countAdmins: Database.Statement<[], { n: number }>;
  private readonly all: Database.Statement<[], Row>;

  constructor(db: Database.Database) {
    db.exec(`CREATE TABLE IF NOT EXISTS credentials (
      id TEXT PRIMARY KEY,
      token_hash TEXT NOT NULL UNIQUE,
      role TEXT NOT NULL,
      organisation_id TEXT,
      label TEXT NOT NULL,
      created_at TEXT NOT NULL,
      created_by TEXT NOT NULL
    )`);
    this.insert = db.prepare(
      'INSERT INTO credentials (id, token_hash, role, organisation_id, label, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.byHash = db.prepare('SELECT * FROM credentials WHERE token_hash = ?');
    this.countAdmins = db.prepare("SELECT count(*) AS n FROM credentials WHERE role = 'admin'");
    this.all = db.prepare('SELECT * FROM credentials ORDER BY id');
  }

  issue(input: { role: Role; organisationId?: string | null; label: string; createdBy: string }): IssuedCredential {
    const organisationId = input.organisationId ?? null;
    if (input.role === 'officer' && !organisationId) throw new Error('an officer credential needs an organisation');
    if (input.role !== 'officer' && organisationId) throw new Error(`a ${input.role} credential is not bound to an organisation`);
    const token = newToken();
    const credential: Credential = {
      id: newId(),
      role: input.role,
      organisationId,
      label: input.label,
      createdAt: new Date().toISOString(),
      createdBy: input.createdBy,
    };
    this.insert.run(credential.id, hashToken(token), credential.role, organisationId, credential.label, credential.createdAt, credential.createdBy);
    return { ...credential, token };
  }

  /** The actor a bearer token stands for, or undefined. */
  authenticate(token: string): (Actor & { credentialId: string }) | undefined {
    if (!looksLikeToken(token)) return undefined;
    const hash = hashToken(token);
    const row = this.byHash.get(hash);
    if (!row || !sameHash(row.token_hash, hash)) return undefined;
    return { id: `credential:${row.id}`, credentialId: row.id, role: row.role, organisationId: row.organisation_id };
  }

  hasAdmin(): boolean {
    return (this.countAdmins.get()?.n ?? 0) > 0;
  }

  list(): Credential[] {
    return this.all.all().map((row) => ({
      id: row.id,
      role: row.role,
      organisationId: row.organisation_id,
      label: row.label,
      createdAt: row.created_at,
      createdBy: row.created_by,
    }));
  }
}
