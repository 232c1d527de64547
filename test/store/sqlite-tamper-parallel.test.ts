// The tamper-evidence suite (tamper.suite.ts) on SQLite verified in ranges on worker threads
// (verifyLedgerWith's parallel mode): three ranges however short the log, so ranges meet inside
// it at unaligned positions, and every alteration must be caught, and named, as on one thread.

import { rangeWorkerScript } from '../support/range-worker-script.js';
import { describeTamperEvidence } from './tamper.suite.js';
import { openTamperableSqlite } from './sqlite-tamperable.js';

describeTamperEvidence('SQLite, verified in ranges on worker threads', async () => openTamperableSqlite({ workers: 3, minRange: 1, script: await rangeWorkerScript() }), { merkleTree: true });
