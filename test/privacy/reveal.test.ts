// Revealing sealed values for a reader: plaintext, erased, unreadable or withheld, decided
// per event by who recorded it; a response with no envelope is passed on untouched.

import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { seal } from '../../src/privacy/envelope.js';
import { personalDataAccess, reveal, type KeyLookup } from '../../src/privacy/reveal.js';

const keys = new Map([['person-1', randomBytes(32)]]);
const lookup: KeyLookup = { keyToOpen: (id) => keys.get(id) ?? null };
const envelope = (subjectId: string, value: unknown) => seal(value, keys.get(subjectId) ?? randomBytes(32), { subjectId, context: 'feedback/a/f/text' });
const event = (organisation: string | null, data: unknown) => ({ type: 'FeedbackReceived', organisation, data });

describe('reveal', () => {
  it('opens for officers of the recording organisation and auditors; withholds from everyone else', () => {
    const page = [event('halton', { text: envelope('person-1', 'words') }), event('police', { text: envelope('person-1', 'more words') })];
    const asHalton = reveal(page, lookup, personalDataAccess({ role: 'officer', organisationId: 'halton' }));
    expect(asHalton).toEqual([event('halton', { text: 'words' }), event('police', { text: { withheld: true } })]);
    expect(reveal(page, lookup, personalDataAccess({ role: 'auditor', organisationId: null }))).toEqual([
      event('halton', { text: 'words' }),
      event('police', { text: 'more words' }),
    ]);
    for (const role of ['admin', 'scrutiny'] as const) {
      expect(reveal(page, lookup, personalDataAccess({ role, organisationId: null }))).toEqual([
        event('halton', { text: { withheld: true } }),
        event('police', { text: { withheld: true } }),
      ]);
    }
    expect(reveal(page, lookup, personalDataAccess(null))).toEqual([event('halton', { text: { withheld: true } }), event('police', { text: { withheld: true } })]);
  });

  it('marks a subject without a key as erased, and an altered envelope as unreadable', () => {
    const auditor = personalDataAccess({ role: 'auditor', organisationId: null });
    expect(reveal(event('halton', { text: envelope('person-2', 'gone') }), lookup, auditor)).toEqual(event('halton', { text: { erased: true, subjectId: 'person-2' } }));
    const altered = { ...envelope('person-1', 'words'), context: 'feedback/a/other/text' };
    expect(reveal(event('halton', { text: altered }), lookup, auditor)).toEqual(event('halton', { text: { unreadable: true, subjectId: 'person-1' } }));
  });

  it('returns the very value it was given when it holds no envelope', () => {
    const page = { events: [event('halton', { text: 'in clear', nested: [{ a: 1 }] })], next: 3 };
    expect(reveal(page, lookup, personalDataAccess({ role: 'auditor', organisationId: null }))).toBe(page);
  });
});
