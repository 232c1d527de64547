// A worker thread's entry in src as a script a worker can run under vitest: worker threads load
// plain JavaScript, and the tests run the TypeScript sources, so each entry is bundled once per
// test process with esbuild (which vitest runs on), its packages left to load from node_modules
// by absolute path. Built code (dist) needs none of this.

import { build } from 'esbuild';
import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const built = new Map<string, Promise<URL>>();

/** The bundled script of a worker entry, given as a path from the repository's root (e.g. 'src/store/sqlite/writer-thread.ts'). */
export function workerScript(entry: string): Promise<URL> {
  let script = built.get(entry);
  if (!script) {
    script = bundle(fileURLToPath(new URL(`../../${entry}`, import.meta.url)));
    built.set(entry, script);
  }
  return script;
}

async function bundle(source: string): Promise<URL> {
  const require = createRequire(source);
  const name = basename(source, '.ts');
  const outfile = join(mkdtempSync(join(tmpdir(), `${name}-`)), `${name}.mjs`);
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

/** The SQLite store's writer thread (src/store/sqlite/writer-thread.ts). */
export const writerThreadScript = (): Promise<URL> => workerScript('src/store/sqlite/writer-thread.ts');
