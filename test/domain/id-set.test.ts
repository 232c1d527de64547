import { describe, expect, it } from 'vitest';
import { IdSet } from '../../src/domain/id-set.js';

describe('IdSet', () => {
  it('keeps earlier versions unchanged when a later one grows', () => {
    const a = IdSet.empty.add('f1');
    const b = a.add('f2');
    expect([a.has('f1'), a.has('f2'), a.size]).toEqual([true, false, 1]);
    expect([b.has('f1'), b.has('f2'), b.size]).toEqual([true, true, 2]);
  });

  it('holds many ids across chunks and ignores repeats', () => {
    let set = IdSet.empty;
    for (let i = 0; i < 2_000; i++) set = set.add(`f${i}`);
    const before = set;
    set = set.add('f7');
    expect(set).toBe(before);
    expect(set.size).toBe(2_000);
    expect(set.has('f0') && set.has('f1999') && !set.has('f2000')).toBe(true);
  });
});
