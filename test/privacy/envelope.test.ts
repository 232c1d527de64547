// Sealing and opening one value: AES-256-GCM with associated data. Any change to what was
// sealed, or to where it says it belongs, makes it refuse to open.

import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sealedEnvelope, type SealedEnvelope } from '../../src/domain/personal-data.js';
import { EnvelopeRefused, open, seal } from '../../src/privacy/envelope.js';

const key = randomBytes(32);
const at = { subjectId: 'person-1', context: 'feedback/budget/f1/respondent' };
const respondent = { subjectId: 'person-1', name: 'Jane Doe', contact: 'jane@example.org', postcode: 'TS10 1AA' };

/** Flip one bit of a base64 field. */
function flipped(base64: string, byte = 0): string {
  const bytes = Buffer.from(base64, 'base64');
  bytes[byte] = (bytes[byte] as number) ^ 1;
  return bytes.toString('base64');
}

describe('sealed envelopes', () => {
  it('opens with its key to exactly what was sealed, and holds none of it in clear', () => {
    const envelope = seal(respondent, key, at);
    expect(sealedEnvelope.parse(envelope)).toEqual(envelope);
    expect(open(envelope, key)).toEqual(respondent);
    const stored = JSON.stringify(envelope);
    for (const value of ['Jane Doe', 'jane@example.org', 'TS10 1AA']) expect(stored).not.toContain(value);
  });

  it('uses a fresh IV each time: the same value seals to different ciphertexts', () => {
    const a = seal('the same words', key, at);
    const b = seal('the same words', key, at);
    expect(a.iv).not.toBe(b.iv);
    expect(a.ciphertext).not.toBe(b.ciphertext);
  });

  it('refuses a changed ciphertext, tag or IV', () => {
    const envelope = seal(respondent, key, at);
    const altered: SealedEnvelope[] = [
      { ...envelope, ciphertext: flipped(envelope.ciphertext, 3) },
      { ...envelope, tag: flipped(envelope.tag) },
      { ...envelope, iv: flipped(envelope.iv) },
    ];
    for (const bad of altered) expect(() => open(bad, key)).toThrow(EnvelopeRefused);
  });

  it('refuses an envelope relabelled to another subject or another place (the associated data)', () => {
    const envelope = seal(respondent, key, at);
    expect(() => open({ ...envelope, subjectId: 'person-2' }, key)).toThrow(EnvelopeRefused);
    expect(() => open({ ...envelope, context: 'feedback/budget/f2/respondent' }, key)).toThrow(EnvelopeRefused);
  });

  it('refuses another subject’s key', () => {
    expect(() => open(seal(respondent, key, at), randomBytes(32))).toThrow(EnvelopeRefused);
  });
});
