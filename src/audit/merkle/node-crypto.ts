// verifier.js's primitives from node:crypto: synchronous, and several times faster than
// WebCrypto's promises for the small inputs of a proof (the server and the CLI use it).

import { createHash, createPublicKey, hash as oneShotHash, verify } from 'node:crypto';
import type { Crypto } from './verifier.js';

export const nodeCrypto: Crypto = {
  sha256: typeof oneShotHash === 'function' ? (data) => oneShotHash('sha256', data, 'buffer') : (data) => createHash('sha256').update(data).digest(),
  verifyEd25519(publicKey, message, signature) {
    const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(publicKey).toString('base64url') }, format: 'jwk' });
    try {
      return verify(null, message, key, signature);
    } catch {
      return false;
    }
  },
};
