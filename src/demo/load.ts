// Builds the demo ledger by sending the seed documents' commands through the
// domain, exactly as officers would: never by inserting rows.

import type { Actor } from '../domain/actor.js';
import type { RecordSource } from '../domain/source.js';
import type { Ledger } from '../ledger/ledger.js';
import { quotation, seedDocuments, type Citation } from './documents.js';
import type { DemoStep } from './step.js';

export function demoActor(as: DemoStep['as']): Actor {
  return as === 'admin'
    ? { id: 'demo-admin', role: 'admin', organisationId: null }
    : { id: `demo-officer@${as}`, role: 'officer', organisationId: as };
}

/** A step's citation as the ledger keeps it in every event's metadata: the document, the file, where, and the words. */
export function recordSource(citation: Citation): RecordSource {
  const { title, file } = seedDocuments[citation.document];
  return { title, file, section: citation.section, quote: quotation(citation) };
}

/** Runs the steps in order; returns how many events they recorded. `onProgress` hears after each step (for a progress bar). */
export async function loadDemo(ledger: Ledger, steps: readonly DemoStep[], onProgress?: (done: number, total: number) => void): Promise<number> {
  let events = 0;
  let done = 0;
  for (const step of steps) {
    const result = await ledger.execute(step.command, { actor: demoActor(step.as), occurredAt: step.occurredAt, correlationId: 'demo-ledger', source: recordSource(step.source) });
    events += result.events.length;
    onProgress?.(++done, steps.length);
  }
  return events;
}
