// `ledger verify`, `ledger checkpoint`, `ledger export`, `ledger verify-bundle`: tamper
// evidence from the command line. Results go to stdout, progress bars to stderr.
// Exit codes: 0 verified, 1 broken (or refused), 3 nothing to verify (a store without a chain).

import { closeSync, existsSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { resolve } from 'node:path';
import { openStore } from '../app.js';
import type { CheckpointStore } from '../audit/checkpoints/port.js';
import { exportBundle } from '../audit/bundle/export.js';
import { parseDateRange } from '../audit/bundle/range.js';
import { verifyBundle } from '../audit/bundle/verify.js';
import type { LedgerIntegrity } from '../audit/integrity/ledger-integrity.js';
import { signCheckpoint } from '../audit/integrity/sign.js';
import { verifyLedger, type CheckpointEvidence } from '../audit/integrity/verify.js';
import type { Config } from '../config.js';
import { openIntegrityState } from '../server-state/open.js';
import type { EventStore } from '../store/port.js';
import { configOrExit } from './environment.js';
import { progressBar } from './progress.js';

/** Exit code of `ledger verify` on a store that keeps no hash chain. */
export const EXIT_NOTHING_VERIFIED = 3;

interface LedgerFiles {
  config: Config;
  store: EventStore;
  /** Where the statements are kept (server.db, or PostgreSQL). */
  checkpoints: CheckpointStore;
  /** The signing key with the statements; null when verifying a ledger that never made a key. */
  integrity: LedgerIntegrity | null;
}

/**
 * Runs `work` with the configured store and the signed checkpoints open, and closes both.
 * `sign`: the key is made (embedded store) if there is none; verifying only reads it.
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

function signingIntegrity(files: LedgerFiles): LedgerIntegrity {
  if (!files.integrity) throw new Error('no signing key');
  return files.integrity;
}

function rate(events: number, seconds: number): string {
  return `${Math.round(events / Math.max(seconds, 1e-3)).toLocaleString('en-GB')} events/s (${seconds.toFixed(2)} s)`;
}

/** `ledger verify`: the whole log against its chain and every checkpoint the ledger signed. */
export async function verify(options: { dataDir?: string }): Promise<void> {
  // Only read, never create: verification signs nothing, so it needs no private key of its own.
  await withLedgerFiles(options.dataDir, false, async ({ config, store, checkpoints: kept, integrity }) => {
    const checkpoints = (await kept.list()).map((c) => c.statement);
    const evidence: CheckpointEvidence = {
      checkpoints,
      publicKey: integrity?.key.publicKey ?? null,
      ...(checkpoints.length > 0 ? { ledgerId: await kept.ledgerId() } : {}),
    };
    const bar = progressBar('Verifying the hash chain');
    const started = performance.now();
    const result = await verifyLedger(store, (position, head) => bar.update(position, head), evidence);
    bar.stop();
    const seconds = (performance.now() - started) / 1000;

    if (result.ok === null) {
      process.stdout.write(`Not verified: ${result.reason} (STORE=${config.STORE}); see docs/tamper-evidence.md.\n`);
      process.exitCode = EXIT_NOTHING_VERIFIED;
      return;
    }
    const { stored, held, latest } = result.checkpoints;
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
    process.stdout.write(`${rate(result.checked, seconds)}\n`);
  });
}

/** `ledger checkpoint`: sign the current head now; prints the statement (JSON) for an auditor to keep. */
export async function checkpointCommand(options: { dataDir?: string }): Promise<void> {
  await withLedgerFiles(options.dataDir, true, async (files) => {
    const { key, checkpoints } = signingIntegrity(files);
    const { statement } = await signCheckpoint(files.store, key, checkpoints);
    process.stderr.write(`Signed position ${statement.position} with key ${statement.keyId}.\n`);
    process.stdout.write(`${JSON.stringify(statement, null, 2)}\n`);
  });
}

export interface ExportBundleCommandOptions {
  from: string;
  to: string;
  out: string;
  dataDir?: string;
}

/** `ledger export --from DATE --to DATE --out FILE`: an audit bundle of the events recorded in that range. */
export async function exportBundleCommand(options: ExportBundleCommandOptions): Promise<void> {
  const range = parseDateRange(options.from, options.to);
  await withLedgerFiles(options.dataDir, true, async (files) => {
    const { store } = files;
    // Written beside the target and renamed at the end: a failed export leaves no half a bundle.
    const partial = `${options.out}.partial-${process.pid}`;
    const fd = openSync(partial, 'wx');
    let closed = false;
    let done = false;
    try {
      const integrity = signingIntegrity(files);
      const bars = { verify: progressBar('Verifying the log'), write: progressBar('Writing the bundle') };
      let pass: 'verify' | 'write' = 'verify';
      const summary = await exportBundle(store, range, integrity, (chunk) => writeSync(fd, chunk), {
        onProgress: (now, position, upTo) => {
          if (now !== pass) bars[pass].stop();
          pass = now;
          bars[now].update(position, upTo);
        },
      });
      bars[pass].stop();
      closeSync(fd);
      closed = true;
      renameSync(partial, options.out);
      done = true;
      process.stdout.write(
        `Exported ${summary.events} events (positions ${summary.first} to ${summary.last}) recorded between ${range.from} and ${range.to} to ${options.out}.\n` +
          `The ledger signed position ${summary.last} (hash ${summary.checkpoint.headHash}) with key ${summary.checkpoint.keyId}.\n`,
      );
    } finally {
      if (!done) {
        if (!closed) closeSync(fd);
        rmSync(partial, { force: true });
      }
    }
  });
}

/**
 * `ledger verify-bundle FILE [--public-key KEY]`: offline; no data directory, no ledger.
 * KEY is a PEM file, or the raw key in base64, as GET /v1/integrity/public-key gives them.
 */
export async function verifyBundleCommand(file: string, options: { publicKey?: string } = {}): Promise<void> {
  const key = options.publicKey === undefined ? undefined : existsSync(options.publicKey) ? readFileSync(options.publicKey, 'utf8') : options.publicKey;
  const result = verifyBundle(readFileSync(file), { publicKey: key });
  if (!result.ok) {
    const where = result.line === undefined ? '' : ` (line ${result.line})`;
    process.stdout.write(`${file} does NOT verify${where}: ${result.reason}\n`);
    process.exitCode = 1;
    return;
  }
  process.stdout.write(
    `${file} verifies: ${result.events} events, positions ${result.first} to ${result.last} of ${result.ledger}, ` +
      `selected by recordedAt from ${result.selection.from} to ${result.selection.to}.\n` +
      `The chain runs unbroken from position ${result.previous.position} (hash ${result.previous.hash}) to ${result.last}, ` +
      `and the ledger signed position ${result.last} at ${result.checkpoint.signedAt} with key ${result.keyId}.\n`,
  );
  if (!result.keyTrusted) {
    process.stdout.write(
      `Checked against the key inside the bundle only: compare key id ${result.keyId} with the ledger's ` +
        '(GET /v1/integrity/public-key), or pass --public-key.\n',
    );
  }
}
