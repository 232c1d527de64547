// Where the personal-data keys are kept: a small port with its adapters in DATA_DIR/keys.db
// (sqlite/: one machine) and PostgreSQL (postgres/: several API nodes), chosen by STORE.
// An adapter keeps keys as given, wrapped by the master key (src/privacy/key-store.ts wraps
// and unwraps); what it owes is that an erasure destroys every copy of the key it controls,
// and that an erasure is seen by the very next read of any node. Every adapter passes
// test/contract/key-store.contract.ts.

export type SubjectStatus = 'live' | 'erased' | 'unknown';

/** Refused: personal data for a subject whose data was erased (they need a new subject id). */
export class SubjectAlreadyErased extends Error {
  constructor(readonly subjectId: string) {
    super(`data subject ${subjectId} was erased; record new personal data under a new subject id`);
    this.name = 'SubjectAlreadyErased';
  }
}

export interface KeyStore {
  /** Where the keys are, for messages ("keys.db", "PostgreSQL"). */
  readonly name: string;
  /** The master key's check value kept with the keys, if any. */
  checkValue(): Promise<Buffer | undefined>;
  /** Keep a check value unless one is kept already; answers the one kept (another node's, if it was first). */
  keepCheckValue(value: Buffer): Promise<Buffer>;
  status(subjectId: string): Promise<SubjectStatus>;
  /** The wrapped keys of these subjects, of those that have one. */
  wrappedKeys(subjectIds: readonly string[]): Promise<Map<string, Buffer>>;
  /**
   * Each subject's wrapped key, `make(subjectId)` kept now for those without one, in one
   * transaction. Refuses them all with SubjectAlreadyErased if any was erased, and never
   * keeps a key for a subject an erasure running at the same time has erased. Two nodes
   * making a key for one subject at once both get the one kept.
   */
  wrappedKeysToSeal(subjectIds: readonly string[], make: (subjectId: string) => Buffer): Promise<Map<string, Buffer>>;
  /** Destroy the subject's key and remember the erasure; idempotent (the destruction is done again). */
  erase(subjectId: string, erasedAt: string): Promise<'erased' | 'already_erased'>;
  close(): Promise<void>;
}
