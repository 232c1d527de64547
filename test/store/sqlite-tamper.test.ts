// The same tamper-evidence suite (tamper.suite.ts) on the SQLite store, so both adapters are
// held to one set of outcomes: the intruder opens the ledger file with a connection of their own.

import { describeTamperEvidence } from './tamper.suite.js';
import { openTamperableSqlite } from './sqlite-tamperable.js';

describeTamperEvidence('SQLite', () => openTamperableSqlite(), { merkleTree: true });
