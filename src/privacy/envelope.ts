// Sealing and opening one value with a data subject's key: AES-256-GCM, a fresh random
// 96-bit IV per seal, the 128-bit tag kept beside the ciphertext, and associated data that
// binds the ciphertext to its version, its subject and where it was sealed.

import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { SEAL_VERSION, type SealedEnvelope } from '../domain/personal-data.js';

export const KEY_BYTES = 32;
export const IV_BYTES = 12;

/** Thrown when an envelope does not open: a wrong key, or a ciphertext, tag, subject or context changed since it was sealed. */
export class EnvelopeRefused extends Error {
  constructor(readonly subjectId: string) {
    super(`a sealed value of subject ${subjectId} does not open: it was altered or the key is wrong`);
    this.name = 'EnvelopeRefused';
  }
}

function associatedData(subjectId: string, context: string): Buffer {
  return Buffer.from(`${SEAL_VERSION}\n${subjectId}\n${context}`, 'utf8');
}

export interface SealAt {
  subjectId: string;
  context: string;
}

/**
 * Seal any JSON value. An `iv` given must be fresh random bytes never used before (a batch's,
 * drawn together: random-draw.ts), or fixed for deterministic test data only (the generator).
 */
export function seal(value: unknown, key: Buffer, at: SealAt, iv: Buffer = randomBytes(IV_BYTES)): SealedEnvelope {
  if (key.length !== KEY_BYTES) throw new Error('a subject key is 32 bytes');
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(associatedData(at.subjectId, at.context));
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return {
    sealed: SEAL_VERSION,
    subjectId: at.subjectId,
    context: at.context,
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    ciphertext: ciphertext.toString('base64'),
  };
}

/** Open an envelope with its subject's key; throws EnvelopeRefused if anything in it was altered. */
export function open(envelope: SealedEnvelope, key: Buffer): unknown {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(envelope.iv, 'base64'), { authTagLength: 16 });
    decipher.setAAD(associatedData(envelope.subjectId, envelope.context));
    decipher.setAuthTag(Buffer.from(envelope.tag, 'base64'));
    const plaintext = Buffer.concat([decipher.update(Buffer.from(envelope.ciphertext, 'base64')), decipher.final()]);
    return JSON.parse(plaintext.toString('utf8'));
  } catch {
    throw new EnvelopeRefused(envelope.subjectId);
  }
}
