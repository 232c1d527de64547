// A redis-server of this test's own, on a free port, to kill and restart: the shared
// Redis on 6379 serves other test files at the same time and is never stopped.

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';
import { service } from './service.js';

/** Why there is no redis-server binary to run, or undefined when there is one. */
function redisServerMissing(): string | undefined {
  const probe = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  return probe.error ? `redis-server cannot be run (${probe.error.message})` : undefined;
}

/** Tests that start their own redis-server: `redisServer.describe(...)`. Required, as Redis is, by REQUIRE_REDIS=1. */
export const redisServer = service({
  name: 'redis-server',
  requiredBy: 'REQUIRE_REDIS',
  missing: redisServerMissing(),
  howToRun: 'install redis-server (`apt-get install redis-server`) so it is on the PATH',
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface OwnRedis {
  url: string;
  /** Kill the server (SIGKILL by default) and wait until it is gone. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Start it again on the same port and directory; resolves once it answers. */
  restart(): Promise<void>;
}

/**
 * `persistent`: an append-only file fsynced on every write, so a restart is an outage and
 * not a wipe (what a production Redis for BullMQ should run with); otherwise it keeps nothing.
 */
export async function startOwnRedis(dir: string, persistent: boolean): Promise<OwnRedis> {
  const port = await freePort();
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--maxmemory-policy', 'noeviction'];
  args.push(...(persistent ? ['--appendonly', 'yes', '--appendfsync', 'always'] : ['--appendonly', 'no']));
  const url = `redis://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;

  const start = async () => {
    child = spawn('redis-server', args, { stdio: 'ignore' });
    const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    probe.on('error', () => undefined);
    try {
      for (let attempt = 0; ; attempt++) {
        try {
          await probe.connect();
          // While it loads its append-only file it answers LOADING: wait for PONG.
          if ((await probe.ping()) === 'PONG') return;
        } catch (error) {
          if (attempt > 200) throw new Error(`redis-server on ${port} did not start: ${String(error)}`);
          probe.disconnect();
          await new Promise((resolve) => setTimeout(resolve, 25));
        }
      }
    } finally {
      probe.disconnect();
    }
  };
  await start();
  return {
    url,
    async kill(signal = 'SIGKILL') {
      const running = child;
      if (!running || running.exitCode !== null || running.signalCode !== null) return;
      const gone = new Promise((resolve) => running.once('exit', resolve));
      running.kill(signal);
      await gone;
    },
    restart: start,
  };
}
