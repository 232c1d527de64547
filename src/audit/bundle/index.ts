// Audit bundles: a date range of the log with its chain links and a signed checkpoint, checked offline.

export { exportBundle, type ExportOptions, type ExportSummary } from './export.js';
export { BUNDLE_FORMAT, BUNDLE_VERSION, bundleSchema, renderBundle, type Bundle, type BundleHeader } from './format.js';
export { parseDateRange, recordedWithin, type DateRange } from './range.js';
export { verifyBundle, type BundleCheck, type VerifyBundleOptions } from './verify.js';
