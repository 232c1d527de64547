// Bearer tokens: 32 random bytes, shown once; only their SHA-256 is stored.
// A lookup by hash reveals nothing about the token, and the final comparison is constant-time.

import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const PREFIX = 'elt_';

export function newToken(): string {
  return PREFIX + randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}

/** A cheap shape check, so junk never reaches the store. */
export function looksLikeToken(value: string): boolean {
  return value.startsWith(PREFIX) && value.length === PREFIX.length + 43;
}
