// `ledger verify`, `ledger checkpoint`, `ledger export`, `ledger verify-bundle`, `ledger prove`,
// `ledger verify-proof`: tamper evidence from the command line. Results go to stdout, progress
// bars to stderr. Exit codes: 0 verified, 1 broken (or refused), 3 nothing to verify (a store
// without a chain).

import { closeSync, existsSync, openSync, readFileSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openStore } from '../app.js';
import type { CheckpointStore } from '../audit/checkpoints/port.js';
import { exportBundle, type ExportSummary } from '../audit/bundle/export.js';
import { parseDateRange } from '../audit/bundle/range.js';
import { exportTraceBundle, type TraceExportSummary } from '../audit/bundle/trace-export.js';
import { checkBundle } from '../audit/bundle/verify.js';
import { published, proofFileSchema, CONSISTENCY_PROOF_FORMAT, INCLUSION_PROOF_FORMAT, type ProofFile } from '../audit/bundle/proof-file.js';
import { treeHeadsOf, type LedgerIntegrity } from '../audit/integrity/ledger-integrity.js';
import { signCheckpoint } from '../audit/integrity/sign.js';
import { latestSignedTreeHead, signedTreeHeadAt } from '../audit/integrity/signed-tree-heads.js';
import { publicKeyFrom, rawPublicKey } from '../audit/integrity/signing-key.js';
import { treeHeadOrigin } from '../audit/integrity/tree-head.js';
import { verifyLedger, verifyLedgerWith, type CheckpointEvidence } from '../audit/integrity/verify.js';
import { nodeCrypto } from '../audit/merkle/node-crypto.js';
import { proveConsistency, proveInclusion } from '../audit/merkle/prove.js';
import { leafText, verifyEvent, verifyGrowth } from '../audit/merkle/verifier.js';
import type { Config } from '../config.js';
import { openIntegrityState } from '../server-state/open.js';
import type { EventStore, RecordedEvent } from '../store/port.js';
import { configOrExit } from './environment.js';
import { progressBar } from './progress.js';

/** Exit code of `ledger verify` on a store that keeps no hash chain. */
export const EXIT_NOTHING_VERIFIED = 3;

interface LedgerFiles {
  config: Config;
  store: EventStore;
  /** Where the statements are kept (server.db, or PostgreSQL). */
  checkpoints: CheckpointStore;
  /** The signing key with the statements; null when the ledger never made a key (verifying only reads it). */
  integrity: LedgerIntegrity | null;
}

/**
 * Runs `work` with the configured store and the signed checkpoints open, and closes both.
 * `sign`: the key is made (embedded store) if there is none; verifying and proving only read it.
 */
async function withLedgerFiles(dataDirOption: string | undefined, sign: boolean, work: (files: LedgerFiles) => Promise<void>): Promise<void> {
  const config = configOrExit({ DATA_DIR: dataDirOption });
  const state = await openIntegrityState(config, { create: sign });
  const store = openStore(config);
  try {
    await work({ config, store, checkpoints: state.checkpoints, integrity: state.integrity });
  } finally {
    await store.close();
    await state.close();
  }
}

/** The key with the statements, for commands that sign (withLedgerFiles made it if needed). */
function signingIntegrity(files: LedgerFiles): LedgerIntegrity {
  if (!files.integrity) throw new Error('no signing key');
  return files.integrity;
}

function rate(events: number, seconds: number): string {
  return `${Math.round(events / Math.max(seconds, 1e-3)).toLocaleString('en-GB')} events/s (${seconds.toFixed(2)} s)`;
}

