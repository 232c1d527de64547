// The PostgreSQL adapters of the server's own state pass the same contract suites as the
// SQLite ones in server.db: each test in a schema of its own (DATABASE_URL's search_path, as
// a node names its schema), dropped after.

import { describe, expect, it } from 'vitest';
import { PostgresCheckpointStore } from '../../src/audit/checkpoints/postgres/checkpoint-store.js';
import { PostgresCredentialStore } from '../../src/credentials/postgres/credential-store.js';
import { PostgresClaimStore } from '../../src/idempotency/postgres/claim-store.js';
import { Database } from '../../src/postgres/database.js';
import { PostgresKeyStore } from '../../src/privacy/keys/postgres/key-store.js';
import { PostgresSessionStore } from '../../src/sessions/postgres/session-store.js';
import { PostgresIdentityStore } from '../../src/identity/postgres/identity-store.js';
import { freshSchema, postgresForTests, TEST_DATABASE_URL } from '../support/postgres.js';
import { describeCheckpointStoreContract } from './checkpoint-store.contract.js';
import { describeClaimStoreContract } from './claim-store.contract.js';
import { describeCredentialStoreContract } from './credential-store.contract.js';
import { describeKeyStoreContract } from './key-store.contract.js';
import { describeSessionStoreContract } from './session-store.contract.js';
import { describeIdentityStoreContract } from './identity-store.contract.js';

const available = await postgresForTests('postgres server state contract');

/** A Database on a new schema, and a cleanup that closes it and drops the schema. */
export async function databaseOfItsOwn(label: string): Promise<{ db: Database; cleanup(): Promise<void> }> {
  const { url, drop } = await freshSchema(label);
  const db = new Database({ connectionString: url, applicationName: `contract ${label}` });
  return {
    db,
    async cleanup() {
      await db.close();
      await drop();
    },
  };
}

describe.skipIf(!available)(`PostgreSQL server state at ${TEST_DATABASE_URL}`, () => {
  describeCredentialStoreContract('PostgreSQL', async () => {
    const { db, cleanup } = await databaseOfItsOwn('credentials');
    return { store: await PostgresCredentialStore.open(db), cleanup };
  });

  describeClaimStoreContract('PostgreSQL, a node per process', async () => {
    // Each process is a node: a pool of its own on the same schema, present while its store is open.
    const { url, drop } = await freshSchema('claims');
    const nodes: Database[] = [];
    return {
      async open(owner) {
        const db = new Database({ connectionString: url, applicationName: `contract claims ${owner}` });
        nodes.push(db);
        return PostgresClaimStore.open(db, owner);
      },
      async cleanup() {
        for (const db of nodes) await db.close();
        await drop();
      },
    };
  });

  describeKeyStoreContract('PostgreSQL, a pool per store', async () => {
    const { url, drop } = await freshSchema('keys');
    const pools: Database[] = [];
    return {
      async open() {
        const db = new Database({ connectionString: url, applicationName: 'contract keys' });
        pools.push(db);
        return PostgresKeyStore.open(db);
      },
      async cleanup() {
        for (const db of pools) await db.close();
        await drop();
      },
    };
  });

  describeCheckpointStoreContract('PostgreSQL, a pool per store', async () => {
    const { url, drop } = await freshSchema('checkpoints');
    const pools: Database[] = [];
    return {
      turnsAcrossProcesses: true,
      async open() {
        const db = new Database({ connectionString: url, applicationName: 'contract checkpoints' });
        pools.push(db);
        return PostgresCheckpointStore.open(db);
      },
      async cleanup() {
        for (const db of pools) await db.close();
        await drop();
      },
    };
  });

  describeSessionStoreContract('PostgreSQL', async () => {
    const { db, cleanup } = await databaseOfItsOwn('sessions');
    return { store: await PostgresSessionStore.open(db), cleanup };
  });

  describeIdentityStoreContract('PostgreSQL', async () => {
    const { db, cleanup } = await databaseOfItsOwn('identities');
    return { store: await PostgresIdentityStore.open(db), cleanup };
  });

  describe('idempotency claims held by a node still connected', () => {
    it('are taken over only once the lease has run out', async () => {
      const { url, drop } = await freshSchema('claims_lease');
      const [alive, other] = [
        new Database({ connectionString: url, applicationName: 'contract lease alive' }),
        new Database({ connectionString: url, applicationName: 'contract lease other' }),
      ];
      const holder = await PostgresClaimStore.open(alive, 'alive', { leaseSeconds: 1 });
      const taker = await PostgresClaimStore.open(other, 'taker', { leaseSeconds: 1 });
      try {
        await holder.claim('cred-1', 'k', 'h');
        expect(await taker.takeOver('cred-1', 'k', 'alive')).toBe(false);
        await new Promise((resolve) => setTimeout(resolve, 1_100));
        expect(await taker.takeOver('cred-1', 'k', 'alive')).toBe(true);
      } finally {
        await Promise.all([holder.close(), taker.close()]);
        await Promise.all([alive.close(), other.close()]);
        await drop();
      }
    });
  });
});
