// @ts-check
// engagement-ledger's proof verifier: one file, no dependencies, for Node (20+) and browsers.
//
// Give it a signed tree head (a C2SP tlog-checkpoint signed note), the ledger's Ed25519
// public key, an event as the ledger published it and that event's inclusion proof; it
// says whether the ledger's log of that size holds exactly that event at its position.
//
//   import { verifyEvent } from './verifier.js';
//   const answer = await verifyEvent({ treeHead, publicKey, origin, event, proof });
//   // { ok: true, position, size, ... } or { ok: false, reason }
//
// The Merkle tree is RFC 6962 §2.1 (as RFC 9162): leaf hash = SHA-256(0x00 ‖ leaf),
// node hash = SHA-256(0x01 ‖ left ‖ right). An event's leaf is the UTF-8 text
//   canonical JSON of { id, position, revision, streamId, type, version }  "\n"
//   canonical JSON of its data                                             "\n"
//   canonical JSON of its metadata
// (canonical JSON: object keys sorted at every depth, no spaces). Leaf index = position - 1.
// Proof checking follows the RFC and the reference verifier (transparency-dev/merkle);
// it is checked against that project's known-answer vectors, forged proofs included.
//
// Hashing and signatures use WebCrypto (crypto.subtle) unless a `crypto` is passed in
// (the ledger's own command line passes node:crypto, which is faster).

const encoder = new TextEncoder();

/** Hash size of SHA-256, in bytes. */
export const HASH_SIZE = 32;

/** Largest tree size or index the RFC allows (uint64). */
const MAX_UINT64 = (1n << 64n) - 1n;

/** Signature type byte of Ed25519 in signed notes (c2sp.org/signed-note). */
const ED25519_TYPE = 0x01;

/** A signed note longer than this is refused unread. */
const MAX_NOTE_CHARS = 64 * 1024;

/** More signature lines than this is a malformed note (the spec requires accepting at least 16). */
const MAX_SIGNATURES = 100;

/**
 * @typedef {object} Crypto
 * @property {(data: Uint8Array) => Uint8Array | Promise<Uint8Array>} sha256
 * @property {(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array) => boolean | Promise<boolean>} verifyEd25519
 */

/**
 * An event as the ledger publishes it (audit bundles, the public site): its stored fields.
 * Other fields (hash, provenance) are ignored.
 * @typedef {object} PublishedEvent
 * @property {string} id
 * @property {number} position
 * @property {number} revision
 * @property {string} streamId
 * @property {string} type
 * @property {number} version
 * @property {unknown} data
 * @property {unknown} metadata
 */

/**
 * A signed tree head, parsed.
 * @typedef {object} Checkpoint
 * @property {string} origin
 * @property {number} size
 * @property {Uint8Array} rootHash
 * @property {string} text The note text the signature covers.
 */

/** Why a proof, note or event was refused. */
export class VerificationError extends Error {
  /** @param {string} message */
  constructor(message) {
    super(message);
    this.name = 'VerificationError';
  }
}

/** WebCrypto: what a browser has, and Node 20+ as globalThis.crypto. */
/** @type {Crypto} */
export const webCrypto = {
  async sha256(data) {
    return new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', data));
  },
  async verifyEd25519(publicKey, message, signature) {
    const key = await globalThis.crypto.subtle.importKey('raw', publicKey, { name: 'Ed25519' }, false, ['verify']);
    return globalThis.crypto.subtle.verify({ name: 'Ed25519' }, key, signature, message);
  },
};

// ---------------------------------------------------------------------------
// Bytes

