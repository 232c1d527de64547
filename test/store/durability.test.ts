// Kills a writer with SIGKILL mid-stream, several times over one file, and checks that
// what it acknowledged survived and that the log is whole: no torn appends, no gaps,
// an intact chain. SIGKILL loses the process, not the OS page cache, so this proves
// atomicity and acknowledgement-after-commit; power loss (synchronous=FULL) is not simulated.

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { RecordedEvent } from '../../src/store/port.js';
import { openSqliteEventStore } from '../../src/store/sqlite/index.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
// vite-node (shipped with vitest) runs the TypeScript child in its own process, no build needed.
const viteNode = join(root, 'node_modules/vite-node/vite-node.mjs');
const appendLoop = join(root, 'test/store/fixtures/append-loop.ts');

const KILLS = 3;
const ACKNOWLEDGED_BEFORE_KILL = 300;

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ledger-durability-'));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Runs the append loop until it has acknowledged `count` events, SIGKILLs it, and returns every id it acknowledged. */
function runUntilKilled(path: string, count: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [viteNode, appendLoop, path], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    const acknowledged: string[] = [];
    let unfinishedLine = '';
    let stderr = '';
    let killed = false;
    const kill = () => {
      killed = true;
      child.kill('SIGKILL');
    };
    const giveUp = setTimeout(kill, 30_000);

    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      // A line cut off by the kill was never fully acknowledged.
      const lines = (unfinishedLine + chunk).split('\n');
      unfinishedLine = lines.pop() ?? '';
      acknowledged.push(...lines);
      if (!killed && acknowledged.length >= count) kill();
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(giveUp);
      if (signal === 'SIGKILL' && acknowledged.length >= count) resolve(acknowledged);
      else reject(new Error(`append loop ended (code ${code}, signal ${signal}) after ${acknowledged.length} acknowledgements\n${stderr}`));
    });
  });
}

async function readWholeLog(path: string): Promise<{ events: RecordedEvent[]; chainOk: boolean; head: number }> {
  const store = openSqliteEventStore({ path });
  try {
    const events = await store.readAll();
    const check = store.verify();
    return { events, chainOk: check.ok, head: check.ok ? check.headPosition : -1 };
  } finally {
    await store.close();
  }
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

interface Probe {
  batch: string;
  size: number;
  index: number;
}

it(
  `keeps every acknowledged event and only whole appends across ${KILLS} SIGKILLs of the writer`,
  async () => {
    const path = join(dir, 'events.db');
    const acknowledged: string[] = [];

    for (let kill = 1; kill <= KILLS; kill++) {
      acknowledged.push(...(await runUntilKilled(path, ACKNOWLEDGED_BEFORE_KILL)));

      const { events, chainOk, head } = await readWholeLog(path);

      const timesRecorded = new Map<string, number>();
      for (const event of events) timesRecorded.set(event.id, (timesRecorded.get(event.id) ?? 0) + 1);
      expect(acknowledged.filter((id) => timesRecorded.get(id) !== 1), 'acknowledged but not recorded once').toEqual([]);
      expect(timesRecorded.size).toBe(events.length);

      expect(events.map((e) => e.position)).toEqual(events.map((_, i) => i + 1));
      for (const [stream, ofStream] of groupBy(events, (e) => e.streamId)) {
        expect(ofStream.map((e) => e.revision), stream).toEqual(ofStream.map((_, i) => i));
      }

      for (const [batch, appended] of groupBy(events, (e) => (e.data as Probe).batch)) {
        const { size } = appended[0]!.data as Probe;
        expect(appended.map((e) => (e.data as Probe).index), `append ${batch}`).toEqual(Array.from({ length: size }, (_, i) => i));
        expect(appended.at(-1)!.position - appended[0]!.position, `append ${batch} is contiguous`).toBe(size - 1);
      }

      expect(chainOk).toBe(true);
      expect(head).toBe(events.length);
    }
    expect(acknowledged.length).toBeGreaterThanOrEqual(KILLS * ACKNOWLEDGED_BEFORE_KILL);
  },
  90_000,
);
