import { describe, expect, it } from 'vitest';
import { DuplicateEventId, EventTooLarge, InvalidAppend, ReceiptAlreadyKept, StoreError, StoreUnavailable, WrongExpectedRevision } from '../../src/store/errors.js';
import { answerTemplate, fillTemplate } from '../../src/store/sqlite/append-job.js';
import { TreeDamaged } from '../../src/store/sqlite/tree.js';
import { fromWire, toWire } from '../../src/store/sqlite/wire-errors.js';

const keyed = { scope: 'client-1', key: 'k-1', requestHash: 'h' };

describe('an append sent to the writer thread', () => {
  it('keeps the answer its receipt would have made, the result quoted wherever it appears', () => {
    const answer = (result: { nextExpectedRevision: number; position: number }) => ({
      status: 201,
      body: { id: 'a-12', revision: result.nextExpectedRevision, position: result.position, etag: `"${result.nextExpectedRevision}"`, events: [{ id: 'e1' }] },
    });
    const template = answerTemplate({ ...keyed, answer });
    for (const result of [{ nextExpectedRevision: 0, position: 1 }, { nextExpectedRevision: 41, position: 123_456 }]) {
      expect(fillTemplate(template, result)).toBe(JSON.stringify(answer(result).body));
    }
    expect(template.status).toBe(201);
  });

  it('refuses a receipt whose answer computes with the result rather than quoting it', () => {
    const answer = (result: { nextExpectedRevision: number; position: number }) => ({ status: 200, body: { next: result.nextExpectedRevision + 1 } });
    expect(() => answerTemplate({ ...keyed, answer })).toThrow(InvalidAppend);
  });

  it('refuses a receipt whose status depends on the result', () => {
    const answer = (result: { nextExpectedRevision: number; position: number }) => ({ status: result.position % 2 === 0 ? 200 : 201, body: {} });
    expect(() => answerTemplate({ ...keyed, answer })).toThrow(InvalidAppend);
  });
});

describe('errors from the writer thread', () => {
  const receipt = { scope: 's', key: 'k', requestHash: 'h', status: 201, body: { a: 1 } };
  const errors: Error[] = [
    new WrongExpectedRevision('activity-1', 3, 5),
    new DuplicateEventId('01J'),
    new EventTooLarge('01K', 2_000_000, 1_048_576),
    new InvalidAppend('stream id is empty'),
    new StoreUnavailable('busy', 4),
    new ReceiptAlreadyKept(receipt),
    new StoreError('STORE_CLOSED', 'the event store is closed'),
    new TreeDamaged('the Merkle tree lacks node (0, 1)'),
  ];

  it.each(errors.map((error) => [error.constructor.name, error] as const))('keep their class and fields: %s', (_name, error) => {
    const rebuilt = fromWire(structuredClone(toWire(error)));
    expect(rebuilt.constructor).toBe(error.constructor);
    expect({ ...rebuilt, message: rebuilt.message, name: rebuilt.name }).toEqual({ ...error, message: error.message, name: error.name });
  });

  it('keep the name, message and code of any other error (SQLite’s among them)', () => {
    const sqlite = Object.assign(new Error('database is locked'), { name: 'SqliteError', code: 'SQLITE_BUSY' });
    const rebuilt = fromWire(structuredClone(toWire(sqlite))) as Error & { code?: string };
    expect([rebuilt.name, rebuilt.message, rebuilt.code]).toEqual(['SqliteError', 'database is locked', 'SQLITE_BUSY']);
  });
});