/** @param {Uint8Array[]} parts */
function concat(...parts) {
  let length = 0;
  for (const part of parts) length += part.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** @param {Uint8Array} a @param {Uint8Array} b */
export function equalBytes(a, b) {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** @param {Uint8Array} bytes */
export function toBase64(bytes) {
  let binary = '';
  for (let i = 0; i < bytes.length; i++) binary += String.fromCharCode(/** @type {number} */ (bytes[i]));
  return btoa(binary);
}

/**
 * Standard base64 (RFC 4648 §4), padded, in its one canonical spelling: anything else is refused,
 * so that a proof has exactly one encoding.
 * @param {unknown} text
 * @param {string} what
 * @param {number} [length] the number of bytes it must decode to
 */
export function fromBase64(text, what, length) {
  if (typeof text !== 'string' || !BASE64.test(text)) throw new VerificationError(`${what} is not base64`);
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  // Padding bits that are not zero decode like zeros: a second spelling of the same bytes.
  if (toBase64(bytes) !== text) throw new VerificationError(`${what} is not canonical base64`);
  if (length !== undefined && bytes.length !== length) throw new VerificationError(`${what} must be ${length} bytes, not ${bytes.length}`);
  return bytes;
}

// ---------------------------------------------------------------------------
// Leaves: an event's bytes, exactly as the ledger's hash chain covers them

/**
 * JSON with object keys sorted at every depth and no spaces, as the ledger stores data and
 * metadata: integer-like keys first, numerically (as JavaScript orders them), then the others
 * by UTF-16 code unit.
 * @param {unknown} value
 * @returns {string}
 */
export function canonicalJson(value) {
  if (value === null || typeof value !== 'object') {
    const text = JSON.stringify(value);
    if (text === undefined) throw new VerificationError(`a ${typeof value} has no JSON`);
    return text;
  }
  if (Array.isArray(value)) {
    return `[${value.map((item) => (item === undefined || typeof item === 'function' || typeof item === 'symbol' ? 'null' : canonicalJson(item))).join(',')}]`;
  }
  const record = /** @type {Record<string, unknown>} */ (value);
  const keys = Object.keys(record);
  const indices = keys.filter(isArrayIndex).sort((a, b) => Number(a) - Number(b));
  const names = keys.filter((key) => !isArrayIndex(key)).sort();
  const members = [];
  for (const key of [...indices, ...names]) {
    const member = record[key];
    if (member === undefined || typeof member === 'function' || typeof member === 'symbol') continue;
    members.push(`${JSON.stringify(key)}:${canonicalJson(member)}`);
  }
  return `{${members.join(',')}}`;
}

/** A key JavaScript enumerates first: a canonical integer below 2^32 - 1. @param {string} key */
function isArrayIndex(key) {
  return /^(?:0|[1-9][0-9]{0,9})$/.test(key) && Number(key) < 4294967295;
}

/** @param {unknown} value @param {string} what */
function wholeNumber(value, what, min = 0) {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) throw new VerificationError(`the event's ${what} must be a whole number ≥ ${min}`);
  return value;
}

/** @param {unknown} value @param {string} what */
function text(value, what) {
  if (typeof value !== 'string') throw new VerificationError(`the event's ${what} must be a string`);
  return value;
}

/**
 * The leaf of an event: the bytes (as text) its leaf hash covers.
 * @param {PublishedEvent} event
 */
export function leafText(event) {
  if (event === null || typeof event !== 'object') throw new VerificationError('the event must be an object');
  if (!('data' in event) || !('metadata' in event)) throw new VerificationError('the event must have its data and metadata');
  const header =
    `{"id":${JSON.stringify(text(event.id, 'id'))},"position":${wholeNumber(event.position, 'position', 1)},` +
    `"revision":${wholeNumber(event.revision, 'revision')},"streamId":${JSON.stringify(text(event.streamId, 'streamId'))},` +
    `"type":${JSON.stringify(text(event.type, 'type'))},"version":${wholeNumber(event.version, 'version')}}`;
  return `${header}\n${canonicalJson(event.data)}\n${canonicalJson(event.metadata)}`;
}

/**
 * The position a leaf's text names in its first line.
 * @param {string} leaf
 */
export function positionOfLeaf(leaf) {
  const newline = leaf.indexOf('\n');
  /** @type {unknown} */
  let header;
  try {
    header = JSON.parse(newline < 0 ? leaf : leaf.slice(0, newline));
  } catch {
    throw new VerificationError("the leaf's first line is not JSON");
  }
  if (header === null || typeof header !== 'object') throw new VerificationError("the leaf's first line is not an event header");
  return wholeNumber(/** @type {{position?: unknown}} */ (header).position, 'position', 1);
}

/**
 * RFC 6962 leaf hash of an event (or of a leaf's text).
 * @param {PublishedEvent | string} eventOrLeaf
 * @param {Crypto} [crypto]
 */
export async function leafHash(eventOrLeaf, crypto = webCrypto) {
  const leaf = typeof eventOrLeaf === 'string' ? eventOrLeaf : leafText(eventOrLeaf);
  return crypto.sha256(concat(Uint8Array.of(0), encoder.encode(leaf)));
}

/**
 * RFC 6962 interior node hash: a promise with WebCrypto, the hash itself with a synchronous crypto.
 * @param {Uint8Array} left @param {Uint8Array} right @param {Crypto} crypto
 */
function hashChildren(left, right, crypto) {
  const input = new Uint8Array(1 + left.length + right.length);
  input[0] = 1;
  input.set(left, 1);
  input.set(right, 1 + left.length);
  return crypto.sha256(input);
}

/**
 * Awaited only when it is a promise: with a synchronous crypto a proof is checked without a pause per hash.
 * @param {unknown} value @returns {value is Promise<unknown>}
 */
function isPromise(value) {
  return typeof (/** @type {{ then?: unknown }} */ (value)?.then) === 'function';
}

// ---------------------------------------------------------------------------
// Proofs (RFC 6962 §2.1.1 and §2.1.2; RFC 9162 §2.1.3.2 and §2.1.4.2)

/**
 * A tree size or leaf index: a whole number from 0 to 2^64 - 1 (a number must be a safe integer).
 * @param {unknown} value @param {string} what
 */
function uint64(value, what) {
  if (typeof value === 'bigint') {
    if (value < 0n || value > MAX_UINT64) throw new VerificationError(`${what} is out of range`);
    return value;
  }
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return BigInt(value);
  throw new VerificationError(`${what} must be a whole number ≥ 0`);
}

/** Number of bits needed to write x (0 for 0). @param {bigint} x */
function bitLength(x) {
  return x === 0n ? 0 : x.toString(2).length;
}

/** @param {bigint} x */
function onesCount(x) {
  let count = 0;
  for (const digit of x.toString(2)) if (digit === '1') count++;
  return count;
}

/** @param {bigint} x, not 0 */
function trailingZeros(x) {
  const binary = x.toString(2);
  return binary.length - 1 - binary.lastIndexOf('1');
}

/**
 * The proof's hashes, each exactly one SHA-256.
 * @param {unknown} proof @param {string} what
 * @returns {Uint8Array[]}
 */
function proofHashes(proof, what) {
  if (proof === null || proof === undefined) return [];
  if (!Array.isArray(proof)) throw new VerificationError(`${what} must be a list of hashes`);
  return proof.map((hash, i) => {
    if (!(hash instanceof Uint8Array) || hash.length !== HASH_SIZE) throw new VerificationError(`${what}[${i}] must be ${HASH_SIZE} bytes`);
    return hash;
  });
}

/** @param {unknown} value @param {string} what */
function bytes(value, what) {
  if (!(value instanceof Uint8Array)) throw new VerificationError(`${what} must be bytes`);
  return value;
}

/**
 * How an inclusion proof for leaf `index` in a tree of `size` splits: `inner` hashes below the
 * point where the paths to `index` and to the last leaf part, then `border` hashes above it.
 * @param {bigint} index @param {bigint} size
 */
function decompose(index, size) {
  const inner = bitLength(index ^ (size - 1n));
  const border = onesCount(index >> BigInt(inner));
  return { inner, border };
}

/**
 * The bits of a whole number, least significant first ('1' or '0'; beyond them, undefined: zeros).
 * @param {bigint} x
 */
function bitsOf(x) {
  return x.toString(2).split('').reverse();
}

/**
 * How to combine the running hash with proof hash i: 'left' (the proof hash is the left sibling),
 * 'right', or 'skip' (a sibling on the right that a consistency proof's first root leaves out).
 * @typedef {(i: number) => 'left' | 'right' | 'skip'} Side
 */

/**
 * Fold hashes[from..to) into seed, each as a sibling on the side `side` says. Synchronous with a
 * synchronous crypto; with WebCrypto it continues in a promise from the first hash on.
 * @param {Uint8Array} seed @param {Uint8Array[]} hashes @param {number} from @param {number} to
 * @param {Side} side @param {Crypto} crypto
 * @returns {Uint8Array | Promise<Uint8Array>}
 */
function chain(seed, hashes, from, to, side, crypto) {
  for (let i = from; i < to; i++) {
    const where = side(i - from);
    if (where === 'skip') continue;
    const sibling = /** @type {Uint8Array} */ (hashes[i]);
    const next = where === 'left' ? hashChildren(sibling, seed, crypto) : hashChildren(seed, sibling, crypto);
    if (isPromise(next)) {
      const at = i + 1;
      return next.then((hash) => chain(hash, hashes, at, to, (j) => side(j + at - from), crypto));
    }
    seed = next;
  }
  return seed;
}

/** Siblings on the side the bits of index say (RFC 9162 §2.1.3.2: a 1 bit means the sibling is on the left). @param {bigint} index @returns {Side} */
const inner = (index) => {
  const bits = bitsOf(index);
  return (i) => (bits[i] === '1' ? 'left' : 'right');
};

/** Only the siblings on the left: the subtree as it was when it ended at this path. @param {bigint} index @returns {Side} */
const innerLeftOnly = (index) => {
  const bits = bitsOf(index);
  return (i) => (bits[i] === '1' ? 'left' : 'skip');
};

/** Up the right border of the tree: every sibling is on the left. @type {Side} */
const border = () => 'left';

/**
 * Then: `next` applied to a value or a promise's value.
 * @template T, U @param {T | Promise<T>} value @param {(value: T) => U | Promise<U>} next @returns {U | Promise<U>}
 */
function then(value, next) {
  return isPromise(value) ? /** @type {Promise<T>} */ (value).then(next) : next(/** @type {T} */ (value));
}

/**
 * The root a tree of `size` must have for the leaf at `index` (0-based) to have `leafHash`,
 * given its inclusion proof (hashes from the leaf up, as RFC 9162 orders them). Throws
 * VerificationError for a proof that cannot be one; the root itself, or a promise of it with WebCrypto.
 * @param {number | bigint} index @param {number | bigint} size
 * @param {Uint8Array} leafHash @param {Uint8Array[]} proof @param {Crypto} [crypto]
 * @returns {Uint8Array | Promise<Uint8Array>}
 */
export function rootFromInclusionProof(index, size, leafHash, proof, crypto = webCrypto) {
  const i = uint64(index, 'the leaf index');
  const n = uint64(size, 'the tree size');
  if (i >= n) throw new VerificationError(`the leaf index ${i} is not below the tree size ${n}`);
  const leaf = bytes(leafHash, 'the leaf hash');
  if (leaf.length !== HASH_SIZE) throw new VerificationError(`the leaf hash must be ${HASH_SIZE} bytes, not ${leaf.length}`);
  const hashes = proofHashes(proof, 'the proof');
  const { inner: below, border: above } = decompose(i, n);
  if (hashes.length !== below + above) {
    throw new VerificationError(`the proof has ${hashes.length} hashes; a leaf at index ${i} of a tree of ${n} needs ${below + above}`);
  }
  return then(chain(leaf, hashes, 0, below, inner(i), crypto), (hash) => chain(hash, hashes, below, hashes.length, border, crypto));
}

/**
 * Throws unless the proof shows the leaf with `leafHash` at `index` in the tree of `size` with `root`.
 * @param {number | bigint} index @param {number | bigint} size
 * @param {Uint8Array} leafHash @param {Uint8Array[]} proof @param {Uint8Array} root @param {Crypto} [crypto]
 */
export async function verifyInclusion(index, size, leafHash, proof, root, crypto = webCrypto) {
  const expected = bytes(root, 'the root hash');
  const computed = await rootFromInclusionProof(index, size, leafHash, proof, crypto);
  if (!equalBytes(computed, expected)) throw new VerificationError('the proof leads to another root: the leaf is not in this tree at this index');
}

/**
 * The root a tree of `size2` must have, given the root of the tree of `size1` it extends and a
 * consistency proof. Refuses size1 = 0: every tree extends the empty one, so there is nothing to prove.
 * @param {number | bigint} size1 @param {number | bigint} size2
 * @param {Uint8Array[]} proof @param {Uint8Array} root1 @param {Crypto} [crypto]
 */
export async function rootFromConsistencyProof(size1, size2, proof, root1, crypto = webCrypto) {
  const m = uint64(size1, 'the first tree size');
  const n = uint64(size2, 'the second tree size');
  const first = bytes(root1, 'the first root');
  const hashes = proofHashes(proof, 'the proof');
  if (n < m) throw new VerificationError(`the second tree (${n}) is smaller than the first (${m})`);
  if (m === 0n) throw new VerificationError('a consistency proof from the empty tree proves nothing');
  if (m === n) {
    if (hashes.length > 0) throw new VerificationError('trees of the same size need an empty proof');
    return first;
  }
  if (hashes.length === 0) throw new VerificationError('the proof is empty');

  const parts = decompose(m - 1n, n);
  const shift = trailingZeros(m);
  const below = parts.inner - shift;
  // When size1 is a whole power of two its root is the seed; otherwise the proof starts with it.
  const seedIsRoot = m === 1n << BigInt(shift);
  const start = seedIsRoot ? 0 : 1;
  if (hashes.length !== start + below + parts.border) {
    throw new VerificationError(`the proof has ${hashes.length} hashes; trees of ${m} and ${n} need ${start + below + parts.border}`);
  }
  const seed = seedIsRoot ? first : /** @type {Uint8Array} */ (hashes[0]);
  const mask = (m - 1n) >> BigInt(shift);
  const upTo = start + below;

  const rebuilt1 = await chain(await chain(seed, hashes, start, upTo, innerLeftOnly(mask), crypto), hashes, upTo, hashes.length, border, crypto);
  if (!equalBytes(rebuilt1, first)) throw new VerificationError('the proof does not lead to the first root: the first tree is not a prefix of the second');
  return chain(await chain(seed, hashes, start, upTo, inner(mask), crypto), hashes, upTo, hashes.length, border, crypto);
}

/**
 * Throws unless the proof shows the tree of `size2` with `root2` extends the tree of `size1` with `root1`.
 * @param {number | bigint} size1 @param {number | bigint} size2
 * @param {Uint8Array[]} proof @param {Uint8Array} root1 @param {Uint8Array} root2 @param {Crypto} [crypto]
 */
export async function verifyConsistency(size1, size2, proof, root1, root2, crypto = webCrypto) {
  const second = bytes(root2, 'the second root');
  const computed = await rootFromConsistencyProof(size1, size2, proof, root1, crypto);
  if (!equalBytes(computed, second)) throw new VerificationError('the proof leads to another second root: the second tree does not extend the first');
}

// ---------------------------------------------------------------------------
// Signed tree heads: C2SP tlog-checkpoint in a C2SP signed note

/**
 * The signed-note key ID of an Ed25519 key: the first 4 bytes of SHA-256(name ‖ 0x0A ‖ 0x01 ‖ key).
 * @param {string} name @param {Uint8Array} publicKey @param {Crypto} [crypto]
 */
export async function noteKeyId(name, publicKey, crypto = webCrypto) {
  const digest = await crypto.sha256(concat(encoder.encode(name), Uint8Array.of(0x0a, ED25519_TYPE), publicKey));
  return digest.slice(0, 4);
}

/** A key name: not empty, no Unicode space, no plus. @param {string} name */
function isKeyName(name) {
  return name.length > 0 && !/[\s+\u0085\u180e]/u.test(name);
}

/**
 * A signed note split into its text and signature lines (c2sp.org/signed-note). Checks the form only.
 * @param {unknown} note
 */
export function parseSignedNote(note) {
  if (typeof note !== 'string') throw new VerificationError('the tree head must be text');
  if (note.length > MAX_NOTE_CHARS) throw new VerificationError('the tree head is too long');
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0009\u000b-\u001f]/.test(note)) throw new VerificationError('the tree head holds a control character');
  if (/[\ud800-\udfff]/.test(note.replace(/[\ud800-\udbff][\udc00-\udfff]/g, ''))) throw new VerificationError('the tree head is not valid Unicode');
  const split = note.lastIndexOf('\n\n');
  if (split < 0) throw new VerificationError('the tree head has no blank line before its signatures');
  const body = note.slice(0, split + 1);
  const block = note.slice(split + 2);
  if (block.length === 0 || !block.endsWith('\n')) throw new VerificationError('the tree head must end with a signature line and a newline');
  const lines = block.slice(0, -1).split('\n');
  if (lines.length > MAX_SIGNATURES) throw new VerificationError('the tree head has too many signatures');
  const signatures = lines.map((line) => {
    const match = /^\u2014 ([^ ]+) ([^ ]+)$/.exec(line);
    if (!match) throw new VerificationError('a signature line is not "— <key name> <base64>"');
    const name = /** @type {string} */ (match[1]);
    if (!isKeyName(name)) throw new VerificationError('a signature line has an invalid key name');
    const signed = fromBase64(match[2], 'a signature');
    if (signed.length < 5) throw new VerificationError('a signature is too short');
    return { name, keyId: signed.slice(0, 4), signature: signed.slice(4) };
  });
  return { text: body, signatures };
}

