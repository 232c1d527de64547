// The same tamper-evidence suite (tamper.suite.ts) on the SQLite store, so both adapters are
// held to one set of outcomes: the intruder opens the ledger file with a connection of their own.
// Both writers: on the event loop and on a writer thread.

import { writerThreadScript } from '../support/worker-script.js';
import { openTamperableSqlite } from './sqlite-tamperable.js';
import { describeTamperEvidence } from './tamper.suite.js';

describeTamperEvidence('SQLite, written on the event loop', () => openTamperableSqlite(), { merkleTree: true });
describeTamperEvidence('SQLite, written on a writer thread', async () => openTamperableSqlite(undefined, await writerThreadScript()), { merkleTree: true });
