// The stored shape of an event in the SQL stores (SQLite and PostgreSQL keep the same columns)
// and its way back to a RecordedEvent or a StoredEvent.

import type { EventMetadata, RecordedEvent, StoredEvent } from './port.js';

export const EVENT_COLUMNS = 'position, stream_id, revision, id, type, version, data, metadata, hash';

export interface EventRow {
  position: number;
  stream_id: string;
  revision: number;
  id: string;
  type: string;
  version: number;
  data: string;
  metadata: string;
  hash: string;
}

export function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    streamId: row.stream_id,
    revision: row.revision,
    position: row.position,
    id: row.id,
    type: row.type,
    version: row.version,
    data: JSON.parse(row.data) as unknown,
    metadata: JSON.parse(row.metadata) as EventMetadata,
    hash: row.hash,
  };
}

/** A row read unnamed (PostgreSQL's rowMode 'array', SQLite's raw()), the columns in EVENT_COLUMNS' order. */
export type StoredRow = [number, string, number, string, string, number, string, string, string];

export function toStoredEvent(row: StoredRow): StoredEvent {
  return {
    position: row[0],
    streamId: row[1],
    revision: row[2],
    id: row[3],
    type: row[4],
    version: row[5],
    dataJson: row[6],
    metadataJson: row[7],
    hash: row[8],
  };
}
