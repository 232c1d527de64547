// What every bundle version checks alike: that its public key agrees with itself and with the key
// the auditor gives, and that the file is byte for byte what the exporter writes.

import type { KeyObject } from 'node:crypto';
import { keyIdOf, publicKeyFrom, publishedKey, type PublishedKey } from '../integrity/signing-key.js';

export type KeyCheck = { ok: true; key: KeyObject; keyId: string } | { ok: false; reason: string };

/**
 * The key to check signatures with: the bundle's own, once its PEM, raw bytes and key id agree,
 * and, when the auditor gives the ledger's key, only if it is that one.
 */
export function bundleKey(bundled: PublishedKey, given: string | KeyObject | undefined): KeyCheck {
  let key: KeyObject;
  try {
    key = publicKeyFrom(bundled.pem);
  } catch (error) {
    return { ok: false, reason: `the bundle's public key cannot be read: ${(error as Error).message}` };
  }
  const published = publishedKey(key);
  if (published.raw !== bundled.raw || published.keyId !== bundled.keyId) {
    return { ok: false, reason: "the bundle's public key does not agree with itself (PEM, raw and key id differ)" };
  }
  if (given !== undefined) {
    let trusted: KeyObject;
    try {
      trusted = typeof given === 'string' ? publicKeyFrom(given) : given;
    } catch (error) {
      return { ok: false, reason: `the public key given cannot be read: ${(error as Error).message}` };
    }
    if (keyIdOf(trusted) !== published.keyId) return { ok: false, reason: `the bundle is signed with key ${published.keyId}, not with the key given (${keyIdOf(trusted)})` };
  }
  return { ok: true, key, keyId: published.keyId };
}

/** Where the file departs from what the exporter writes for its values; null when it does not. */
export function respelled(expected: string, contents: string): { reason: string; line: number } | null {
  if (expected === contents) return null;
  let at = 0;
  while (at < expected.length && expected[at] === contents[at]) at++;
  const line = contents.slice(0, at).split('\n').length;
  return { reason: `line ${line} is not byte for byte as the ledger wrote it (the values still verify, their spelling was changed)`, line };
}