/**
 * The checkpoint in a note's text: origin, tree size (decimal, no leading zero), base64 root
 * hash, then optional extension lines (none empty).
 * @param {string} body the note text, ending with a newline
 * @returns {Checkpoint}
 */
export function parseCheckpointText(body) {
  const lines = body.slice(0, -1).split('\n');
  if (lines.length < 3) throw new VerificationError('a tree head has an origin, a size and a root hash, one per line');
  const [origin, sizeLine, rootLine] = /** @type {[string, string, string]} */ (lines);
  if (lines.some((line) => line.length === 0)) throw new VerificationError('a tree head has no empty line in its text');
  if (!/^(?:0|[1-9][0-9]*)$/.test(sizeLine)) throw new VerificationError('the tree size must be a decimal number with no leading zero');
  const size = Number(sizeLine);
  if (!Number.isSafeInteger(size)) throw new VerificationError('the tree size is too large');
  const rootHash = fromBase64(rootLine, 'the root hash', HASH_SIZE);
  return { origin, size, rootHash, text: body };
}

/** @param {Uint8Array | string} key */
function publicKeyBytes(key) {
  const raw = typeof key === 'string' ? fromBase64(key.trim(), 'the public key') : key;
  if (!(raw instanceof Uint8Array) || raw.length !== 32) throw new VerificationError('the public key must be the 32 raw bytes of an Ed25519 key (base64)');
  return raw;
}

