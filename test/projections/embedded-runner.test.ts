import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { monotonicFactory } from 'ulid';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LedgerEvent } from '../../src/domain/events/catalogue.js';
import { EmbeddedRunner } from '../../src/projections/embedded-runner.js';
import { defineProjection } from '../../src/projections/projection.js';
import { SqliteReadModels } from '../../src/projections/sqlite/sqlite-read-models.js';
import type { NewEvent } from '../../src/store/port.js';
import { openSqliteEventStore, type SqliteEventStore } from '../../src/store/sqlite/index.js';
import { appliedExactlyOnce, countingProjection, type Applied } from './counting-projection.js';

const root = resolve(import.meta.dirname, '../..');
const viteNode = join(root, 'node_modules/vite-node/vite-node.mjs');
const newId = monotonicFactory();

let dir: string;
let store: SqliteEventStore;
let readModels: SqliteReadModels;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ledger-runner-'));
  store = openSqliteEventStore({ path: join(dir, 'ledger.db') });
  readModels = new SqliteReadModels(join(dir, 'readmodels.db'));
});
afterEach(async () => {
  await readModels.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const opened = (activityId: string, day: number): LedgerEvent => ({
  type: 'ActivityOpened',
  data: { activityId, openedOn: `2012-09-${String(day).padStart(2, '0')}` },
});

function envelope(event: LedgerEvent): NewEvent {
  const at = '2026-01-01T00:00:00.000Z';
  return { id: newId(), type: event.type, version: 1, data: event.data, metadata: { actor: 't', organisation: null, recordedAt: at, occurredAt: at, correlationId: 'c', causationId: null } };
}

/** n events spread over 7 streams (ActivityOpened data is all the counting projection needs). */
async function appendEvents(n: number): Promise<number[]> {
  const positions: number[] = [];
  for (let i = 0; i < n; i++) {
    const result = await store.append(`activity-a${i % 7}`, [envelope(opened(`a${i % 7}`, (i % 28) + 1))]);
    positions.push(result.position);
  }
  return positions;
}

const documentsOf = async (name: string) => (await readModels.list(name, 'stream:')).map(([, doc]) => doc as Applied);

describe('the embedded projection runner', () => {
  it('applies every event once, in order, and leaves the checkpoint at the head', async () => {
    const positions = await appendEvents(230);
    const runner = new EmbeddedRunner(store, readModels, [countingProjection], { batchSize: 50 });
    await runner.catchUp();
    expect(appliedExactlyOnce(await documentsOf('test-counting'), positions)).toEqual({ ok: true });
    expect((await readModels.checkpoint('test-counting'))?.position).toBe(230);
  });

  it('follows live appends and lets a reader wait for its own write', async () => {
    const runner = new EmbeddedRunner(store, readModels, [countingProjection], { idleMs: 1_000 });
    await runner.start();
    const [position] = await appendEvents(1);
    runner.poke();
    expect(await runner.waitFor(position as number, 2_000)).toBe(true);
    expect(await runner.waitFor(10_000, 50)).toBe(false);
    await runner.stop();
  });

  it('lets timers and requests run while it catches up, not only once it reaches the head', async () => {
    await appendEvents(300);
    const runner = new EmbeddedRunner(store, readModels, [countingProjection], { batchSize: 20, idleMs: 1_000 });
    await runner.start();
    // A timer is a macrotask: it fires between batches only if the runner yields to the event loop.
    await new Promise((resolve) => setTimeout(resolve, 0));
    const seenByTimer = (await readModels.checkpoint('test-counting'))?.position ?? 0;
    expect(seenByTimer).toBeLessThan(300);
    expect(await runner.waitFor(300, 10_000)).toBe(true);
    await runner.stop();
  });

  it('parks a projection whose reducer keeps throwing, and the others go on', async () => {
    const failing = defineProjection<unknown>({
      name: 'test-failing',
      version: 1,
      eventTypes: ['ActivityOpened'],
      key: () => 'x',
      evolve: () => {
        throw new Error('reducer bug');
      },
    });
    const positions = await appendEvents(20);
    const runner = new EmbeddedRunner(store, readModels, [failing, countingProjection], { maxAttempts: 3, retryBaseMs: 1 });
    for (let i = 0; i < 5; i++) await runner.catchUp();
    const states = await runner.states();
    expect(states.find((s) => s.name === 'test-failing')).toMatchObject({ status: 'parked', position: 0, lastError: expect.stringMatching(/reducer bug/) });
    expect(states.find((s) => s.name === 'test-counting')).toMatchObject({ position: 20, lag: 0 });
    expect(appliedExactlyOnce(await documentsOf('test-counting'), positions)).toEqual({ ok: true });
  });

  it('rebuilds into a fresh copy and swaps it in, with the same documents', async () => {
    const positions = await appendEvents(120);
    const runner = new EmbeddedRunner(store, readModels, [countingProjection], { batchSize: 32 });
    await runner.catchUp();
    const before = await documentsOf('test-counting');
    const progress: number[] = [];
    await runner.rebuild('test-counting', (position) => progress.push(position));
    expect(await documentsOf('test-counting')).toEqual(before);
    expect(appliedExactlyOnce(await documentsOf('test-counting'), positions)).toEqual({ ok: true });
    expect(progress.at(-1)).toBe(120);
    expect(await readModels.checkpoint('test-counting~rebuild')).toBeUndefined();
  });

  it('rebuilds at start a projection whose version changed', async () => {
    await appendEvents(10);
    await new EmbeddedRunner(store, readModels, [countingProjection]).catchUp();
    // A reducer that now counts differently, under a new version.
    const v2 = defineProjection<Applied>({ ...countingProjection, version: 2, evolve: (_row, e) => ({ positions: [-e.position] }) });
    const runner = new EmbeddedRunner(store, readModels, [v2]);
    await runner.start();
    await runner.stop();
    expect((await readModels.checkpoint('test-counting'))?.version).toBe(2);
    expect((await documentsOf('test-counting')).every((d) => d.positions.length === 1 && (d.positions[0] as number) < 0)).toBe(true);
  });

  it('counts nothing twice when killed between a read-model write and its checkpoint', async () => {
    const positions = await appendEvents(300);
    await store.close();
    await readModels.close();
    const ledgerPath = join(dir, 'ledger.db');
    const readModelsPath = join(dir, 'readmodels.db');
    // Kill inside the 2nd, then (after restart) the 3rd commit, then let it finish.
    for (const killAt of ['2', '3', '0']) {
      const code = await new Promise<number | null>((done) => {
        const child = spawn(process.execPath, [viteNode, 'test/projections/fixtures/crashing-runner.ts', ledgerPath, readModelsPath, killAt], { cwd: root, stdio: 'ignore' });
        child.on('exit', (exitCode, signal) => done(signal === 'SIGKILL' ? null : exitCode));
      });
      expect(code).toBe(killAt === '0' ? 0 : null);
    }
    store = openSqliteEventStore({ path: ledgerPath });
    readModels = new SqliteReadModels(readModelsPath);
    expect(appliedExactlyOnce(await documentsOf('test-counting'), positions)).toEqual({ ok: true });
  });
});
