// Applying a batch of events to one projection, the same way for every runner:
// skip what the checkpoint says is done, fold the rest, and commit the rows (with where
// each is found) and the checkpoint together, refusing if another runner moved it meanwhile.

import { entriesOf, foldBatch, keysOfBatch, type Projection, type ProjectedEvent } from './projection.js';
import type { ReadModelStore, RowWrite } from './read-model-store.js';

export type BatchOutcome =
  /** Applied; the checkpoint is now at the batch's end. */
  | 'applied'
  /** The checkpoint had already passed the batch: nothing to do (a redelivered job). */
  | 'already_applied'
  /** Events before this batch are not applied yet: try again after them. */
  | 'not_yet'
  /** Someone else committed between our read and our commit: nothing written. */
  | 'conflict';

export interface Batch {
  /** The batch holds the events after this position... */
  after: number;
  /** ...up to and including this one (the log may have gaps for events of other types). */
  through: number;
  events: readonly ProjectedEvent[];
}

export async function applyBatch(store: ReadModelStore, projection: Projection<unknown>, batch: Batch, storageName = projection.name): Promise<BatchOutcome> {
  const checkpoint = (await store.checkpoint(storageName))?.position ?? 0;
  if (checkpoint >= batch.through) return 'already_applied';
  if (checkpoint < batch.after) return 'not_yet';
  const events = batch.events.filter((e) => e.position > checkpoint);
  const loaded = await store.load(storageName, keysOfBatch(projection, events));
  const { documents, touched } = foldBatch(projection, events, loaded);
  const rows: Record<string, RowWrite | undefined> = {};
  for (const key of touched) {
    const row = documents[key];
    rows[key] = row === undefined ? undefined : { row, index: entriesOf(projection, row) };
  }
  const committed = await store.commit(storageName, { fromPosition: checkpoint, toPosition: batch.through, version: projection.version, rows });
  return committed ? 'applied' : 'conflict';
}