/** `ledger verify`: the whole log against its chain and every checkpoint the ledger signed; `parallel`: in ranges on worker threads (true: one per core). */
export async function verify(options: { dataDir?: string; parallel?: true | number }): Promise<void> {
  // Only read, never create: verification signs nothing, so it needs no private key of its own.
  await withLedgerFiles(options.dataDir, false, async ({ config, store, checkpoints, integrity }) => {
    const kept = await checkpoints.list();
    const evidence: CheckpointEvidence = {
      checkpoints: kept.map((c) => c.statement),
      treeHeads: treeHeadsOf(kept),
      publicKey: integrity?.key.publicKey ?? null,
      ...(kept.length > 0 ? { ledgerId: await checkpoints.ledgerId() } : {}),
    };
    const bar = progressBar('Verifying the hash chain');
    const started = performance.now();
    const onProgress = (position: number, head: number) => bar.update(position, head);
    // The ranges' workers open the ledger file the store opened (app.ts openStore).
    const parallel = options.parallel && config.STORE === 'sqlite' ? { path: join(resolve(config.DATA_DIR), 'ledger.db'), ...(options.parallel === true ? {} : { workers: options.parallel }) } : undefined;
    const result = parallel ? await verifyLedgerWith(store, { onProgress, evidence, parallel }) : await verifyLedger(store, onProgress, evidence);
    bar.stop();
    const seconds = (performance.now() - started) / 1000;

    if (result.ok === null) {
      process.stdout.write(`Not verified: ${result.reason} (STORE=${config.STORE}); see docs/tamper-evidence.md.\n`);
      process.exitCode = EXIT_NOTHING_VERIFIED;
      return;
    }
    const { stored, held, latest, treeHeads, treeChecked } = result.checkpoints;
    if (!result.ok) {
      const where = result.brokenAt === null ? '' : ` at position ${result.brokenAt}`;
      process.stdout.write(`BROKEN${where} (${result.problem}): ${result.reason}\n`);
      process.stdout.write(`${result.checked} events verified before it; ${rate(result.checked, seconds)}\n`);
      process.exitCode = 1;
      return;
    }
    process.stdout.write(`Verified: ${result.checked} events; the chain holds from the first event to position ${result.headPosition} (hash ${result.headHash}).\n`);
    process.stdout.write(
      stored === 0
        ? 'No signed checkpoints yet: a truncated log cannot be told from a shorter one until the ledger signs one (ledger checkpoint).\n'
        : `Signed checkpoints: all ${held} hold; the latest vouches for position ${latest?.position} (signed ${latest?.signedAt}).\n`,
    );
    if (treeChecked) {
      process.stdout.write(
        `Merkle tree: rebuilt from the events, every stored node holds` +
          (treeHeads.stored > 0 ? `; all ${treeHeads.held} signed tree heads hold.\n` : '; no signed tree head yet.\n'),
      );
    }
    process.stdout.write(`${rate(result.checked, seconds)}\n`);
  });
}

/** `ledger checkpoint`: sign the current head now; prints the statement (JSON) for an auditor to keep. */
export async function checkpointCommand(options: { dataDir?: string }): Promise<void> {
  await withLedgerFiles(options.dataDir, true, async (files) => {
    const { key, checkpoints } = signingIntegrity(files);
    const { statement, treeHead } = await signCheckpoint(files.store, key, checkpoints);
    process.stderr.write(`Signed position ${statement.position}${treeHead ? ' and the tree head of that size' : ''} with key ${statement.keyId}.\n`);
    process.stdout.write(`${JSON.stringify({ ...statement, treeHead }, null, 2)}\n`);
  });
}

export interface ExportBundleCommandOptions {
  from?: string;
  to?: string;
  /** Instead of a date range: one decision's trace, each event with its inclusion proof. */
  decision?: string;
  out: string;
  dataDir?: string;
}

/**
 * `ledger export --from DATE --to DATE --out FILE`: an audit bundle of the events recorded in that range;
 * `ledger export --decision ID --out FILE`: a trace bundle of one decision's trace, with inclusion proofs.
 */
export async function exportBundleCommand(options: ExportBundleCommandOptions): Promise<void> {
  if (options.decision !== undefined) {
    if (options.from !== undefined || options.to !== undefined) throw new Error('give either --decision or --from and --to, not both');
    return exportTraceCommand(options.decision, options);
  }
  if (options.from === undefined || options.to === undefined) throw new Error('give --from and --to (a date range), or --decision (a trace)');
  const range = parseDateRange(options.from, options.to);
  await withLedgerFiles(options.dataDir, true, async (files) => {
    const { store } = files;
    const integrity = signingIntegrity(files);
    const bars = { verify: progressBar('Verifying the log'), write: progressBar('Writing the bundle') };
    let pass: 'verify' | 'write' = 'verify';
    let summary: ExportSummary | undefined;
    await writeAtomically(options.out, async (write) => {
      summary = await exportBundle(store, range, integrity, write, {
        onProgress: (now, position, upTo) => {
          if (now !== pass) bars[pass].stop();
          pass = now;
          bars[now].update(position, upTo);
        },
      });
    }).finally(() => bars[pass].stop());
    const { events, first, last, checkpoint } = summary as ExportSummary;
    process.stdout.write(
      `Exported ${events} events (positions ${first} to ${last}) recorded between ${range.from} and ${range.to} to ${options.out}.\n` +
        `The ledger signed position ${last} (hash ${checkpoint.headHash}) with key ${checkpoint.keyId}.\n`,
    );
  });
}

/** A file written beside `out` and renamed at the end: a failed export leaves nothing behind. */
async function writeAtomically(out: string, work: (write: (chunk: string) => void) => Promise<void>): Promise<void> {
  const partial = `${out}.partial-${process.pid}`;
  const fd = openSync(partial, 'wx');
  let done = false;
  try {
    await work((chunk) => writeSync(fd, chunk));
    closeSync(fd);
    renameSync(partial, out);
    done = true;
  } finally {
    if (!done) {
      try {
        closeSync(fd);
      } catch {
        // already closed
      }
      rmSync(partial, { force: true });
    }
  }
}

