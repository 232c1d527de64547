// The embedded runner (SQLite) and the BullMQ runner (Redis) build the same read models
// from the same log: every row of every projection, and every index entry, deep-equal.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { loadDemo } from '../../src/demo/load.js';
import { seedDemo } from '../../src/demo/seeds.js';
import { appendGenerated } from '../../src/generate/index.js';
import { CommandHandler } from '../../src/ledger/command-handler.js';
import { Ledger } from '../../src/ledger/ledger.js';
import { EmbeddedRunner } from '../../src/projections/embedded-runner.js';
import type { LedgerEvent } from '../../src/domain/events/catalogue.js';
import { emptyActionView, evolveActionView } from '../../src/projections/entities/action-view.js';
import { emptyActivityView, evolveActivityView } from '../../src/projections/entities/activity-view.js';
import { emptyDecisionView, evolveDecisionView } from '../../src/projections/entities/decision-view.js';
import { emptyPlanView, evolvePlanView } from '../../src/projections/entities/plan-view.js';
import { defineProjection, type Projection } from '../../src/projections/projection.js';
import { eventDefinitions } from '../../src/domain/events/catalogue.js';
import { allProjections } from '../../src/projections/registry.js';
import { SqliteReadModels } from '../../src/projections/sqlite/sqlite-read-models.js';
import { openSqliteEventStore, type SqliteEventStore } from '../../src/store/sqlite/index.js';
import { startDispatcher, startWorker } from '../../src/workers/index.js';
import { silentLogger } from '../../src/workers/queues.js';
import { RedisReadModels } from '../../src/workers/redis-read-models.js';
import { countingProjection, waitForCheckpoints } from './counting.js';
import { cleanUp, describeWithRedis, redisUrl, testPrefix } from './redis.js';

const EVENTS = 10_000;

function view<V>(prefix: string, empty: V, evolve: (view: V, event: LedgerEvent) => V) {
  return { prefix, apply: (doc: unknown, event: LedgerEvent): unknown => evolve((doc as V | undefined) ?? empty, event) };
}
const views = [
  view('activity-', emptyActivityView, evolveActivityView),
  view('decision-', emptyDecisionView, evolveDecisionView),
  view('action-', emptyActionView, evolveActionView),
  view('plan-', emptyPlanView, evolvePlanView),
];

/** Realistic documents (nested, with nulls and lists that grow): one entity view per stream. */
const entityViews = defineProjection<unknown>({
  name: 'entity-views',
  version: 1,
  eventTypes: eventDefinitions.map((d) => d.type),
  key: (event) => (views.some((v) => event.streamId.startsWith(v.prefix)) ? event.streamId : null),
  evolve(row, event) {
    const entity = views.find((v) => event.streamId.startsWith(v.prefix));
    return entity ? entity.apply(row, event) : row;
  },
});

describeWithRedis('the embedded and the BullMQ runners', () => {
  let dir: string;
  let prefix: string;
  let store: SqliteEventStore;
  let sqlite: SqliteReadModels;
  let redis: RedisReadModels;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-identical-'));
    prefix = testPrefix();
    store = openSqliteEventStore({ path: join(dir, 'ledger.db'), synchronous: 'NORMAL' });
    sqlite = new SqliteReadModels(join(dir, 'read-models.db'));
    redis = RedisReadModels.open(redisUrl, { prefix });
  });

  afterEach(async () => {
    await redis.close();
    await sqlite.close();
    await store.close();
    await cleanUp(prefix);
    rmSync(dir, { recursive: true, force: true });
  });

  /** Build `projections` with the embedded runner (SQLite) and with the dispatcher and a worker (Redis), then compare every row and index entry. */
  async function buildBothAndCompare(projections: Projection<unknown>[], head: number, { empty = [] as string[] } = {}): Promise<void> {
    // When the embedded runner builds them in SQLite
    await new EmbeddedRunner(store, sqlite, projections).catchUp();

    // and the dispatcher and a worker build them in Redis
    const workers = await startWorker({ redis: { url: redisUrl }, prefix, projections, log: silentLogger });
    const dispatcher = await startDispatcher({ store, redis: { url: redisUrl }, readModels: redis, projections, log: silentLogger });
    try {
      await waitForCheckpoints(
        redis,
        projections.map((p) => p.name),
        head,
        50_000,
      );
    } finally {
      await dispatcher.stop();
      await workers.close();
    }

    // Then every row of every projection is the same in both, at the same checkpoint
    for (const projection of projections) {
      const embedded = await sqlite.list(projection.name, '');
      const distributed = await redis.list(projection.name, '');
      if (!empty.includes(projection.name)) expect(embedded.length, `${projection.name} has documents`).toBeGreaterThan(0);
      expect(distributed.length, projection.name).toBe(embedded.length);
      expect(distributed, projection.name).toEqual(embedded);
      expect((await redis.checkpoint(projection.name))?.position, projection.name).toBe(head);
      expect((await sqlite.checkpoint(projection.name))?.position, projection.name).toBe(head);
    }
    // and so is every index: the same terms, each holding the same rows in the same order, counted alike
    for (const projection of allProjections) {
      const terms = await sqlite.terms(projection.name, '', { limit: 100_000 });
      if (!empty.includes(projection.name)) expect(terms.length, `${projection.name} has index terms`).toBeGreaterThan(0);
      expect(await redis.terms(projection.name, '', { limit: 100_000 }), projection.name).toEqual(terms);
      expect(await redis.count(projection.name, terms), projection.name).toEqual(await sqlite.count(projection.name, terms));
      for (const term of terms) {
        const order = (rows: { key: string; sort: string }[]) => rows.map((r) => `${r.sort} ${r.key}`);
        const embedded = await sqlite.scan(projection.name, term, { limit: 100_000 });
        expect(order(await redis.scan(projection.name, term, { limit: 100_000 })), `${projection.name} ${term}`).toEqual(order(embedded));
      }
    }
  }

  it(`build identical read models from the same generated ledger of ${EVENTS} events`, { timeout: 60_000 }, async () => {
    // Given a generated ledger and every registered read model, plus one that records each position applied
    await appendGenerated(store, { seed: 10_000, events: EVENTS });
    const head = (await store.readAll()).at(-1)?.position ?? 0;
    const projections: Projection<unknown>[] = [...allProjections, countingProjection('count-all') as Projection<unknown>, entityViews];

    await buildBothAndCompare(projections, head);
    const counted = (await redis.list('count-all', 'stream:')).flatMap(([, doc]) => (doc as { positions: number[] }).positions);
    expect(counted).toHaveLength(EVENTS);
  });

  it('build identical read models from the demo ledger: invitations answered and not, recommendations, networks, plans in draft, milestones', { timeout: 60_000 }, async () => {
    // Given the demo ledger, which holds what the generated one does not
    await loadDemo(new Ledger(new CommandHandler({ store })), seedDemo);
    const types = new Set((await store.readAll()).map((e) => e.type));
    for (const type of ['JointPartnershipAccepted', 'PlanPartnershipAccepted', 'ActionLeadAccepted', 'PlanDrafted', 'PlanProposed', 'OrganisationReplaced', 'NetworkMemberAdded', 'ActionMilestoneAdded']) {
      expect(types, type).toContain(type);
    }
    const head = (await store.readAll()).at(-1)?.position ?? 0;

    // When both runners build every registered read model, then they agree row for row and entry for entry
    // (the demo holds no health-check return: Halton's seed has only the blank form)
    await buildBothAndCompare([...allProjections, entityViews], head, { empty: ['health-check-submissions'] });
  });
});
