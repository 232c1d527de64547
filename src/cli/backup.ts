// `ledger backup FILE` and `ledger restore FILE`, for the embedded store.
//
// A backup is taken while the server runs: the log by SQLite's online backup (one
// consistent snapshot), with the server's database (credentials, signed checkpoints,
// the ledger's id) and the signing key, so a restored ledger is the same ledger: its
// tokens work, its checkpoints verify, its statements stay checkable by the same key.
// The file so holds the private signing key: it is written readable by this user only.
// Not in it: the read models (rebuilt from the log at the first start) and the personal
// data keys (keys.db, master.key), whose erasures a restore must never undo.
//
// A restore goes into a new data directory (or over one with --force), and only after
// the restored log's chain and every signed checkpoint verify, up to the backup's head.

import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { ledgerIdOf, listCheckpoints } from '../audit/integrity/checkpoints.js';
import { loadSigningKey, SIGNING_KEY_FILE } from '../audit/integrity/signing-key.js';
import { treeHeadsOf } from '../audit/integrity/ledger-integrity.js';
import { verifyLedger } from '../audit/integrity/verify.js';
import { backupLedger, readBackup, removeDatabase, restoreLedger, snapshotDatabase, type BackupFile } from '../store/sqlite/backup.js';
import { openSqliteEventStore } from '../store/sqlite/index.js';
import type { Config } from '../config.js';
import { ensureDataDir } from '../data-dir.js';
import { configOrExit } from './environment.js';
import { progressBar } from './progress.js';

const LEDGER_DB = 'ledger.db';
const SERVER_DB = 'server.db';
const READ_MODELS_DB = 'readmodels.db';
/** What a backup carries beside the log; each restored into DATA_DIR under its name. */
const CARRIED = [SERVER_DB, SIGNING_KEY_FILE] as const;

function embeddedDataDir(dataDirOption: string | undefined, command: string): { config: Config; dataDir: string } {
  const config = configOrExit({ DATA_DIR: dataDirOption });
  if (config.STORE !== 'sqlite') {
    throw new Error(`ledger ${command} works on the embedded store (STORE=sqlite); back up EventStoreDB with its own tools (docs/eventstoredb.md), PostgreSQL with pg_dump or pg_basebackup (README, Scale out)`);
  }
  return { config, dataDir: resolve(config.DATA_DIR) };
}

/** `ledger backup FILE`: a consistent copy of the ledger while the server keeps writing. */
export async function backupCommand(file: string, options: { dataDir?: string }): Promise<void> {
  const { dataDir } = embeddedDataDir(options.dataDir, 'backup');
  const ledgerPath = join(dataDir, LEDGER_DB);
  if (!existsSync(ledgerPath)) throw new Error(`there is no ledger in ${dataDir} (no ${LEDGER_DB})`);
  // server.db first: every checkpoint it holds was signed over a log the later copy of the log reaches.
  const files: BackupFile[] = [];
  if (existsSync(join(dataDir, SERVER_DB))) files.push({ name: SERVER_DB, content: snapshotDatabase(join(dataDir, SERVER_DB)) });
  const key = join(dataDir, SIGNING_KEY_FILE);
  if (existsSync(key)) files.push({ name: SIGNING_KEY_FILE, content: readFileSync(key) });

  const manifest = await backupLedger(ledgerPath, file, files);
  chmodSync(file, 0o600);
  process.stdout.write(
    `Backed up ${manifest.headPosition} events (head hash ${manifest.headHash ?? 'none'}) to ${file} (${statSync(file).size} bytes), ` +
      `with ${files.map((f) => f.name).join(' and ') || 'no other file'}.\n` +
      (files.length > 0 ? 'It holds the credentials and the signing key: keep it as safe as the data directory.\n' : ''),
  );
}

