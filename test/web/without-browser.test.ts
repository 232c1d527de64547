// On a machine without Chromium (a fresh clone, Node and Redis only), the README's test
// command still passes: the browser tests are skipped with one line saying how to run them.
// With REQUIRE_BROWSER=1 (CI, after installing Chromium) a missing browser fails them.
// The browser test file is run by vitest in a child process, Chromium pointed nowhere.

import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from '../support/ledger-process.js';

function runPagesTests(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const { VITEST: _v, VITEST_POOL_ID: _p, VITEST_WORKER_ID: _w, REQUIRE_BROWSER: _r, ...rest } = process.env;
  const child = spawn(process.execPath, [join(root, 'node_modules/vitest/vitest.mjs'), 'run', 'test/web/pages.test.ts'], {
    cwd: root,
    env: { ...rest, CHROMIUM_PATH: '/nonexistent/chromium', NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

describe('the browser tests on a machine without Chromium', () => {
  it('are skipped, the run passing, with one line saying how to run them', { timeout: 120_000 }, async () => {
    const { code, output } = await runPagesTests({});

    expect(code, output).toBe(0);
    expect(output.match(/\[browser tests\] skipped: no Chromium at \/nonexistent\/chromium; to run them, install .*chromium/g)).toHaveLength(1);
    expect(output).toMatch(/Tests\s+\d+ skipped \(\d+\)/);
  });

  it('fail with REQUIRE_BROWSER=1, naming what is missing', { timeout: 120_000 }, async () => {
    const { code, output } = await runPagesTests({ REQUIRE_BROWSER: '1' });

    expect(code).toBe(1);
    expect(output).toContain('REQUIRE_BROWSER=1 but browser cannot be used: no Chromium at /nonexistent/chromium');
    expect(output).toMatch(/Tests\s+\d+ failed \(\d+\)/);
  });
});
