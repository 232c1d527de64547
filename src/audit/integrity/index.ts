// Tamper evidence: the chain verified over the port, signed checkpoints and tree heads, statements checked.

export { checkStatement, type CheckStatementOptions, type StatementCheck } from './check-statement.js';
export {
  countCheckpoints,
  largestTreeHeads,
  latestCheckpoint,
  ledgerIdOf,
  listCheckpoints,
  recordCheckpoint,
  treeHeadsOfSize,
  type StoredCheckpoint,
} from './checkpoints.js';
export { IntegrityError, type IntegrityErrorCode } from './errors.js';
export { evidenceOf, ledgerIntegrity, treeHeadsOf, type LedgerIntegrity } from './ledger-integrity.js';
export { CHECKPOINT_INTERVAL_MS, scheduleCheckpoints, type CheckpointSchedule, type ScheduleOptions } from './schedule.js';
export { signAt, signCheckpoint, signHead, type SignAtOptions, type SignOptions } from './sign.js';
export { latestSignedTreeHead, signedTreeHeadAt, type SignedTreeHead } from './signed-tree-heads.js';
export { checkTreeHead, noteKeyId, noteVerifierKey, signNote, signTreeHead, treeHeadOrigin, treeHeadText, type TreeHeadCheck } from './tree-head.js';
export {
  keyIdOf,
  loadOrCreateSigningKey,
  loadSigningKey,
  publicKeyFrom,
  publishedKey,
  rawPublicKey,
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
export { chainedBytesOf, GENESIS, walkedLeafHash, NO_CHAIN_REASON, PAGE_SIZE, walkChain, type ChainPoint, type ChainWalker, type Walk } from './walk.js';
export { logDigestStep, streamLinkHash, walkStreamChains } from './stream-chain.js';
