// The tree worker of a parallel verification (src/audit/integrity/tree-worker.ts) as a script a
// worker thread can run under vitest (worker-script.ts).

import { workerScript } from './worker-script.js';

export const treeWorkerScript = (): Promise<URL> => workerScript('src/audit/integrity/tree-worker.ts');
