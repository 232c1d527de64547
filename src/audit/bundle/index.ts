// Audit bundles, checked offline: a date range of the log with its chain links and a signed checkpoint
// (version 1), or one decision's trace with inclusion proofs against a signed tree head (version 2).

export { exportBundle, type ExportOptions, type ExportSummary } from './export.js';
export { BUNDLE_FORMAT, BUNDLE_VERSION, bundleSchema, renderBundle, type Bundle, type BundleHeader } from './format.js';
export { parseDateRange, recordedWithin, type DateRange } from './range.js';
export { checkBundle, verifyBundle, type BundleCheck, type VerifyBundleOptions } from './verify.js';
export { exportTraceBundle, type TraceExportSummary } from './trace-export.js';
export { renderTraceBundle, TRACE_BUNDLE_VERSION, traceBundleSchema, type ProvedEvent, type TraceBundle } from './trace-format.js';
export { verifyTraceBundle, type TraceBundleCheck } from './trace-verify.js';
export {
  CONSISTENCY_PROOF_FORMAT,
  INCLUSION_PROOF_FORMAT,
  proofFileSchema,
  published,
  type ConsistencyProofFile,
  type InclusionProofFile,
  type ProofFile,
  type PublishedEvent,
} from './proof-file.js';