/**
 * Throws unless a signature line names the key (`name` and its key ID) and verifies. Signatures
 * by other keys are ignored, as the signed-note spec says; a signature that names this key and
 * fails refuses the whole note.
 * @param {{ text: string, signatures: { name: string, keyId: Uint8Array, signature: Uint8Array }[] }} parsed
 * @param {string} name @param {Uint8Array} key @param {Crypto} crypto
 */
async function verifyNoteSignatures(parsed, name, key, crypto) {
  const id = await noteKeyId(name, key, crypto);
  const message = encoder.encode(parsed.text);
  let verified = 0;
  for (const signature of parsed.signatures) {
    if (signature.name !== name || !equalBytes(signature.keyId, id)) continue;
    if (signature.signature.length !== 64 || !(await crypto.verifyEd25519(key, message, signature.signature))) {
      throw new VerificationError(`the signature by ${name} does not verify: the note was altered, or not signed by this key`);
    }
    verified++;
  }
  if (verified === 0) throw new VerificationError(`the note carries no signature by ${name} with this key`);
}

/**
 * The text of a signed note, once a signature by the Ed25519 key `publicKey` under `name` verifies.
 * @param {string} note
 * @param {{ name: string, publicKey: Uint8Array | string }} key
 * @param {Crypto} [crypto]
 */
