// The tables, created on first use under a lock so several nodes starting together agree,
// and the chain format the log's hashes follow.
//
// data and metadata are `text`, holding the canonical JSON bytes the chain hashes
// (chain.ts). Never jsonb: jsonb stores a parsed value and gives back its own spelling
// (key order, spacing, number forms), so the bytes a verifier hashes would no longer be the
// bytes that were linked. A query that wants JSON operators casts (`data::jsonb`).

import type pg from 'pg';
import { CHAIN_FORMAT } from '../chain.js';
import { TREE_DDL } from './tree.js';

export const EVENTS_DDL = `
  CREATE TABLE IF NOT EXISTS events (
    position bigint PRIMARY KEY,
    stream_id text NOT NULL,
    revision integer NOT NULL,
    id text NOT NULL UNIQUE,
    type text NOT NULL,
    version integer NOT NULL,
    data text NOT NULL,
    metadata text NOT NULL,
    hash text NOT NULL,
    UNIQUE (stream_id, revision)
  );
  CREATE INDEX IF NOT EXISTS events_type_position ON events (type, position);
  CREATE TABLE IF NOT EXISTS ledger_store (
    key text PRIMARY KEY,
    value text NOT NULL
  );
  -- The answers to keyed requests (port.ts, Receipt), inserted in the transaction of the
  -- events they report; position: the last event of that append.
  CREATE TABLE IF NOT EXISTS receipts (
    scope text NOT NULL,
    key text NOT NULL,
    request_hash text NOT NULL,
    status integer NOT NULL,
    body text NOT NULL,
    position bigint NOT NULL,
    PRIMARY KEY (scope, key)
  );`;

/** Quotes a name for SQL (a schema given in configuration). */
export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * Creates the schema's tables if they are missing and checks the chain format, in one
 * transaction holding `migrationLock`: two nodes starting at once would otherwise race
 * on CREATE TABLE IF NOT EXISTS (which is not safe against itself).
 */
export async function migrate(client: pg.ClientBase, schema: string | undefined, migrationLock: string): Promise<void> {
  await client.query('BEGIN');
  try {
    await client.query(`SELECT pg_advisory_xact_lock(${migrationLock})`);
    if (schema !== undefined) await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(schema)}`);
    await client.query(EVENTS_DDL);
    await client.query(TREE_DDL);
    await checkChainFormat(client);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/**
 * An empty log takes this version's chain format; a log of another format, or with events
 * and no recorded format, is refused rather than appended to with links its verifiers
 * would not recompute.
 */
async function checkChainFormat(client: pg.ClientBase): Promise<void> {
  const recorded = await client.query<{ value: string }>(`SELECT value FROM ledger_store WHERE key = 'chain_format'`);
  const format = recorded.rows[0]?.value;
  if (format === String(CHAIN_FORMAT)) return;
  if (format !== undefined) {
    throw new Error(`the events table's hash chain is format ${format}; this ledger reads and writes format ${CHAIN_FORMAT} only`);
  }
  const any = await client.query('SELECT 1 FROM events LIMIT 1');
  if (any.rowCount !== 0) throw new Error('the events table holds events but no chain format: it was not written by this ledger');
  await client.query(`INSERT INTO ledger_store (key, value) VALUES ('chain_format', $1)`, [String(CHAIN_FORMAT)]);
}

/** The server must store text as UTF-8, or events' JSON would not round-trip (nor hash the same). */
export async function checkEncoding(client: pg.ClientBase): Promise<void> {
  const { rows } = await client.query<{ server_encoding: string }>('SHOW server_encoding');
  const encoding = rows[0]?.server_encoding;
  if (encoding !== 'UTF8') throw new Error(`the database's encoding is ${encoding}; the ledger needs UTF8`);
}
