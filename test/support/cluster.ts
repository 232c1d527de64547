// Several `ledger serve` processes on different ports over one PostgreSQL (a schema of the
// test's own, dropped after) and one Redis (a prefix of its own), with a `ledger worker`
// process (dispatcher and worker) keeping the read models: the scale-out deployment, as
// processes, on this machine. Each node has a DATA_DIR of its own; the first node started
// issues the administrator token.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServe, startWorkerProcess, type ServerProcess } from './ledger-process.js';
import { redisMissing } from '../workers/redis.js';
import { freshSchema, postgresForTests, urlForSchema } from './postgres.js';
import { scaleOutEnvironment, type ScaleOutEnvironment } from './scale-out.js';

export interface Cluster {
  nodes: (ServerProcess | undefined)[];
  /** Each node's DATA_DIR. */
  dataDirs: string[];
  /** The live node `i`'s URL (throws when it is down). */
  url(i: number): string;
  adminToken: string;
  env: Record<string, string>;
  schema: string;
  prefix: string;
  worker: ServerProcess;
  /** Starts node `i` again (after a kill), on a new port, with its own DATA_DIR. */
  restart(i: number): Promise<ServerProcess>;
  kill9(i: number): Promise<void>;
  close(): Promise<void>;
}

export interface ClusterOptions {
  nodes: number;
  label: string;
  /** Another PostgreSQL than the machine's (a server of the test's own): its base URL. */
  databaseUrl?: string;
  /** More environment for every node and the worker. */
  env?: Record<string, string>;
}

export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const { schema, drop } = await freshSchema(options.label, options.databaseUrl);
  const scaleOut: ScaleOutEnvironment = scaleOutEnvironment(urlForSchema(schema, options.databaseUrl));
  const env = { ...scaleOut.env, ...options.env };
  const dirs = Array.from({ length: options.nodes }, (_, i) => mkdtempSync(join(tmpdir(), `ledger-node-${i + 1}-`)));
  const workerDir = mkdtempSync(join(tmpdir(), 'ledger-worker-'));
  const nodes: (ServerProcess | undefined)[] = [];
  let worker: ServerProcess | undefined;
  const close = async () => {
    await Promise.all(nodes.map((node) => node?.stop()));
    await worker?.stop();
    for (const dir of [...dirs, workerDir]) rmSync(dir, { recursive: true, force: true });
    await drop();
    await scaleOut.close();
  };
  try {
    // The first node makes the tables and issues the first administrator token; the others join it.
    nodes[0] = await startServe(dirs[0] as string, env);
    const rest = await Promise.all(dirs.slice(1).map((dir) => startServe(dir, env)));
    nodes.push(...rest);
    worker = await startWorkerProcess(workerDir, env);
  } catch (error) {
    await close().catch(() => undefined);
    throw error;
  }
  return {
    nodes,
    dataDirs: dirs,
    url(i) {
      const node = nodes[i];
      if (!node) throw new Error(`node ${i + 1} is down`);
      return node.url;
    },
    adminToken: readFileSync(join(dirs[0] as string, 'admin-token'), 'utf8').trim(),
    env,
    schema,
    prefix: scaleOut.prefix,
    worker: worker as ServerProcess,
    async restart(i) {
      const node = await startServe(dirs[i] as string, env);
      nodes[i] = node;
      return node;
    },
    async kill9(i) {
      await nodes[i]?.kill9();
      nodes[i] = undefined;
    },
    close,
  };
}

/** PostgreSQL and Redis, or a visible skip (a failure when REQUIRE_POSTGRES / REQUIRE_REDIS say so). */
export async function clusterServices(what: string): Promise<boolean> {
  if (!(await postgresForTests(what))) return false;
  if (redisMissing) {
    if (process.env.REQUIRE_REDIS === '1') throw new Error(`REQUIRE_REDIS=1 but ${redisMissing}`);
    console.warn(`[${what}] skipped: ${redisMissing}`);
    return false;
  }
  return true;
}
