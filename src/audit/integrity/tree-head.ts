// Signed tree heads: the ledger's word that its log's Merkle tree had `size` leaves and root
// `rootHash`, as a C2SP tlog-checkpoint (c2sp.org/tlog-checkpoint) in a C2SP signed note
// (c2sp.org/signed-note), so existing transparency-log tools and witnesses read them:
//
//   engagement-ledger/ledger-01JD…          origin: this log's name
//   184213                                  tree size (events)
//   n3Lq…=                                  base64 root hash
//                                           blank line
//   — engagement-ledger/ledger-01JD… AbCd…  key name (= origin), base64(4-byte key ID ‖ Ed25519 signature)
//
// The signature is the ledger's existing Ed25519 key over the note text (the first three
// lines, each ending in a newline). Key ID = SHA-256(key name ‖ 0x0A ‖ 0x01 ‖ 32-byte key)[:4].
// They are signed with every checkpoint statement (sign.ts), at the statement's position.

import { createHash, sign, type KeyObject } from 'node:crypto';
import { nodeCrypto } from '../merkle/node-crypto.js';
import { openCheckpoint, VerificationError, type Checkpoint } from '../merkle/verifier.js';
import { rawPublicKey, type SigningKey } from './signing-key.js';

/** The log's name in its tree heads, and the key name they are signed under: fixed by the ledger's id. */
export function treeHeadOrigin(ledgerId: string): string {
  return `engagement-ledger/${ledgerId}`;
}

/** The signed-note key ID of the ledger's key under `name`. */
export function noteKeyId(name: string, publicKey: KeyObject): Buffer {
  return createHash('sha256')
    .update(Buffer.from(name, 'utf8'))
    .update(Buffer.of(0x0a, 0x01))
    .update(rawPublicKey(publicKey))
    .digest()
    .subarray(0, 4);
}

/**
 * The key as golang.org/x/mod/sumdb/note and the transparency-dev tools take it ("verifier key"):
 * name + hex key ID + base64(0x01 ‖ key).
 */
export function noteVerifierKey(name: string, publicKey: KeyObject): string {
  return `${name}+${noteKeyId(name, publicKey).toString('hex')}+${Buffer.concat([Buffer.of(0x01), rawPublicKey(publicKey)]).toString('base64')}`;
}

/** The note text of a tree head: what the signature covers. */
export function treeHeadText(origin: string, size: number, rootHash: Uint8Array): string {
  if (/[\s+]/u.test(origin) || origin.length === 0) throw new Error(`the origin "${origin}" is not a valid key name`);
  if (!Number.isSafeInteger(size) || size < 0) throw new Error(`a tree size is a whole number, not ${size}`);
  if (rootHash.length !== 32) throw new Error('a root hash is 32 bytes');
  return `${origin}\n${size}\n${Buffer.from(rootHash).toString('base64')}\n`;
}

/** A signed note (c2sp.org/signed-note): `text` (ending in a newline), a blank line, one Ed25519 signature line by `name`. */
export function signNote(key: Pick<SigningKey, 'privateKey' | 'publicKey'>, name: string, text: string): string {
  if (!text.endsWith('\n')) throw new Error('a note text ends with a newline');
  const signature = sign(null, Buffer.from(text, 'utf8'), key.privateKey);
  return `${text}\n\u2014 ${name} ${Buffer.concat([noteKeyId(name, key.publicKey), signature]).toString('base64')}\n`;
}

/** Sign a tree head with the ledger's key; the key name is the origin. */
export function signTreeHead(key: SigningKey, origin: string, size: number, rootHash: Uint8Array): string {
  return signNote(key, origin, treeHeadText(origin, size, rootHash));
}

export type TreeHeadCheck = { ok: true; checkpoint: Checkpoint } | { ok: false; reason: string };

/** A tree head, if it is this log's (origin) and its signature by `publicKey` verifies. */
export async function checkTreeHead(note: string, publicKey: KeyObject, origin?: string): Promise<TreeHeadCheck> {
  try {
    const checkpoint = await openCheckpoint(note, { publicKey: rawPublicKey(publicKey), ...(origin === undefined ? {} : { origin }) }, nodeCrypto);
    return { ok: true, checkpoint };
  } catch (error) {
    if (error instanceof VerificationError) return { ok: false, reason: error.message };
    throw error;
  }
}
