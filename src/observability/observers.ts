// What the ledger's parts tell whoever watches them: small observer interfaces, called by the
// store's group commit, the projection runner and the integrity routes. The Prometheus
// metrics (metrics.ts) implement them; the parts never import prom-client, and an observer
// left out costs nothing (every method is optional, every caller uses `?.`).

/** The embedded store's group commit: how many appends shared one transaction (one fsync). */
export interface GroupCommitObserver {
  groupCommitted?(appends: number): void;
}

/** A store's appends, as the port sees them (observed-store.ts wraps any adapter). */
export interface AppendObserver {
  appendSettled?(outcome: 'ok' | 'conflict' | 'error', events: number, seconds: number): void;
}

/** A projection runner's batches. */
export interface ProjectionObserver {
  batchApplied?(projection: string, events: number, seconds: number): void;
  /** A batch threw; `parked` when the runner gave up on the projection. */
  batchFailed?(projection: string, parked: boolean): void;
}

/** Tamper evidence: a whole-log verification, a checkpoint signed (or refused). */
export interface IntegrityObserver {
  /** ok: true, false (broken), or null (the store keeps no chain). */
  verified?(ok: boolean | null, seconds: number): void;
  checkpointSigned?(ok: boolean): void;
}

export type LedgerObserver = GroupCommitObserver & AppendObserver & ProjectionObserver & IntegrityObserver;
