import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteEventStore } from '../../src/store/sqlite/index.js';
import { describeEventStoreContract } from './event-store.contract.js';
import { writerThreadScript } from '../support/worker-script.js';

function sqliteSubject(groupCommit: boolean, writer: 'loop' | 'thread' = 'loop') {
  return async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ledger-contract-'));
    const writerScript = writer === 'thread' ? await writerThreadScript() : undefined;
    const store = openSqliteEventStore({ path: join(dir, 'events.db'), groupCommit, writer, ...(writerScript ? { writerScript } : {}) });
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
describeEventStoreContract('SQLite with group commit on a writer thread', sqliteSubject(true, 'thread'), { receipts: true });
