// A keys.db restored from a backup older than an erasure holds the erased key again:
// `ledger erase --reapply` destroys it again from the SubjectErased the log records.

import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CommandHandler } from '../../src/ledger/command-handler.js';
import { Ledger } from '../../src/ledger/ledger.js';
import { eraseSubject, reapplyErasures } from '../../src/privacy/erase.js';
import { SubjectKeys } from '../../src/privacy/key-store.js';
import { openSqliteEventStore } from '../../src/store/sqlite/index.js';
import { admin } from '../domain/given.js';

const dir = mkdtempSync(join(tmpdir(), 'ledger-reapply-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('reapplying erasures after a restore of keys.db', () => {
  it('destroys again every key whose erasure the log records, and only those', async () => {
    const store = openSqliteEventStore({ path: join(dir, 'ledger.db'), synchronous: 'NORMAL' });
    let keys = await SubjectKeys.open(dir);
    try {
      await keys.keysToSeal(['person-1', 'person-2']);
      await keys.close();
      copyFileSync(join(dir, 'keys.db'), join(dir, 'keys.backup.db'));
      keys = await SubjectKeys.open(dir);

      await eraseSubject(new Ledger(new CommandHandler({ store })), keys, { subjectId: 'person-1', reason: 'Erasure request.' }, admin);
      await keys.close();
      copyFileSync(join(dir, 'keys.backup.db'), join(dir, 'keys.db'));
      keys = await SubjectKeys.open(dir);
      expect(await keys.keyToOpen('person-1')).not.toBeNull();

      expect(await reapplyErasures(store, keys)).toEqual({ recorded: 1, destroyed: ['person-1'] });
      expect(await keys.keyToOpen('person-1')).toBeNull();
      expect(await keys.status('person-1')).toBe('erased');
      expect(await keys.keyToOpen('person-2')).not.toBeNull();
      expect(await reapplyErasures(store, keys)).toEqual({ recorded: 1, destroyed: [] });
    } finally {
      await keys.close();
      await store.close();
    }
  });
});
