// Revealing sealed values for a reader: plaintext, erased, unreadable or withheld, decided
// per event by who recorded it; a response with no envelope is passed on untouched.

import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { seal } from '../../src/privacy/envelope.js';
import { personalDataAccess, reveal, type KeyLookup } from '../../src/privacy/reveal.js';

const keys = new Map([['person-1', randomBytes(32)]]);
const lookup: KeyLookup = { keysToOpen: async (ids) => new Map([...ids].map((id) => [id, keys.get(id) ?? null])) };
const envelope = (subjectId: string, value: unknown) => seal(value, keys.get(subjectId) ?? randomBytes(32), { subjectId, context: 'feedback/a/f/text' });
const event = (organisation: string | null, data: unknown) => ({ type: 'FeedbackReceived', organisation, data });

describe('reveal', async () => {
  it('opens for officers of the recording organisation and auditors; withholds from everyone else', async () => {
    const page = [event('halton', { text: envelope('person-1', 'words') }), event('police', { text: envelope('person-1', 'more words') })];
    const asHalton = await reveal(page, lookup, personalDataAccess({ role: 'officer', organisationId: 'halton' }));
    expect(asHalton).toEqual([event('halton', { text: 'words' }), event('police', { text: { withheld: true } })]);
    expect(await reveal(page, lookup, personalDataAccess({ role: 'auditor', organisationId: null }))).toEqual([
      event('halton', { text: 'words' }),
      event('police', { text: 'more words' }),
    ]);
    for (const role of ['admin', 'scrutiny'] as const) {
      expect(await reveal(page, lookup, personalDataAccess({ role, organisationId: null }))).toEqual([
        event('halton', { text: { withheld: true } }),
        event('police', { text: { withheld: true } }),
      ]);
    }
    expect(await reveal(page, lookup, personalDataAccess(null))).toEqual([event('halton', { text: { withheld: true } }), event('police', { text: { withheld: true } })]);
  });

  it('marks a subject without a key as erased, and an altered envelope as unreadable', async () => {
    const auditor = personalDataAccess({ role: 'auditor', organisationId: null });
    expect(await reveal(event('halton', { text: envelope('person-2', 'gone') }), lookup, auditor)).toEqual(event('halton', { text: { erased: true, subjectId: 'person-2' } }));
    const altered = { ...envelope('person-1', 'words'), context: 'feedback/a/other/text' };
    expect(await reveal(event('halton', { text: altered }), lookup, auditor)).toEqual(event('halton', { text: { unreadable: true, subjectId: 'person-1' } }));
  });

  it('returns the very value it was given when it holds no envelope', async () => {
    const page = { events: [event('halton', { text: 'in clear', nested: [{ a: 1 }] })], next: 3 };
    expect(await reveal(page, lookup, personalDataAccess({ role: 'auditor', organisationId: null }))).toBe(page);
  });
});

describe('reveal’s key lookups', () => {
  it('asks for all the keys of a response in one call, only those of envelopes the reader may open, and none when it may open none', async () => {
    const calls: string[][] = [];
    const counting: KeyLookup = { keysToOpen: async (ids) => (calls.push([...ids].sort()), lookup.keysToOpen(ids)) };
    const page = [event('halton', { text: envelope('person-1', 'a') }), event('halton', { text: envelope('person-3', 'b') }), event('police', { text: envelope('person-4', 'c') })];
    await reveal(page, counting, personalDataAccess({ role: 'officer', organisationId: 'halton' }));
    await reveal(page, counting, personalDataAccess({ role: 'scrutiny', organisationId: null }));
    expect(calls).toEqual([['person-1', 'person-3']]);
  });
});
