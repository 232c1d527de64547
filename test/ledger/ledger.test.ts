import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commandTypes } from '../../src/domain/aggregates/index.js';
import { CommandHandler } from '../../src/ledger/command-handler.js';
import { InvalidCommand, Ledger } from '../../src/ledger/ledger.js';
import { openSqliteEventStore, type SqliteEventStore } from '../../src/store/sqlite/index.js';
import { admin, officer } from '../domain/given.js';

let dir: string;
let store: SqliteEventStore;
let ledger: Ledger;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ledger-'));
  store = openSqliteEventStore({ path: join(dir, 'ledger.db') });
  ledger = new Ledger(new CommandHandler({ store }));
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the ledger', () => {
  it('routes every command type of every aggregate', () => {
    expect(commandTypes).toEqual(expect.arrayContaining(['RegisterOrganisation', 'PlanActivity', 'RecordFeedback', 'LinkInfluence', 'ChangeActionStatus', 'SubmitHealthCheck', 'RecordVoiceEvaluation']));
  });

  it('executes a command given as plain data', async () => {
    const result = await ledger.execute(
      { type: 'RegisterOrganisation', data: { organisationId: 'halton-council', name: 'Halton Borough Council', kind: 'council_service' } },
      { actor: admin },
    );
    expect(result).toMatchObject({ streamId: 'organisation-halton-council', revision: 0 });
  });

  it('refuses an unknown command type and malformed data with the field path, writing nothing', async () => {
    await expect(ledger.execute({ type: 'DeleteEverything', data: {} }, { actor: admin })).rejects.toBeInstanceOf(InvalidCommand);
    const error = await ledger
      .execute({ type: 'RegisterOrganisation', data: { organisationId: 'halton council!', name: '', kind: 'council_service' } }, { actor: admin })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidCommand);
    expect((error as InvalidCommand).issues.map((i) => i.path.join('.'))).toEqual(expect.arrayContaining(['data.organisationId', 'data.name']));
    expect(await store.readAll()).toHaveLength(0);
  });

  const source = { title: 'Redcar & Cleveland Partnership Board report, 25 May 2007', section: '1.7', quote: 'Total budget £9,150.' };

  it('keeps the document a command was recorded from in the metadata of every event it records', async () => {
    const halton = officer('halton-council');
    const window = { opens: '2012-09-01', closes: '2012-10-31' };
    await ledger.execute({ type: 'PlanActivity', data: { activityId: 'a1', title: 'Survey', category: 'consultation', method: 'survey', window } }, { actor: halton });
    await ledger.execute({ type: 'OpenActivity', data: { activityId: 'a1', openedOn: '2012-09-01' } }, { actor: halton });
    const responses = ['f1', 'f2'].map((feedbackId) => ({ feedbackId, kind: 'response', receivedOn: '2012-09-02', text: 'More buses' }));
    const result = await ledger.execute({ type: 'RecordFeedback', data: { activityId: 'a1', responses } }, { actor: halton, source });
    expect(result.events.map((e) => e.metadata.source)).toEqual([source, source]);
    const stored = await store.readStream('activity-a1');
    expect(stored.map((e) => e.metadata.source)).toEqual([undefined, undefined, source, source]);
  });

  it('refuses a malformed source with its field path, writing nothing', async () => {
    const command = { type: 'RegisterOrganisation', data: { organisationId: 'halton-council', name: 'Halton Borough Council', kind: 'council_service' } };
    const error = await ledger.execute(command, { actor: admin, source: { title: 'Report', url: 'data:text/html,hi' } as never }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidCommand);
    expect((error as InvalidCommand).issues.map((i) => i.path.join('.'))).toEqual(expect.arrayContaining(['source.url', 'source.quote']));
    expect(await store.readAll()).toHaveLength(0);
  });
});
