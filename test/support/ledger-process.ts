// The real `ledger` command as a child process: `ledger serve` to load and kill, and
// one-shot commands (verify, backup, restore). src/cli.ts is bundled once per test file
// with esbuild (vitest's own), because the crash test starts the server 21 times and
// vite-node spends seconds compiling the TypeScript on every start.

import { rmSync, writeFileSync } from 'node:fs';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll } from 'vitest';

export const root = fileURLToPath(new URL('../../', import.meta.url));
// Three levels below the root, as dist/src/web is: src/web/paths.ts finds the templates from there.
// Beside the CLI, the SQLite store's writer thread, where the store looks for it (writer-thread.js
// beside its own code: here, the bundle); a folder per test process, so none removes another's.
const bundleDir = join(root, 'node_modules/.cache', `ledger-reliability-${process.pid}-${Date.now()}`);
let built: Promise<string> | undefined;

/** The bundled CLI, built on first use and removed after the test file. */
export function ledgerEntry(): Promise<string> {
  built ??= build({
    entryPoints: { cli: join(root, 'src/cli.ts'), 'writer-thread': join(root, 'src/store/sqlite/writer-thread.ts') },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outdir: bundleDir,
    logLevel: 'warning',
  }).then(() => {
    // Below node_modules no package.json of ours says the .js files are modules: this one does.
    writeFileSync(join(bundleDir, 'package.json'), '{"type":"module"}\n');
    return join(bundleDir, 'cli.js');
  });
  return built;
}
afterAll(() => rmSync(bundleDir, { recursive: true, force: true }));

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  exited: Promise<Exit>;
  /** SIGKILL, and resolves once the process is gone. */
  kill9(): Promise<Exit>;
  /** SIGTERM (a clean close), and resolves once the process is gone. */
  stop(): Promise<Exit>;
  output(): string;
}

/** Environment for children: ours, minus what would make them behave like a test runner. */
function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const { VITEST: _v, VITEST_POOL_ID: _p, VITEST_WORKER_ID: _w, NODE_ENV: _n, ...rest } = process.env;
  return { ...rest, LOG_LEVEL: 'info', RATE_LIMIT_PER_MINUTE: '10000000', ...env };
}

/** `ledger serve --port 0` on `dataDir`; resolves with its address once it listens. */
export async function startServe(dataDir: string, env: Record<string, string> = {}): Promise<ServerProcess> {
  const child = spawn(process.execPath, [await ledgerEntry(), 'serve', '--port', '0', '--data-dir', dataDir], {
    cwd: root,
    env: childEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<Exit>((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
  const server = (url: string): ServerProcess => ({
    url,
    child,
    exited,
    output: () => output,
    kill9() {
      child.kill('SIGKILL');
      return exited;
    },
    stop() {
      child.kill('SIGTERM');
      return exited;
    },
  });
  return new Promise((resolve, reject) => {
    const giveUp = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`ledger serve did not start in 30 s:\n${output}`));
    }, 30_000);
    const listen = (chunk: string) => {
      output += chunk;
      const address = /engagement-ledger \([a-z]+\) at (http:\/\/[^;\s"]+);/.exec(output);
      if (address?.[1]) {
        clearTimeout(giveUp);
        resolve(server(address[1]));
      }
    };
    child.stdout.setEncoding('utf8').on('data', listen);
    child.stderr.setEncoding('utf8').on('data', listen);
    void exited.then((exit) => {
      clearTimeout(giveUp);
      reject(new Error(`ledger serve ended before listening (code ${exit.code}, signal ${exit.signal}):\n${output}`));
    });
  });
}

/**
 * `ledger worker` (dispatcher and worker, or the role given) with `env`; resolves once the
 * process said it follows the store or consumes the queues.
 */
export async function startWorkerProcess(dataDir: string, env: Record<string, string> = {}, role: 'all' | 'dispatcher' | 'worker' = 'all'): Promise<ServerProcess> {
  const child = spawn(process.execPath, [await ledgerEntry(), 'worker', '--role', role, '--data-dir', dataDir], {
    cwd: root,
    env: childEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<Exit>((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
  const ready = role === 'dispatcher' ? /dispatcher following/ : /worker consuming/;
  return new Promise((resolve, reject) => {
    const giveUp = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`ledger worker did not start in 30 s:\n${output}`));
    }, 30_000);
    const listen = (chunk: string) => {
      output += chunk;
      if (ready.test(output)) {
        clearTimeout(giveUp);
        resolve({
          url: '',
          child,
          exited,
          output: () => output,
          kill9: () => (child.kill('SIGKILL'), exited),
          stop: () => (child.kill('SIGTERM'), exited),
        });
      }
    };
    child.stdout.setEncoding('utf8').on('data', listen);
    child.stderr.setEncoding('utf8').on('data', listen);
    void exited.then((exit) => {
      clearTimeout(giveUp);
      reject(new Error(`ledger worker ended before it started (code ${exit.code}, signal ${exit.signal}):\n${output}`));
    });
  });
}

export interface CommandResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** One `ledger` command to its end. */
export async function runLedger(args: readonly string[], env: Record<string, string> = {}): Promise<CommandResult> {
  const child = spawn(process.execPath, [await ledgerEntry(), ...args], { cwd: root, env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
