// Cycles in the order a panel reads them: oldest first.

import type { CycleDocument } from './documents.js';

export const byCycle = (a: CycleDocument, b: CycleDocument): number =>
  a.opensOn.localeCompare(b.opensOn) || a.cycleId.localeCompare(b.cycleId);
