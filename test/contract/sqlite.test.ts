import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteEventStore } from '../../src/store/sqlite/index.js';
import { describeEventStoreContract } from './event-store.contract.js';

function sqliteSubject(groupCommit: boolean) {
  return async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ledger-contract-'));
    const store = openSqliteEventStore({ path: join(dir, 'events.db'), groupCommit });
    return {
      store,
      async cleanup() {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  };
}

describeEventStoreContract('SQLite with group commit', sqliteSubject(true), { receipts: true });
describeEventStoreContract('SQLite committing each append alone', sqliteSubject(false), { receipts: true });
