// The verifier module as published (GET /v1/integrity/verifier.js): the source file itself,
// byte for byte, so its hash is the same wherever the ledger runs. tsc re-prints the copy it
// emits into dist/, so code built there reads the source beside it, as src/web/paths.ts does.

import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const inDist = basename(resolve(here, '../../..')) === 'dist';

/** The source beside dist/, else the file beside this module, else (a bundled build) the source under the working directory. */
export const verifierPath =
  [...(inDist ? [resolve(here, '../../../../src/audit/merkle/verifier.js')] : []), join(here, 'verifier.js'), resolve('src/audit/merkle/verifier.js')].find((path) =>
    existsSync(path),
  ) ?? join(here, 'verifier.js');

let cached: { body: Buffer; sha256: string } | undefined;

/** The module's bytes and their SHA-256 (hex), read once. */
export function verifierModule(): { body: Buffer; sha256: string } {
  if (!cached) {
    const body = readFileSync(verifierPath);
    cached = { body, sha256: createHash('sha256').update(body).digest('hex') };
  }
  return cached;
}
