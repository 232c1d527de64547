// Tokens already verified, remembered for a short bound (AUTH_CACHE_MS, default 1 s) so a busy
// client costs one credential lookup a bound, not one a request. The bound is how late a
// revocation made elsewhere (another node, the command line) can be seen here; a revocation
// made through this process is seen at once (`forget`). Only accepted tokens are remembered:
// a stream of unknown tokens must not fill memory, and a refusal is never served from here.

import type { CredentialRecord } from './port.js';

/** Enough for every client of a busy node; past it the memory is simply started again. */
const MAX_REMEMBERED = 10_000;

export class VerifiedTokens {
  private readonly remembered = new Map<string, { record: CredentialRecord; until: number }>();

  constructor(
    /** 0: every request looks the token up. */
    readonly boundMs: number,
    /** Monotonic milliseconds: the bound is real time, whatever the credentials' clock says. */
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** The credential verified for this token hash within the bound, if any. */
  recall(tokenHash: string): CredentialRecord | undefined {
    const found = this.remembered.get(tokenHash);
    if (!found) return undefined;
    if (found.until > this.now()) return found.record;
    this.remembered.delete(tokenHash);
    return undefined;
  }

  remember(tokenHash: string, record: CredentialRecord): void {
    if (this.boundMs <= 0) return;
    if (this.remembered.size >= MAX_REMEMBERED) this.remembered.clear();
    this.remembered.set(tokenHash, { record, until: this.now() + this.boundMs });
  }

  forget(credentialId: string): void {
    for (const [hash, { record }] of this.remembered) if (record.id === credentialId) this.remembered.delete(hash);
  }
}
