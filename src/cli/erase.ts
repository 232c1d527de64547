// `ledger erase --subject ID --reason TEXT`: a data subject's erasure request. Records
// SubjectErased in the log, then destroys the subject's key (keys.db, or PostgreSQL): every
// envelope sealed for them (in the log, its backups and every exported bundle) is unreadable
// from then on. Works while the server runs: the server reads keys afresh on every request.
// `ledger erase --reapply`, after restoring keys.db from a backup: no restore undoes an erasure.

import { openStore } from '../app.js';
import { CommandHandler } from '../ledger/command-handler.js';
import { Ledger } from '../ledger/ledger.js';
import { eraseSubject, reapplyErasures } from '../privacy/erase.js';
import { openSubjectKeys } from '../server-state/open.js';
import { configOrExit } from './environment.js';

export interface EraseOptions {
  subject?: string;
  reason: string;
  /** Destroy again the keys of every erasure the log records (after keys.db was restored from a backup). */
  reapply?: boolean;
  dataDir?: string;
}

/** Whoever holds the data directory acts as the administrator. */
const CLI_ADMIN = { id: 'ledger erase (command line)', role: 'admin', organisationId: null } as const;

export async function eraseCommand(options: EraseOptions): Promise<void> {
  const config = configOrExit({ DATA_DIR: options.dataDir });
  const store = openStore(config);
  const { keys, close } = await openSubjectKeys(config);
  try {
    if (options.reapply) {
      const { recorded, destroyed } = await reapplyErasures(store, keys);
      process.stdout.write(`The log records ${recorded} erasures; destroyed again the keys of ${destroyed.length}${destroyed.length ? `: ${destroyed.join(', ')}` : ''}.\n`);
      return;
    }
    if (!options.subject) throw new Error('name the data subject: --subject ID (or --reapply)');
    const outcome = await eraseSubject(new Ledger(new CommandHandler({ store })), keys, { subjectId: options.subject, reason: options.reason }, CLI_ADMIN);
    const recorded = outcome.recorded ? `recorded SubjectErased at position ${outcome.position}` : 'its erasure was already recorded';
    const key = outcome.key === 'erased' ? 'destroyed the key' : 'the key was already destroyed';
    process.stdout.write(`Erased data subject ${outcome.subjectId}: ${recorded}; ${key}.\n`);
  } finally {
    await close();
    await store.close();
  }
}
