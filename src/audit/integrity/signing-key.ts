// The ledger's signing key: Ed25519 (node:crypto), the private half in
// DATA_DIR/signing-key.pem (mode 0600, created on first use), the public half
// published so that anyone can check the statements the ledger signs.
// A key is named by its id: the SHA-256 (hex) of its 32 raw public-key bytes.

import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureDataDir } from '../../data-dir.js';

export const SIGNING_KEY_FILE = 'signing-key.pem';

export interface SigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** SHA-256 (hex) of the raw public key. */
  keyId: string;
}

/** The public key as the ledger publishes it (GET /v1/integrity/public-key, and in every audit bundle). */
export interface PublishedKey {
  algorithm: 'Ed25519';
  keyId: string;
  /** SPKI PEM. */
  pem: string;
  /** The 32 raw key bytes, base64. */
  raw: string;
}

export function signingKeyPath(dataDir: string): string {
  return join(dataDir, SIGNING_KEY_FILE);
}

/** The key in DATA_DIR, created (readable by this user only) when there is none yet. */
export function loadOrCreateSigningKey(dataDir: string): SigningKey {
  const existing = loadSigningKey(dataDir);
  if (existing) return existing;
  ensureDataDir(dataDir);
  const { privateKey } = generateKeyPairSync('ed25519');
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
  try {
    // 'wx': never overwrite; if another process created the key meanwhile, use that one.
    writeFileSync(signingKeyPath(dataDir), pem, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return loadSigningKey(dataDir) as SigningKey;
  }
  return fromPrivateKey(privateKey);
}

/** The key in DATA_DIR, or null when none was ever created (nothing was signed there). */
export function loadSigningKey(dataDir: string): SigningKey | null {
  let pem: string;
  try {
    pem = readFileSync(signingKeyPath(dataDir), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const privateKey = createPrivateKey(pem);
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    throw new Error(`${signingKeyPath(dataDir)} is not an Ed25519 private key`);
  }
  return fromPrivateKey(privateKey);
}

function fromPrivateKey(privateKey: KeyObject): SigningKey {
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicKey, keyId: keyIdOf(publicKey) };
}

/** The 32 raw bytes of an Ed25519 public key. */
export function rawPublicKey(publicKey: KeyObject): Buffer {
  const { x } = publicKey.export({ format: 'jwk' });
  if (typeof x !== 'string') throw new Error('not an Ed25519 public key');
  return Buffer.from(x, 'base64url');
}

export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256').update(rawPublicKey(publicKey)).digest('hex');
}

export function publishedKey(publicKey: KeyObject): PublishedKey {
  return {
    algorithm: 'Ed25519',
    keyId: keyIdOf(publicKey),
    pem: publicKey.export({ type: 'spki', format: 'pem' }) as string,
    raw: rawPublicKey(publicKey).toString('base64'),
  };
}

/**
 * A public key from what an auditor holds: the PEM the ledger publishes, or the raw
 * 32 bytes in base64. Throws when it is neither, or not Ed25519.
 */
export function publicKeyFrom(text: string): KeyObject {
  const trimmed = text.trim();
  let key: KeyObject;
  if (trimmed.startsWith('-----BEGIN')) {
    key = createPublicKey(trimmed);
  } else {
    const raw = Buffer.from(trimmed, 'base64');
    if (raw.length !== 32 || raw.toString('base64') !== trimmed) throw new Error('a public key is a PEM, or 32 bytes in base64');
    key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') }, format: 'jwk' });
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`the public key is ${String(key.asymmetricKeyType)}, not Ed25519`);
  return key;
}
