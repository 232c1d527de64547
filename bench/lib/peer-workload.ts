// The workload the ledger's store and the Emmett peer both run: appends of 10 events to
// many streams, one at a time (each awaited before the next: Emmett's SQLite store shares
// one connection per store and closes it after each call, and its transactions on one
// connection nest by a counter, so neither way can take concurrent calls), then every
// stream read back. Same event bytes on both sides.

export interface PeerWorkload {
  path: string;
  streams: number;
  appendsPerStream: number;
  eventsPerAppend: number;
}

export interface PeerResult {
  events: number;
  appendSeconds: number;
  readSeconds: number;
  appendPerSec: number;
  readPerSec: number;
  /** Events appended and read back per second of the whole workload. */
  totalPerSec: number;
  /** Calls made again after SQLITE_BUSY (Emmett only). */
  retries?: number;
}

/**
 * How the Emmett peer holds its SQLite connection: `per-call` is its event store as shipped
 * (getSQLiteEventStore opens a connection for each call and closes it after); `kept-open` is
 * its exported pieces (sqliteConnection, appendToStream, readStream) on one connection opened
 * once, as the ledger's store keeps its own.
 */
export type EmmettConnection = 'per-call' | 'kept-open';

export interface EmmettPeerWorkload extends PeerWorkload {
  connection: EmmettConnection;
}

export interface EmmettPeerResult extends PeerResult {
  /** The file's settings as an Emmett connection has them, read back after the workload. */
  settings: { journalMode: string; synchronous: string };
}

export function peerResult(events: number, appendSeconds: number, readSeconds: number): PeerResult {
  return {
    events,
    appendSeconds,
    readSeconds,
    appendPerSec: events / appendSeconds,
    readPerSec: events / readSeconds,
    totalPerSec: events / (appendSeconds + readSeconds),
  };
}

/** The same workload on a PostgreSQL store: a fresh database per run instead of a file. */
export interface PostgresPeerWorkload extends Omit<PeerWorkload, 'path'> {
  databaseUrl: string;
  /**
   * Every stream at once, each stream's appends still one after another (PostgreSQL stores,
   * unlike Emmett's SQLite one, take concurrent calls): how several API requests meet a store.
   */
  concurrent?: boolean;
}

/** Runs `append(stream, round)` for every stream and round: round by round, or every stream at once. */
export async function runAppends(names: readonly string[], rounds: number, concurrent: boolean, append: (stream: string) => Promise<unknown>): Promise<void> {
  if (concurrent) {
    await Promise.all(names.map(async (stream) => {
      for (let round = 0; round < rounds; round++) await append(stream);
    }));
    return;
  }
  for (let round = 0; round < rounds; round++) for (const stream of names) await append(stream);
}