export async function openNote(note, key, crypto = webCrypto) {
  const parsed = parseSignedNote(note);
  await verifyNoteSignatures(parsed, key.name, publicKeyBytes(key.publicKey), crypto);
  return parsed.text;
}

/**
 * A tree head, once its signature by `publicKey` verifies. The key's name in the note is the
 * checkpoint's origin (the ledger signs so); when `origin` is given, the head must be that log's.
 * @param {string} note
 * @param {{ publicKey: Uint8Array | string, origin?: string }} trusted
 * @param {Crypto} [crypto]
 * @returns {Promise<Checkpoint>}
 */
export async function openCheckpoint(note, trusted, crypto = webCrypto) {
  const parsed = parseSignedNote(note);
  const checkpoint = parseCheckpointText(parsed.text);
  if (trusted.origin !== undefined && checkpoint.origin !== trusted.origin) {
    throw new VerificationError(`the tree head is of log "${checkpoint.origin}", not "${trusted.origin}"`);
  }
  await verifyNoteSignatures(parsed, checkpoint.origin, publicKeyBytes(trusted.publicKey), crypto);
  return checkpoint;
}

// ---------------------------------------------------------------------------
// The whole check, as a journalist runs it

/**
 * @typedef {object} EventCheck
 * @property {string} treeHead the signed tree head (note text)
 * @property {Uint8Array | string} publicKey the ledger's Ed25519 key: 32 raw bytes, or their base64
 * @property {string} [origin] the ledger's log name, as it publishes it beside its key
 * @property {PublishedEvent | string} event the event as published, or its leaf text
 * @property {string[] | { proof: string[], position?: number, size?: number }} proof base64 hashes, leaf to root
 */

