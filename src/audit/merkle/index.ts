// The Merkle tree over the log (RFC 6962): hashing, where nodes are stored, proofs served and
// checked, and the standalone verifier module (verifier.js) that anyone can run.

export { coverage, CompactRange, rangeNodes } from './compact-range.js';
export { NotProvable, ProofRequestError, TreeUnavailable, type TreeProblem } from './errors.js';
export { EMPTY_ROOT, HASH_SIZE, leafHash, leafHashOf, leafTextOf, nodeHash } from './hash.js';
export { nodeCount, nodeId, nodeOfId, positionsUnder, sizeOfNodeCount, type NodeRef } from './layout.js';
export { nodeCrypto } from './node-crypto.js';
export { consistencyPlan, inclusionPlan, rootPlan, type Part } from './proof-plan.js';
export { proveConsistency, proveInclusion, rootAt, type ConsistencyProof, type InclusionProof, type ProveOptions } from './prove.js';
export { TreeCheck, type SignedRoot, type TreeBreak } from './tree-check.js';
export { hashesOf, storedRoot } from './tree-reader.js';
export { verifierModule, verifierPath } from './verifier-source.js';
