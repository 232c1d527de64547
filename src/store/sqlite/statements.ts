// Every statement the store runs, prepared once when the store opens.

import type Database from 'better-sqlite3';
import { prepareReceiptStatements } from './receipts.js';
import type { EventRow, StoredRow } from '../sql-rows.js';

export interface StoredPlace {
  stream_id: string;
  revision: number;
  position: number;
}

export type Statements = ReturnType<typeof prepareStatements>;

export function prepareStatements(db: Database.Database) {
  return {
    insert: db.prepare<EventRow>(
      `INSERT INTO events (position, stream_id, revision, id, type, version, data, metadata, hash)
       VALUES (@position, @stream_id, @revision, @id, @type, @version, @data, @metadata, @hash)`,
    ),
    placeOfId: db.prepare<[string], StoredPlace>('SELECT stream_id, revision, position FROM events WHERE id = ?'),
    idsFromRevision: db.prepare<[string, number, number], Pick<EventRow, 'id' | 'revision' | 'position'>>(
      'SELECT id, revision, position FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision LIMIT ?',
    ),
    lastRevision: db
      .prepare<[string], number>('SELECT revision FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1')
      .pluck(),
    head: db.prepare<[], Pick<EventRow, 'position' | 'hash'>>('SELECT position, hash FROM events ORDER BY position DESC LIMIT 1'),
    // LIMIT -1 is SQLite for "no limit".
    readStream: db.prepare<[string, number, number], EventRow>(
      'SELECT * FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision LIMIT ?',
    ),
    readAll: db.prepare<[number, number], EventRow>('SELECT * FROM events WHERE position > ? ORDER BY position LIMIT ?'),
    // Rows as arrays: verification reads every row of the log, and building named rows costs more than hashing them.
    readStored: db
      .prepare<[number, number], StoredRow>(
        'SELECT position, stream_id, revision, id, type, version, data, metadata, hash FROM events WHERE position > ? ORDER BY position LIMIT ?',
      )
      .raw(),
    // The types come as one JSON array, so one statement serves any list of them.
    readAllOfTypes: db.prepare<[number, string, number], EventRow>(
      'SELECT * FROM events WHERE position > ? AND type IN (SELECT value FROM json_each(?)) ORDER BY position LIMIT ?',
    ),
    receipts: prepareReceiptStatements(db),
  };
}
