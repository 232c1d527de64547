// `ledger worker` as a process: it checks Redis, starts the dispatcher and the workers,
// and closes cleanly on SIGTERM.

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { cleanUp, describeWithRedis, redisUrl, testPrefix } from './redis.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const viteNode = join(root, 'node_modules/vite-node/vite-node.mjs');
const cliWorker = join(root, 'test/workers/fixtures/cli-worker.ts');

describeWithRedis('ledger worker', () => {
  let dir: string;
  let prefix: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-cli-worker-'));
    prefix = testPrefix();
  });

  afterEach(async () => {
    await cleanUp(prefix);
    rmSync(dir, { recursive: true, force: true });
  });

  it('checks the eviction policy, runs the dispatcher and a worker, and closes on SIGTERM', { timeout: 30_000 }, async () => {
    const child = spawn(process.execPath, [viteNode, cliWorker, dir, prefix], {
      cwd: root,
      env: { ...process.env, REDIS_URL: redisUrl, STORE: 'sqlite' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    await new Promise<void>((resolve, reject) => {
      const giveUp = setTimeout(() => reject(new Error(`never started:\n${stderr}`)), 20_000);
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
        stderr += chunk;
        if (stderr.includes('worker consuming')) {
          clearTimeout(giveUp);
          resolve();
        }
      });
    });

    child.kill('SIGTERM');

    expect(await exited).toBe(0);
    expect(stderr).toMatch(/maxmemory-policy/);
    expect(stderr).toContain('dispatcher following the sqlite store');
    expect(stderr).toContain('SIGTERM: closing');
  });
});