async function exportTraceCommand(decision: string, options: ExportBundleCommandOptions): Promise<void> {
  await withLedgerFiles(options.dataDir, true, async (files) => {
    const { store } = files;
    const integrity = signingIntegrity(files);
    let summary: TraceExportSummary | undefined;
    await writeAtomically(options.out, async (write) => {
      summary = await exportTraceBundle(store, decision, integrity, write);
    });
    const { events, positions, treeSize } = summary as TraceExportSummary;
    process.stdout.write(
      `Exported the trace of decision ${decision}: ${events} events (positions ${positions[0]} to ${positions.at(-1)}) to ${options.out}, ` +
        `each with its inclusion proof in the tree of ${treeSize} events, whose head the ledger signed.\n`,
    );
  });
}

/**
 * `ledger verify-bundle FILE [--public-key KEY]`: offline; no data directory, no ledger.
 * KEY is a PEM file, or the raw key in base64, as GET /v1/integrity/public-key gives them.
 */
export async function verifyBundleCommand(file: string, options: { publicKey?: string } = {}): Promise<void> {
  const key = options.publicKey === undefined ? undefined : existsSync(options.publicKey) ? readFileSync(options.publicKey, 'utf8') : options.publicKey;
  const result = await checkBundle(readFileSync(file), { publicKey: key });
  if (!result.ok) {
    const where = result.line === undefined ? '' : ` (line ${result.line})`;
    process.stdout.write(`${file} does NOT verify${where}: ${result.reason}\n`);
    process.exitCode = 1;
    return;
  }
  if (result.kind === 'trace') {
    process.stdout.write(
      `${file} verifies: the trace of decision ${result.decision}, ${result.events} events of ${result.ledger} (positions ${result.positions.join(', ')}), ` +
        `each proved in the tree of ${result.treeSize} events (root ${result.rootHash}) whose head the ledger signed with key ${result.keyId}.\n`,
    );
  } else {
    process.stdout.write(
    `${file} verifies: ${result.events} events, positions ${result.first} to ${result.last} of ${result.ledger}, ` +
      `selected by recordedAt from ${result.selection.from} to ${result.selection.to}.\n` +
      `The chain runs unbroken from position ${result.previous.position} (hash ${result.previous.hash}) to ${result.last}, ` +
      `and the ledger signed position ${result.last} at ${result.checkpoint.signedAt} with key ${result.keyId}.\n`,
    );
  }
  if (!result.keyTrusted) {
    process.stdout.write(
      `Checked against the key inside the bundle only: compare key id ${result.keyId} with the ledger's ` +
        '(GET /v1/integrity/public-key), or pass --public-key.\n',
    );
  }
}

export interface ProveCommandOptions {
  dataDir?: string;
  size?: string;
  from?: string;
  to?: string;
  out?: string;
}

/** A whole number option, or a refusal naming it. */
function wholeNumber(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^[1-9][0-9]*$/.test(value) || !Number.isSafeInteger(Number(value))) throw new Error(`${name} must be a whole number from 1, not "${value}"`);
  return Number(value);
}

/** The ledger's signing key, read only: a ledger that never signed has no tree head to prove against. */
function signedIntegrity(files: LedgerFiles): LedgerIntegrity {
  if (!files.integrity) throw new Error('this ledger has no signing key yet, so no signed tree head: run `ledger checkpoint` first');
  return files.integrity;
}

/**
 * `ledger prove POSITION [--size N]`: the inclusion proof of one event, or `ledger prove --from M [--to N]`:
 * the consistency proof between two tree sizes; with the signed tree heads of those sizes and the public
 * key, as a JSON file (stdout or --out) for `ledger verify-proof`.
 */