/** The ledger's files already in `dataDir`. */
function ledgerFilesIn(dataDir: string): string[] {
  if (!existsSync(dataDir)) return [];
  const present = new Set(readdirSync(dataDir));
  return [LEDGER_DB, SERVER_DB, READ_MODELS_DB, SIGNING_KEY_FILE].filter((name) => present.has(name));
}

/** `ledger restore FILE [--force]`: the backup into DATA_DIR, verified before it replaces anything. */
export async function restoreCommand(file: string, options: { dataDir?: string; force?: boolean }): Promise<void> {
  const { dataDir } = embeddedDataDir(options.dataDir, 'restore');
  if (!existsSync(file)) throw new Error(`${file} does not exist`);
  const existing = ledgerFilesIn(dataDir);
  if (existing.length > 0 && !options.force) {
    throw new Error(`${dataDir} already holds a ledger (${existing.join(', ')}); restore into a new DATA_DIR, or pass --force to replace it`);
  }
  const { manifest, files } = readBackup(file);

  ensureDataDir(dataDir);
  const staging = join(dataDir, `.restoring-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { mode: 0o700 });
  try {
    await restoreLedger(file, join(staging, LEDGER_DB));
    for (const name of CARRIED) {
      const content = files.get(name);
      if (content) writeFileSync(join(staging, name), content, { mode: 0o600 });
    }
    const checked = await verifyRestored(staging, manifest.headPosition, manifest.headHash);

    for (const name of existing) removeDatabase(join(dataDir, name));
    for (const name of [LEDGER_DB, ...CARRIED]) {
      if (existsSync(join(staging, name))) renameSync(join(staging, name), join(dataDir, name));
    }
    process.stdout.write(
      `Restored ${manifest.headPosition} events (backed up ${manifest.createdAt}) into ${dataDir}: the chain holds to position ${manifest.headPosition} ` +
        `(hash ${manifest.headHash ?? 'none'})${checked > 0 ? ` and all ${checked} signed checkpoints hold` : ''}.\n` +
        'The read models are rebuilt from the log when the server starts.\n',
    );
    if (existsSync(join(dataDir, 'keys.db'))) {
      process.stdout.write('keys.db (personal data keys) was left as it was: a backup never carries it.\n');
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** Verify the staged ledger against its chain and its own signed checkpoints; returns how many checkpoints held. */
async function verifyRestored(staging: string, headPosition: number, headHash: string | null): Promise<number> {
  const store = openSqliteEventStore({ path: join(staging, LEDGER_DB) });
  const serverDb = existsSync(join(staging, SERVER_DB)) ? new Database(join(staging, SERVER_DB)) : undefined;
  try {
    const kept = serverDb ? listCheckpoints(serverDb) : [];
    const checkpoints = kept.map((c) => c.statement);
    const key = loadSigningKey(staging);
    const evidence = {
      checkpoints,
      treeHeads: treeHeadsOf(kept),
      publicKey: key?.publicKey ?? null,
      ...(serverDb && checkpoints.length > 0 ? { ledgerId: ledgerIdOf(serverDb) } : {}),
    };
    const bar = progressBar('Verifying the restored log');
    const result = await verifyLedger(store, (position, head) => bar.update(position, head), evidence);
    bar.stop();
    if (result.ok !== true) {
      const where = result.ok === false && result.brokenAt !== null ? ` at position ${result.brokenAt}` : '';
      throw new Error(`the backup does not verify${where}: ${result.reason}; nothing was restored`);
    }
    if (result.headPosition !== headPosition || (headPosition > 0 && result.headHash !== headHash)) {
      throw new Error(`the restored log ends at position ${result.headPosition}, the backup says ${headPosition}; nothing was restored`);
    }
    if (result.checkpoints.invalid.length > 0) {
      throw new Error(`${result.checkpoints.invalid.length} signed checkpoint(s) in the backup do not verify with its key; nothing was restored`);
    }
    return result.checkpoints.held;
  } finally {
    serverDb?.close();
    await store.close();
  }
}
