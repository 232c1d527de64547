// The PostgreSQL adapters of the server's own state pass the same contract suites as the
// SQLite ones in server.db: each test in a schema of its own (DATABASE_URL's search_path, as
// a node names its schema), dropped after.

import { describe } from 'vitest';
import { PostgresCredentialStore } from '../../src/credentials/postgres/credential-store.js';
import { Database } from '../../src/postgres/database.js';
import { PostgresSessionStore } from '../../src/sessions/postgres/session-store.js';
import { freshSchema, postgresForTests, TEST_DATABASE_URL } from '../support/postgres.js';
import { describeCredentialStoreContract } from './credential-store.contract.js';
import { describeSessionStoreContract } from './session-store.contract.js';

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

  describeSessionStoreContract('PostgreSQL', async () => {
    const { db, cleanup } = await databaseOfItsOwn('sessions');
    return { store: await PostgresSessionStore.open(db), cleanup };
  });
});
