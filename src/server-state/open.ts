// The server's own state, opened where STORE says: on the embedded store, DATA_DIR
// (server.db for credentials, sessions, idempotency claims and signed checkpoints; keys.db
// for personal-data keys); with STORE=postgres, the same database as the log, shared by
// every node, so that any node answers any request and a node keeps nothing in its
// DATA_DIR another needs (it writes only the first administrator token there, for the
// operator, when it is the node that issued it).

import { join, resolve } from 'node:path';
import type Database from 'better-sqlite3';
import { openServerDb } from '../api/server-db.js';
import type { CheckpointStore } from '../audit/checkpoints/port.js';
import { PostgresCheckpointStore } from '../audit/checkpoints/postgres/checkpoint-store.js';
import { SqliteCheckpointStore } from '../audit/checkpoints/sqlite/checkpoint-store.js';
import { ledgerIntegrity, type LedgerIntegrity } from '../audit/integrity/ledger-integrity.js';
import type { SigningKey } from '../audit/integrity/signing-key.js';
import { ConfigError, type Config } from '../config.js';
import type { CredentialStore } from '../credentials/port.js';
import { PostgresCredentialStore } from '../credentials/postgres/credential-store.js';
import { SqliteCredentialStore } from '../credentials/sqlite/credential-store.js';
import type { ClaimStore } from '../idempotency/port.js';
import type { IdentityStore } from '../identity/port.js';
import { PostgresIdentityStore } from '../identity/postgres/identity-store.js';
import { SqliteIdentityStore } from '../identity/sqlite/identity-store.js';
import { PostgresClaimStore } from '../idempotency/postgres/claim-store.js';
import { SqliteClaimStore } from '../idempotency/sqlite/claim-store.js';
import { Database as PostgresDatabase } from '../postgres/database.js';
import { SubjectKeys } from '../privacy/key-store.js';
import { PostgresKeyStore } from '../privacy/keys/postgres/key-store.js';
import { SqliteKeyStore } from '../privacy/keys/sqlite/key-store.js';
import { loadMasterKey } from '../privacy/master-key.js';
import type { SessionStore } from '../sessions/port.js';
import { PostgresSessionStore } from '../sessions/postgres/session-store.js';
import { SqliteSessionStore } from '../sessions/sqlite/session-store.js';
import { masterKeyEnvironment, sharedMasterKey, signingKeyOf } from './keys-from-config.js';

/** Where the server-state adapters of one process connect: server.db, or a pool on the database. */
type Backing = { kind: 'sqlite'; db: Database.Database; dataDir: string } | { kind: 'postgres'; db: PostgresDatabase };

function openBacking(config: Config, applicationName: string): Backing {
  if (config.STORE !== 'postgres') {
    const dataDir = resolve(config.DATA_DIR);
    return { kind: 'sqlite', db: openServerDb(dataDir), dataDir };
  }
  return { kind: 'postgres', db: new PostgresDatabase({ connectionString: config.DATABASE_URL as string, applicationName }) };
}

async function closeBacking(backing: Backing): Promise<void> {
  if (backing.kind === 'sqlite') backing.db.close();
  else await backing.db.close();
}

/** Runs `open` over a fresh backing; closes it when `open` fails, so a refused start leaves nothing open. */
async function over<T>(config: Config, applicationName: string, open: (backing: Backing) => Promise<T>): Promise<{ parts: T; close(): Promise<void> }> {
  const backing = openBacking(config, applicationName);
  try {
    return { parts: await open(backing), close: () => closeBacking(backing) };
  } catch (error) {
    await closeBacking(backing).catch(() => undefined);
    throw error;
  }
}

async function credentialStore(backing: Backing): Promise<CredentialStore> {
  return backing.kind === 'sqlite' ? new SqliteCredentialStore(backing.db) : PostgresCredentialStore.open(backing.db);
}

async function sessionStore(backing: Backing): Promise<SessionStore> {
  return backing.kind === 'sqlite' ? new SqliteSessionStore(backing.db) : PostgresSessionStore.open(backing.db);
}

async function identityStore(backing: Backing): Promise<IdentityStore> {
  return backing.kind === 'sqlite' ? new SqliteIdentityStore(backing.db) : PostgresIdentityStore.open(backing.db);
}

async function checkpointStore(backing: Backing): Promise<CheckpointStore> {
  return backing.kind === 'sqlite' ? new SqliteCheckpointStore(backing.db) : PostgresCheckpointStore.open(backing.db);
}

async function subjectKeys(config: Config, backing: Backing): Promise<SubjectKeys> {
  if (backing.kind === 'sqlite') {
    return SubjectKeys.over(new SqliteKeyStore(backing.dataDir), (mayCreate) => loadMasterKey(backing.dataDir, mayCreate, masterKeyEnvironment(config)));
  }
  const master = sharedMasterKey(config);
  return SubjectKeys.over(await PostgresKeyStore.open(backing.db), () => master);
}

