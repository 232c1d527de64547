import type { Command } from '../domain/aggregate.js';
import type { Citation } from './documents.js';

/** One command of the demo ledger, who sends it ('admin', or an officer of the named organisation), and the passage it rests on. */
export interface DemoStep {
  as: 'admin' | string;
  command: Command;
  /** When it happened in the world (the seed's date); recordedAt is always now. */
  occurredAt?: string;
  source: Citation;
}
