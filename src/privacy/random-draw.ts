// Fresh random values of one size for a whole batch, drawn from the CSPRNG together: a survey
// of 1,000 new respondents needs a key and four IVs each, and a call into the CSPRNG per value
// cost more than the AES it feeds. The values are disjoint slices of one draw, so each is as
// unpredictable as one drawn alone; none is ever handed out twice.

import { randomBytes } from 'node:crypto';

export class RandomDraw {
  private pool = Buffer.alloc(0);
  private next = 0;
  private left: number;

  /** Values of `size` bytes, `expected` of them drawn at the first take; more are drawn one at a time. */
  constructor(
    private readonly size: number,
    expected: number,
  ) {
    this.left = Math.max(1, expected);
  }

  take(): Buffer {
    if (this.next + this.size > this.pool.length) {
      this.pool = randomBytes(this.size * this.left);
      this.next = 0;
      this.left = 1;
    }
    const value = this.pool.subarray(this.next, this.next + this.size);
    this.next += this.size;
    return value;
  }
}
