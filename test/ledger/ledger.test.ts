import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commandTypes } from '../../src/domain/aggregates/index.js';
import { CommandHandler } from '../../src/ledger/command-handler.js';
import { InvalidCommand, Ledger } from '../../src/ledger/ledger.js';
import { openSqliteEventStore, type SqliteEventStore } from '../../src/store/sqlite/index.js';
import { admin } from '../domain/given.js';

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
});
