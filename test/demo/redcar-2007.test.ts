import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { redcar2007 } from '../../src/demo/redcar-2007.js';
import { loadDemo } from '../../src/demo/load.js';
import { decisionStream } from '../../src/domain/aggregates/decision.js';
import { CommandHandler, toLedgerEvent } from '../../src/ledger/command-handler.js';
import { Ledger } from '../../src/ledger/ledger.js';
import { openSqliteEventStore } from '../../src/store/sqlite/index.js';

const dir = mkdtempSync(join(tmpdir(), 'ledger-demo-'));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the Redcar & Cleveland 2007 demo', () => {
  it('is built through the domain, and the Partnership Board decision of 25 May 2007 cites the four workshops', async () => {
    const store = openSqliteEventStore({ path: join(dir, 'ledger.db') });
    try {
      const count = await loadDemo(new Ledger(new CommandHandler({ store })), redcar2007);
      expect(count).toBe((await store.readAll()).length);

      const decision = (await store.readStream(decisionStream('rc-partnership-board-2007-05-25'))).map(toLedgerEvent);
      const cited = decision.flatMap((e) => (e.type === 'InfluenceLinked' ? [e.data.source.activityId] : []));
      expect(cited).toEqual(['rc-anchor-workshop-1', 'rc-providers-workshop', 'rc-anchor-workshop-2', 'rc-joint-workshop']);

      const workshops = await Promise.all(cited.map(async (id) => (await store.readStream(`activity-${id}`)).map(toLedgerEvent)));
      const dates = workshops.map((events) => events.find((e) => e.type === 'ActivityOpened')?.data);
      expect(dates.map((d) => d && 'openedOn' in d && d.openedOn)).toEqual(['2007-03-19', '2007-03-29', '2007-04-25', '2007-05-09']);
      expect(store.verify()).toMatchObject({ ok: true, checked: count });
    } finally {
      await store.close();
    }
  });
});