/**
 * @typedef {{ ok: true, origin: string, size: number, position: number, rootHash: string, leafHash: string }
 *         | { ok: false, reason: string }} EventAnswer
 */

/**
 * Is this event in the ledger's log, at its position, in the tree the signed head describes?
 * @param {EventCheck} check
 * @param {Crypto} [crypto]
 * @returns {Promise<EventAnswer>}
 */
export async function verifyEvent(check, crypto = webCrypto) {
  try {
    const checkpoint = await openCheckpoint(check.treeHead, { publicKey: check.publicKey, ...(check.origin === undefined ? {} : { origin: check.origin }) }, crypto);
    const leaf = typeof check.event === 'string' ? check.event : leafText(check.event);
    const position = positionOfLeaf(leaf);
    const given = Array.isArray(check.proof) ? { proof: check.proof } : check.proof;
    if (given === null || typeof given !== 'object' || !Array.isArray(given.proof)) throw new VerificationError('the proof must be a list of base64 hashes');
    if (given.position !== undefined && given.position !== position) {
      throw new VerificationError(`the proof is for position ${given.position}, the event is at position ${position}`);
    }
    if (given.size !== undefined && given.size !== checkpoint.size) {
      throw new VerificationError(`the proof is for a tree of ${given.size} events, the tree head is of ${checkpoint.size}`);
    }
    const hashes = given.proof.map((hash, i) => fromBase64(hash, `proof[${i}]`, HASH_SIZE));
    const hash = await leafHash(leaf, crypto);
    await verifyInclusion(position - 1, checkpoint.size, hash, hashes, checkpoint.rootHash, crypto);
    return { ok: true, origin: checkpoint.origin, size: checkpoint.size, position, rootHash: toBase64(checkpoint.rootHash), leafHash: toBase64(hash) };
  } catch (error) {
    if (error instanceof VerificationError) return { ok: false, reason: error.message };
    return { ok: false, reason: `could not check: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/**
 * @typedef {object} GrowthCheck
 * @property {string} older a signed tree head kept earlier
 * @property {string} newer a later signed tree head
 * @property {Uint8Array | string} publicKey
 * @property {string} [origin]
 * @property {string[] | { proof: string[], from?: number, to?: number }} proof base64 hashes
 */

/**
 * Has the log only grown from the older tree head to the newer one?
 * @param {GrowthCheck} check
 * @param {Crypto} [crypto]
 * @returns {Promise<{ ok: true, origin: string, from: number, to: number } | { ok: false, reason: string }>}
 */
export async function verifyGrowth(check, crypto = webCrypto) {
  try {
    const trusted = { publicKey: check.publicKey, ...(check.origin === undefined ? {} : { origin: check.origin }) };
    const older = await openCheckpoint(check.older, trusted, crypto);
    const newer = await openCheckpoint(check.newer, { ...trusted, origin: older.origin }, crypto);
    const given = Array.isArray(check.proof) ? { proof: check.proof } : check.proof;
    if (given === null || typeof given !== 'object' || !Array.isArray(given.proof)) throw new VerificationError('the proof must be a list of base64 hashes');
    if ((given.from !== undefined && given.from !== older.size) || (given.to !== undefined && given.to !== newer.size)) {
      throw new VerificationError(`the proof is from ${given.from} to ${given.to}, the tree heads are of ${older.size} and ${newer.size}`);
    }
    const hashes = given.proof.map((hash, i) => fromBase64(hash, `proof[${i}]`, HASH_SIZE));
    await verifyConsistency(older.size, newer.size, hashes, older.rootHash, newer.rootHash, crypto);
    return { ok: true, origin: older.origin, from: older.size, to: newer.size };
  } catch (error) {
    if (error instanceof VerificationError) return { ok: false, reason: error.message };
    return { ok: false, reason: `could not check: ${error instanceof Error ? error.message : String(error)}` };
  }
}