export async function proveCommand(position: string | undefined, options: ProveCommandOptions): Promise<void> {
  await withLedgerFiles(options.dataDir, false, async (files) => {
    const { store } = files;
    const integrity = signedIntegrity(files);
    const latest = await latestSignedTreeHead(integrity);
    const defaultSize = async (atLeast: number) => (latest && latest.size >= atLeast ? latest.size : await store.headPosition());
    const common = { version: 1 as const, origin: treeHeadOrigin(integrity.ledgerId), publicKey: rawPublicKey(integrity.key.publicKey).toString('base64') };
    let file: ProofFile;
    const at = wholeNumber(position, 'the position');
    if (at !== undefined) {
      const size = wholeNumber(options.size, '--size') ?? (await defaultSize(at));
      const proof = await proveInclusion(store, { position: at, size });
      const [event] = await store.readAll({ after: at - 1, maxCount: 1 });
      const shown = published(event as RecordedEvent);
      // The event as published must be exactly the leaf proved: anyone recomputes it from these values.
      if (leafText(shown) !== proof.leaf) throw new Error(`the event at position ${at} does not re-serialise to its stored bytes; run ledger verify`);
      const treeHead = (await signedTreeHeadAt(integrity, size))?.note ?? null;
      file = { format: INCLUSION_PROOF_FORMAT, ...common, size, treeHead, event: shown, proof: proof.proof };
      process.stderr.write(`Proved position ${at} in the tree of ${size} events${treeHead ? ', which the ledger signed' : ''}.\n`);
      if (!treeHead) process.stderr.write(`The ledger signed no tree head of ${size} events: verify-proof will need one (--tree-head), or run \`ledger checkpoint\` and prove again.\n`);
    } else {
      const from = wholeNumber(options.from, '--from');
      if (from === undefined) throw new Error('give a position (an inclusion proof) or --from (a consistency proof)');
      const to = wholeNumber(options.to, '--to') ?? (await defaultSize(from));
      const proof = await proveConsistency(store, { from, to });
      const [fromHead, toHead] = await Promise.all([signedTreeHeadAt(integrity, from), signedTreeHeadAt(integrity, to)]);
      file = { format: CONSISTENCY_PROOF_FORMAT, ...common, from, to, fromTreeHead: fromHead?.note ?? null, toTreeHead: toHead?.note ?? null, proof: proof.proof };
      process.stderr.write(`Proved that the tree of ${to} events extends the tree of ${from}.\n`);
    }
    const text = `${JSON.stringify(file, null, 2)}\n`;
    if (options.out) writeFileSync(options.out, text, { flag: 'wx' });
    else process.stdout.write(text);
  });
}

/**
 * `ledger verify-proof FILE [--public-key KEY] [--tree-head FILE]`: offline, no data directory. KEY as for
 * verify-bundle; --tree-head: a signed tree head the auditor kept, used instead of the one in the file
 * (for a consistency proof: the older one).
 */
export async function verifyProofCommand(file: string, options: { publicKey?: string; treeHead?: string } = {}): Promise<void> {
  let proof: ProofFile;
  try {
    const parsed = proofFileSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (!parsed.success) throw new Error(`${parsed.error.issues[0]?.path.join('.') || 'the file'}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    proof = parsed.data;
  } catch (error) {
    process.stdout.write(`${file} is not a proof file: ${(error as Error).message}\n`);
    process.exitCode = 1;
    return;
  }
  const keyText = options.publicKey === undefined ? undefined : existsSync(options.publicKey) ? readFileSync(options.publicKey, 'utf8') : options.publicKey;
  const publicKey = keyText === undefined ? proof.publicKey : rawPublicKey(publicKeyFrom(keyText)).toString('base64');
  const kept = options.treeHead === undefined ? undefined : readFileSync(options.treeHead, 'utf8');
  const fail = (reason: string) => {
    process.stdout.write(`${file} does NOT verify: ${reason}\n`);
    process.exitCode = 1;
  };

  if (proof.format === INCLUSION_PROOF_FORMAT) {
    const treeHead = kept ?? proof.treeHead;
    if (treeHead === null) return fail('it carries no signed tree head; give one with --tree-head');
    const answer = await verifyEvent({ treeHead, publicKey, event: proof.event, proof: { proof: proof.proof, position: proof.event.position, size: proof.size } }, nodeCrypto);
    if (!answer.ok) return fail(answer.reason);
    process.stdout.write(
      `${file} verifies: the event at position ${answer.position} (${proof.event.type}, stream ${proof.event.streamId}) is in the log ${answer.origin} ` +
        `of ${answer.size} events, whose root ${answer.rootHash} the ledger signed.\n`,
    );
  } else {
    const older = kept ?? proof.fromTreeHead;
    if (older === null || proof.toTreeHead === null) return fail('it lacks a signed tree head of either size; give the older one with --tree-head');
    const answer = await verifyGrowth({ older, newer: proof.toTreeHead, publicKey, proof: { proof: proof.proof, from: proof.from, to: proof.to } }, nodeCrypto);
    if (!answer.ok) return fail(answer.reason);
    process.stdout.write(`${file} verifies: the log ${answer.origin} of ${answer.to} events extends its tree of ${answer.from} events, every one unchanged.\n`);
  }
  if (options.publicKey === undefined) {
    process.stdout.write('Checked against the key inside the file only: compare it with the ledger’s (GET /v1/integrity/public-key), or pass --public-key.\n');
  }
}
