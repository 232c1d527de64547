import type { Command } from '../domain/aggregate.js';

/** One command of the demo ledger, and who sends it: 'admin', or an officer of the named organisation. */
export interface DemoStep {
  as: 'admin' | string;
  command: Command;
  /** When it happened in the world (the seed's date); recordedAt is always now. */
  occurredAt?: string;
}
