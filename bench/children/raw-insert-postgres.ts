// Child, the PostgreSQL storage limit: pg on its own, no ledger code. The same rows the
// raw SQLite baseline writes (raw-insert.ts: stream, revision, id, type, JSON data and
// metadata, the same primary key and unique constraints), one multi-row INSERT and one
// transaction per batch, on a fresh database. JSON.stringify of each row is inside the timing.

import pg from 'pg';
import { monotonicFactory } from 'ulid';
import { childMain } from '../lib/child.js';
import { responseData, responseMetadata } from '../lib/feedback.js';

export interface RawInsertPostgresInput {
  databaseUrl: string;
  rows: number;
  batch: number;
  /** Rows go to this many streams in turn, a batch to one stream (as a survey's responses are). */
  streams: number;
}

await childMain(async ({ databaseUrl, rows, batch, streams }: RawInsertPostgresInput) => {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  await client.query(`CREATE TABLE events (
    position bigint PRIMARY KEY, stream_id text NOT NULL, revision integer NOT NULL, id text NOT NULL UNIQUE,
    type text NOT NULL, version integer NOT NULL, data text NOT NULL, metadata text NOT NULL, UNIQUE (stream_id, revision))`);
  const newId = monotonicFactory();
  const revisions = new Map<string, number>();
  let position = 0;
  const writeBatch = async (stream: string, count: number) => {
    let revision = revisions.get(stream) ?? -1;
    const at = new Date().toISOString();
    const metadata = JSON.stringify(responseMetadata(at, newId()));
    const values: unknown[] = [];
    const tuples: string[] = [];
    for (let i = 0; i < count; i++) {
      const id = newId();
      position++;
      revision++;
      const n = values.length;
      tuples.push(`($${n + 1},$${n + 2},$${n + 3},$${n + 4},$${n + 5},$${n + 6},$${n + 7},$${n + 8})`);
      values.push(position, stream, revision, id, 'FeedbackReceived', 2, JSON.stringify(responseData(stream, id, position)), metadata);
    }
    await client.query('BEGIN');
    await client.query(`INSERT INTO events VALUES ${tuples.join(',')}`, values);
    await client.query('COMMIT');
    revisions.set(stream, revision);
  };
  const started = performance.now();
  for (let done = 0, b = 0; done < rows; b++) {
    const count = Math.min(batch, rows - done);
    await writeBatch(`activity-bench-${b % streams}`, count);
    done += count;
  }
  const seconds = (performance.now() - started) / 1000;
  await client.end();
  return { rows, seconds, eventsPerSec: rows / seconds };
});
