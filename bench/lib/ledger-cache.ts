// The generated ledgers the measurements read, made once and kept in the system's temp
// directory, keyed by seed, size, shape and the code that makes them (generator, domain,
// store, as committed plus any uncommitted change), so a re-run reuses them and a code
// change makes them again. Each measurement works on a copy, never on the cached file.

import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GenerateOptions } from '../../src/generate/index.js';
import { runChild } from './child.js';
import { progress } from './progress.js';

export const cacheRoot = join(tmpdir(), 'engagement-ledger-bench');

export interface LedgerSpec extends GenerateOptions {
  /** A short name for the shape, in the cache key and the report. */
  name: string;
}

export interface CachedLedger {
  spec: LedgerSpec;
  /** The cached ledger.db: read-only for measurements. */
  path: string;
  events: number;
}

let version: string | undefined;

/** Computed once per run: ledgers made in one run agree even if the tree changes meanwhile. */
function codeVersion(): string {
  version ??= hashCode();
  return version;
}

function hashCode(): string {
  const paths = ['src/generate', 'src/domain', 'src/store'];
  const git = (args: string[]) => execFileSync('git', args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return createHash('sha256')
    .update(paths.map((p) => git(['rev-parse', `HEAD:${p}`])).join(''))
    .update(git(['diff', 'HEAD', '--', ...paths]))
    .digest('hex')
    .slice(0, 12);
}

function keyOf(spec: LedgerSpec, version: string): string {
  const shape = createHash('sha256').update(JSON.stringify({ ...spec, name: undefined })).digest('hex').slice(0, 8);
  return `${spec.name}-s${spec.seed}-n${spec.events}-${shape}-${version}`;
}

/** The ledger for `spec`, generated now (in a child) unless a cached one matches. */
export async function cachedLedger(spec: LedgerSpec, onGenerate?: () => void): Promise<CachedLedger> {
  const version = codeVersion();
  const dir = join(cacheRoot, keyOf(spec, version));
  const path = join(dir, 'ledger.db');
  if (!existsSync(path)) {
    onGenerate?.();
    // Ledgers made by older code are of no more use: keep the disk from filling up.
    if (existsSync(cacheRoot)) for (const old of readdirSync(cacheRoot)) if (!old.endsWith(version)) rmSync(join(cacheRoot, old), { recursive: true, force: true });
    const building = `${dir}.building-${process.pid}`;
    rmSync(building, { recursive: true, force: true });
    mkdirSync(building, { recursive: true });
    const { name: _name, ...options } = spec;
    const bar = progress('generating');
    await runChild('generate', { ...options, path: join(building, 'ledger.db') }, (done, total) => bar.update(done, total));
    bar.stop();
    rmSync(dir, { recursive: true, force: true });
    renameSync(building, dir);
  }
  return { spec, path, events: spec.events };
}

/** A fresh data directory holding a copy of the ledger: the server or a rebuild may write beside it. */
export function copyLedgerTo(ledger: CachedLedger, dataDir: string): void {
  mkdirSync(dataDir, { recursive: true });
  copyFileSync(ledger.path, join(dataDir, 'ledger.db'));
}
