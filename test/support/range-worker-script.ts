// The range worker of a parallel verification (src/audit/integrity/range-worker.ts) as a script a
// worker thread can run under vitest (worker-script.ts).

import { workerScript } from './worker-script.js';

export const rangeWorkerScript = (): Promise<URL> => workerScript('src/audit/integrity/range-worker.ts');
