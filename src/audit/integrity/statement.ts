// A checkpoint statement: the ledger's signed word that, at `signedAt`, the event at
// `position` had the chain hash `headHash`. The signature (Ed25519) covers the UTF-8
// bytes of the canonical JSON (keys sorted, no spaces) of exactly
//   { ledger, position, headHash, signedAt }
// `keyId` and `signature` travel beside those four fields, in one flat object.

import { sign, verify, type KeyObject } from 'node:crypto';
import { z } from 'zod';
import { canonicalJson } from '../../store/chain.js';
import { keyIdOf, type SigningKey } from './signing-key.js';

const hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lower-case hex digits');

export const signedCheckpointSchema = z.object({
  ledger: z.string().min(1).max(200).meta({ description: 'The ledger the statement is about (stable for a deployment)' }),
  position: z.int().min(1).meta({ description: 'Log position of the event the statement vouches for' }),
  headHash: hex64.meta({ description: 'The chain hash of the event at `position`' }),
  signedAt: z.iso.datetime().meta({ description: 'When the ledger signed it' }),
  keyId: hex64.meta({ description: 'SHA-256 (hex) of the raw Ed25519 public key that signed it' }),
  signature: z.base64().meta({ description: 'Ed25519 signature (base64) of the canonical JSON of { ledger, position, headHash, signedAt }' }),
});

export type SignedCheckpoint = z.infer<typeof signedCheckpointSchema>;
export type CheckpointStatement = Pick<SignedCheckpoint, 'ledger' | 'position' | 'headHash' | 'signedAt'>;

/** The bytes the signature covers. */
export function statementBytes(statement: CheckpointStatement): Buffer {
  const { ledger, position, headHash, signedAt } = statement;
  return Buffer.from(canonicalJson({ ledger, position, headHash, signedAt }), 'utf8');
}

export function signStatement(key: SigningKey, statement: CheckpointStatement): SignedCheckpoint {
  const { ledger, position, headHash, signedAt } = statement;
  const signature = sign(null, statementBytes(statement), key.privateKey).toString('base64');
  return { ledger, position, headHash, signedAt, keyId: key.keyId, signature };
}

/** Why the statement is not signed by `publicKey`, or null when it is. */
export function signatureProblem(statement: SignedCheckpoint, publicKey: KeyObject): string | null {
  const keyId = keyIdOf(publicKey);
  if (statement.keyId !== keyId) return `the statement names signing key ${statement.keyId}, not the ledger's key ${keyId}`;
  let valid = false;
  try {
    valid = verify(null, statementBytes(statement), publicKey, Buffer.from(statement.signature, 'base64'));
  } catch {
    valid = false;
  }
  return valid ? null : 'the signature does not verify: the statement was altered, or not signed by this key';
}
