import { describe, expect, it } from 'vitest';
import { RandomDraw } from '../../src/privacy/random-draw.js';

describe('RandomDraw', () => {
  it('hands out distinct values of its size, more than it expected if asked', () => {
    const draw = new RandomDraw(12, 3);
    const values = Array.from({ length: 10 }, () => draw.take());
    expect(values.every((v) => v.length === 12)).toBe(true);
    expect(new Set(values.map((v) => v.toString('hex'))).size).toBe(10);
  });

  it('never hands out overlapping bytes of one draw', () => {
    const draw = new RandomDraw(32, 4);
    const [a, b] = [draw.take(), draw.take()];
    a.fill(0);
    expect(b.equals(Buffer.alloc(32))).toBe(false);
  });
});
