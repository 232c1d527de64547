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

describe('IdSet versions sharing one log', () => {
  it('lets an older version catch up along the ids a newer one added, sharing them', () => {
    const kept = IdSet.empty.add('f1');
    const decided = kept.add('f2').add('f3');
    const caughtUp = kept.add('f2').add('f3');
    expect([caughtUp.has('f2'), caughtUp.has('f3'), caughtUp.size]).toEqual([true, true, 3]);
    expect([kept.has('f2'), kept.size]).toEqual([false, 1]);
    expect(decided.has('f3')).toBe(true);
  });

  it('branches when an older version adds an id the newer one did not', () => {
    const kept = IdSet.empty.add('f1');
    const refused = kept.add('f2');
    const other = kept.add('g2');
    expect([other.has('g2'), other.has('f2'), other.size]).toEqual([true, false, 2]);
    expect([refused.has('f2'), refused.has('g2'), refused.size]).toEqual([true, false, 2]);
    const both = other.add('f2');
    expect([both.has('f2'), refused.has('g2'), both.size]).toEqual([true, false, 3]);
  });

  it('keeps sets begun from empty apart', () => {
    const a = IdSet.empty.add('a1').add('a2');
    const b = IdSet.empty.add('b1');
    expect([a.has('b1'), b.has('a1'), b.has('a2'), IdSet.empty.has('a1'), IdSet.empty.size]).toEqual([false, false, false, false, 0]);
  });
});
