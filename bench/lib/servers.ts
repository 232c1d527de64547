// The servers under load, each in its own process: the ledger as shipped
// (`node dist/src/cli.js serve`) and the no-op fastify+zod server (the HTTP limit).

import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { peakRssMb } from './child.js';

const distDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const cli = join(distDir, 'src', 'cli.js');
const noopScript = join(distDir, 'bench', 'noop-server.js');
const staticScript = join(distDir, 'bench', 'static-server.js');

export interface RunningServer {
  url: string;
  pid: number;
  /** Stops it; resolves to its peak resident memory, MB. */
  stop(): Promise<number>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

async function waitUntilUp(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}: ${log().slice(-2000)}`);
    try {
      const response = await fetch(url);
      await response.arrayBuffer();
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`server at ${url} did not come up: ${log().slice(-2000)}`);
}

/** Extra node flags for the servers, e.g. BENCH_SERVER_NODE_ARGS='--cpu-prof --cpu-prof-dir=prof' to see where their time goes. */
const serverNodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);

async function start(args: string[], env: NodeJS.ProcessEnv, port: number, probePath: string): Promise<RunningServer> {
  const child = spawn(process.execPath, [...serverNodeArgs, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-20_000)));
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitUntilUp(`${url}${probePath}`, child, () => stderr);
  } catch (error) {
    // A server that never answered must not outlive the benchmark.
    child.kill('SIGKILL');
    throw error;
  }
  return {
    url,
    pid: child.pid as number,
    async stop() {
      const peak = peakRssMb(child.pid as number);
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      return peak;
    },
  };
}

/**
 * The ledger server on `dataDir`: embedded SQLite store (unless `env` says otherwise: STORE=postgres), synchronous=FULL (acknowledged means
 * on disk), embedded projections, as `npm start` runs it; request logging off (LOG_LEVEL=warn)
 * and the per-token rate limit lifted, or the load generator would measure 429s.
 */
export async function startLedgerServer(dataDir: string, env: Record<string, string> = {}): Promise<RunningServer> {
  const port = await freePort();
  return start(
    [cli, 'serve', '--data-dir', dataDir, '--port', String(port)],
    { SQLITE_SYNCHRONOUS: 'FULL', STORE: 'sqlite', PROJECTIONS: 'embedded', LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '1000000000', ...env },
    port,
    '/openapi.json',
  );
}

export async function startNoopServer(): Promise<RunningServer> {
  const port = await freePort();
  return start([noopScript, String(port)], {}, port, '/health');
}

/** fastify answering every GET with the bytes of `file`, from memory: the limit a public page is measured against. */
export async function startStaticServer(file: string, contentType: string): Promise<RunningServer> {
  const port = await freePort();
  return start([staticScript, String(port), file, contentType], {}, port, '/health');
}

/** A bearer token for `role` (and `organisation`), issued by the administrator through the API. */
export async function issueToken(server: RunningServer, dataDir: string, role: string, organisationId?: string): Promise<string> {
  const issued = await call(server.url, adminToken(dataDir), 'POST', '/v1/credentials', { role, ...(organisationId ? { organisationId } : {}), label: `benchmark ${role}` });
  return (issued as { token: string }).token;
}

export function adminToken(dataDir: string): string {
  return readFileSync(join(dataDir, 'admin-token'), 'utf8').trim();
}

/** A JSON request that must succeed; the benchmark stops with the server's answer otherwise. */
export async function call(url: string, token: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<unknown> {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text.slice(0, 500)}`);
  return text.length > 0 ? (JSON.parse(text) as unknown) : null;
}

/** Run `task` over `items` with at most `concurrency` at once. */
export async function pool<T>(items: readonly T[], concurrency: number, task: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        await task(items[i] as T, i);
      }
    }),
  );
}
