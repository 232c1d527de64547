// Where Idempotency-Key claims are kept, and the answers to keyed requests that appended
// nothing (refusals, a command that decided nothing, a store keeping no receipts): a small
// port with its adapters in server.db (sqlite/: one machine) and PostgreSQL (postgres/:
// several API nodes), chosen by STORE. The answers to writes are receipts, kept by the event
// store with their events (src/store/port.ts). src/api/idempotency.ts is the service over
// both; every adapter passes test/contract/claim-store.contract.ts.

/** An answer as a replay gives it back. */
export interface StoredAnswer {
  status: number;
  body: unknown;
}

export interface ClaimRecord {
  /** What the claiming request was (method, URL and body hashed): tells a retry from a reuse of the key. */
  requestHash: string;
  /** The answer kept for it; null while the request runs (or was left by a process that died). */
  answer: StoredAnswer | null;
  /** The process holding the claim; null for a claim made before claims named their process. */
  owner: string | null;
}

/** A claim's name: the scope (credential) and the key. */
export interface ClaimKey {
  scope: string;
  key: string;
}

export interface KeptAnswer extends StoredAnswer, ClaimKey {}

/**
 * Claims are per scope (the credential a key belongs to) and key. A store is opened for one
 * process, `owner`: the claims it makes name it.
 */
export interface ClaimStore {
  readonly owner: string;
  /** Claim a key for this process; true when this call made the claim, false when the key already had one. */
  claim(scope: string, key: string, requestHash: string): Promise<boolean>;
  find(scope: string, key: string): Promise<ClaimRecord | undefined>;
  /**
   * Take over a claim that has no answer and is still held by `heldBy` (as the caller saw it),
   * when that holder can no longer be running its request: the adapter's rule, stated where it
   * is implemented. A compare-and-set: of several processes taking one claim over, one wins.
   */
  takeOver(scope: string, key: string, heldBy: string | null): Promise<boolean>;
  /** Keep these answers, durably (they settle once the answers would survive a crash): answer the clients only then. */
  keep(answers: readonly KeptAnswer[]): Promise<void>;
  /** Forget a claim that has no answer: the key is free again (or its receipt answers it). */
  release(scope: string, key: string): Promise<void>;
  /** `release` for several claims at once (one transaction, one statement): those with an answer stay. */
  releaseAll(claims: readonly ClaimKey[]): Promise<void>;
  close(): Promise<void>;
}
