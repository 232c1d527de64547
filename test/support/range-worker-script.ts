// The range worker of a parallel verification (src/audit/integrity/range-worker.ts) as a script a
// worker thread can run under vitest: worker threads load plain JavaScript, and the tests run the
// TypeScript sources, so it is bundled once per test process with esbuild (which vitest runs on),
// its packages left to load from node_modules by absolute path. Built code (dist) needs none of this.

import { build } from 'esbuild';
import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const source = fileURLToPath(new URL('../../src/audit/integrity/range-worker.ts', import.meta.url));
const require = createRequire(source);

let built: Promise<URL> | undefined;

export function rangeWorkerScript(): Promise<URL> {
  built ??= bundle();
  return built;
}

async function bundle(): Promise<URL> {
  const outfile = join(mkdtempSync(join(tmpdir(), 'range-worker-')), 'range-worker.mjs');
  await build({
    entryPoints: [source],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'silent',
    plugins: [
      {
        name: 'packages-from-node-modules',
        setup(on) {
          on.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('node:') ? { external: true } : { path: require.resolve(args.path), external: true }));
        },
      },
    ],
  });
  return pathToFileURL(outfile);
}
