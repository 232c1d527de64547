// Tamper evidence: the chain verified over the port, signed checkpoints, statements checked.

export { checkStatement, type CheckStatementOptions, type StatementCheck } from './check-statement.js';
export { countCheckpoints, latestCheckpoint, ledgerIdOf, listCheckpoints, recordCheckpoint, type StoredCheckpoint } from './checkpoints.js';
export { IntegrityError, type IntegrityErrorCode } from './errors.js';
export { evidenceOf, ledgerIntegrity, type LedgerIntegrity } from './ledger-integrity.js';
export { CHECKPOINT_INTERVAL_MS, scheduleCheckpoints, type CheckpointSchedule, type ScheduleOptions } from './schedule.js';
export { signAt, signCheckpoint, signHead } from './sign.js';
export {
  keyIdOf,
  loadOrCreateSigningKey,
  loadSigningKey,
  publicKeyFrom,
  publishedKey,
  SIGNING_KEY_FILE,
  signingKeyPath,
  type PublishedKey,
  type SigningKey,
} from './signing-key.js';
export { signatureProblem, signedCheckpointSchema, signStatement, statementBytes, type CheckpointStatement, type SignedCheckpoint } from './statement.js';
export {
  verifyLedger,
  verifyLedgerWith,
  type CheckpointEvidence,
  type CheckpointSummary,
  type LedgerVerification,
  type VerificationProblem,
  type VerifyOptions,
} from './verify.js';
export { GENESIS, NO_CHAIN_REASON, PAGE_SIZE, walkChain, type ChainPoint, type ChainWalker, type Walk } from './walk.js';
export { logDigestStep, streamLinkHash, walkStreamChains } from './stream-chain.js';