/**
 * The signing key, checked against the statements already kept: a node given another key
 * than the one the ledger signs with would sign statements the other nodes' key refuses.
 */
async function integrityOf(key: SigningKey, checkpoints: CheckpointStore): Promise<LedgerIntegrity> {
  const latest = (await checkpoints.latest())?.statement;
  if (latest && latest.keyId !== key.keyId) {
    throw new ConfigError(
      `the signing key (id ${key.keyId.slice(0, 16)}…) is not the one this ledger signs with (its latest statement, signed ${latest.signedAt}, is by key ${latest.keyId.slice(0, 16)}…): give every node the same LEDGER_SIGNING_KEY`,
    );
  }
  return ledgerIntegrity(key, checkpoints);
}

export interface ServerState {
  credentials: CredentialStore;
  sessions: SessionStore;
  /** Identity-provider people mapped to roles, and sign-ins under way (the workbench). */
  identities: IdentityStore;
  claims: ClaimStore;
  keys: SubjectKeys;
  integrity: LedgerIntegrity;
  /** One round trip to where the state is kept (readiness). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Everything `ledger serve` needs; `node` names this process in its idempotency claims. */
export async function openServerState(config: Config, options: { node: string }): Promise<ServerState> {
  // Refuse a node without the shared keys before connecting to anything.
  const key = signingKeyOf(config, { create: true }) as SigningKey;
  if (config.STORE === 'postgres') sharedMasterKey(config);
  let keys: SubjectKeys | undefined;
  let claims: ClaimStore | undefined;
  try {
    const { parts, close } = await over(config, 'engagement-ledger', async (backing) => {
      const checkpoints = await checkpointStore(backing);
      claims = backing.kind === 'sqlite' ? new SqliteClaimStore(backing.db, options.node) : await PostgresClaimStore.open(backing.db, options.node);
      keys = await subjectKeys(config, backing);
      return {
        credentials: await credentialStore(backing),
        sessions: await sessionStore(backing),
        identities: await identityStore(backing),
        claims,
        keys,
        integrity: await integrityOf(key, checkpoints),
        ping: backing.kind === 'sqlite' ? async () => void backing.db.prepare('SELECT 1').get() : async () => void (await backing.db.query('pinging', 'SELECT 1')),
      };
    });
    return {
      ...parts,
      async close() {
        await parts.claims.close();
        await parts.keys.close();
        await close();
      },
    };
  } catch (error) {
    await claims?.close().catch(() => undefined);
    await keys?.close().catch(() => undefined);
    throw error;
  }
}

/** Credentials and sessions, for `ledger token`. */
export async function openCredentialState(config: Config): Promise<{ credentials: CredentialStore; sessions: SessionStore; close(): Promise<void> }> {
  const { parts, close } = await over(config, 'ledger token', async (backing) => ({ credentials: await credentialStore(backing), sessions: await sessionStore(backing) }));
  return { ...parts, close };
}

/** Identity mappings and sessions, for `ledger identity`. */
export async function openIdentityState(config: Config): Promise<{ identities: IdentityStore; sessions: SessionStore; close(): Promise<void> }> {
  const { parts, close } = await over(config, 'ledger identity', async (backing) => ({ identities: await identityStore(backing), sessions: await sessionStore(backing) }));
  return { ...parts, close };
}

/**
 * Signed checkpoints and the signing key, for `ledger verify / checkpoint / export`: the key
 * made (embedded store) only when `create`, as verifying signs nothing; null when there is none.
 */
export async function openIntegrityState(
  config: Config,
  options: { create: boolean },
): Promise<{ checkpoints: CheckpointStore; integrity: LedgerIntegrity | null; close(): Promise<void> }> {
  const key = signingKeyOf(config, options);
  const { parts, close } = await over(config, 'ledger audit', async (backing) => {
    const checkpoints = await checkpointStore(backing);
    return { checkpoints, integrity: key ? await integrityOf(key, checkpoints) : null };
  });
  return { ...parts, close };
}

/** The personal-data keys, for `ledger erase`. */
export async function openSubjectKeys(config: Config): Promise<{ keys: SubjectKeys; close(): Promise<void> }> {
  if (config.STORE === 'postgres') sharedMasterKey(config);
  const { parts: keys, close } = await over(config, 'ledger erase', (backing) => subjectKeys(config, backing));
  return {
    keys,
    async close() {
      await keys.close();
      await close();
    },
  };
}

/** Where `ledger serve` writes the first administrator token it issued. */
export function adminTokenPath(config: Config): string {
  return join(resolve(config.DATA_DIR), 'admin-token');
}
