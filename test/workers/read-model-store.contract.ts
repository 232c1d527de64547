// What every ReadModelStore must do, run against each of them (SQLite, Redis), so the
// embedded and the distributed runners stand on the same semantics: rows and checkpoints
// committed together, and the index readers page through.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IndexEntry } from '../../src/projections/projection.js';
import type { Commit, ReadModelStore } from '../../src/projections/read-model-store.js';

export interface ReadModelStoreFixture {
  store: ReadModelStore;
  cleanup(): Promise<void>;
}

/** A commit of plain rows, none indexed; `undefined` removes one. */
const commit = (fromPosition: number, toPosition: number, documents: Record<string, unknown>, version = 1): Commit => ({
  fromPosition,
  toPosition,
  version,
  rows: Object.fromEntries(Object.entries(documents).map(([key, row]) => [key, row === undefined ? undefined : { row, index: [] }])),
});

/** A commit of rows with their index entries. */
const indexed = (fromPosition: number, toPosition: number, rows: Record<string, [unknown, IndexEntry[]] | undefined>): Commit => ({
  fromPosition,
  toPosition,
  version: 1,
  rows: Object.fromEntries(Object.entries(rows).map(([key, value]) => [key, value && { row: value[0], index: value[1] }])),
});

export function readModelStoreContract(open: () => Promise<ReadModelStoreFixture>): void {
  let fixture: ReadModelStoreFixture;
  let store: ReadModelStore;

  beforeEach(async () => {
    fixture = await open();
    store = fixture.store;
  });

  afterEach(async () => {
    await fixture.cleanup();
  });

  it('has no checkpoint and no documents for a projection never written', async () => {
    expect(await store.checkpoint('p')).toBeUndefined();
    expect(await store.load('p', ['a', 'b'])).toEqual({ a: undefined, b: undefined });
    expect(await store.list('p', '')).toEqual([]);
  });

  it('writes the documents and moves a new checkpoint, running, in one commit', async () => {
    const before = Date.now();
    expect(await store.commit('p', commit(0, 7, { a: { n: 1, nested: { list: [1, 'two', null] } }, 'ключ é': 'text' }, 3))).toBe(true);

    expect(await store.load('p', ['a', 'ключ é', 'c'])).toEqual({ a: { n: 1, nested: { list: [1, 'two', null] } }, 'ключ é': 'text', c: undefined });
    const checkpoint = await store.checkpoint('p');
    expect(checkpoint).toMatchObject({ position: 7, version: 3, status: 'running', lastError: null });
    expect(Date.parse(checkpoint?.updatedAt ?? '')).toBeGreaterThanOrEqual(before - 1_000);
  });

  it('deletes the documents a commit gives as undefined', async () => {
    await store.commit('p', commit(0, 1, { a: 1, b: 2 }));
    expect(await store.commit('p', commit(1, 2, { a: undefined, c: 3 }))).toBe(true);
    expect(await store.list('p', '')).toEqual([
      ['b', 2],
      ['c', 3],
    ]);
  });

  it('refuses a commit whose starting checkpoint has moved, and writes nothing', async () => {
    await store.commit('p', commit(0, 5, { a: 'first' }));
    const before = await store.checkpoint('p');

    expect(await store.commit('p', commit(3, 9, { a: 'late', b: 'new', c: undefined }))).toBe(false);
    expect(await store.commit('p', commit(0, 9, { a: 'stale' }))).toBe(false);

    expect(await store.load('p', ['a', 'b'])).toEqual({ a: 'first', b: undefined });
    expect(await store.checkpoint('p')).toEqual(before);
  });

  it('refuses a first commit that does not start from 0', async () => {
    expect(await store.commit('p', commit(4, 9, { a: 1 }))).toBe(false);
    expect(await store.checkpoint('p')).toBeUndefined();
    expect(await store.list('p', '')).toEqual([]);
  });

  it('lets exactly one of two commits from the same checkpoint through', async () => {
    await store.commit('p', commit(0, 1, { n: 0 }));
    const results = await Promise.all([store.commit('p', commit(1, 2, { n: 'left' })), store.commit('p', commit(1, 2, { n: 'right' }))]);
    expect(results.filter(Boolean)).toHaveLength(1);
    const winner = results[0] ? 'left' : 'right';
    expect(await store.load('p', ['n'])).toEqual({ n: winner });
  });

  it('lists the documents whose key starts with a prefix, in key order, glob characters taken literally', async () => {
    const documents = {
      'activity:2': 2,
      'activity:10': 10,
      'activity:1': 1,
      'action:1': 'other',
      'a*b': 'star',
      'a?b': 'question',
      'a[x]': 'bracket',
      'a\\b': 'backslash',
      axb: 'plain',
    };
    await store.commit('p', commit(0, 1, documents));

    expect(await store.list('p', 'activity:')).toEqual([
      ['activity:1', 1],
      ['activity:10', 10],
      ['activity:2', 2],
    ]);
    expect(await store.list('p', 'a*')).toEqual([['a*b', 'star']]);
    expect(await store.list('p', 'a?')).toEqual([['a?b', 'question']]);
    expect(await store.list('p', 'a[')).toEqual([['a[x]', 'bracket']]);
    expect(await store.list('p', 'a\\')).toEqual([['a\\b', 'backslash']]);
    expect((await store.list('p', '')).map(([key]) => key)).toEqual(Object.keys(documents).sort());
    expect(await store.list('p', 'nothing')).toEqual([]);
  });

  it('orders keys by their UTF-8 bytes, as SQLite compares text', async () => {
    await store.commit('p', commit(0, 1, { 'k\u{1F600}': 'emoji', 'k\uFF5E': 'fullwidth', kz: 'ascii' }));
    expect((await store.list('p', 'k')).map(([, doc]) => doc)).toEqual(['ascii', 'fullwidth', 'emoji']);
  });

  it('keeps projections apart, even when one name starts with another', async () => {
    await store.commit('p', commit(0, 1, { a: 'p' }));
    await store.commit('p:docs', commit(0, 2, { a: 'p:docs' }));
    await store.commit('p~rebuild', commit(0, 3, { a: 'rebuild' }));

    expect(await store.load('p', ['a'])).toEqual({ a: 'p' });
    expect(await store.list('p:docs', '')).toEqual([['a', 'p:docs']]);
    expect((await store.checkpoint('p'))?.position).toBe(1);
    expect((await store.checkpoint('p:docs'))?.position).toBe(2);
  });

  it('sets a status and error on a projection never committed, at position 0', async () => {
    await store.setStatus('p', 'parked', 'reducer threw');
    expect(await store.checkpoint('p')).toMatchObject({ position: 0, version: 0, status: 'parked', lastError: 'reducer threw' });
  });

  it('changes the status without moving the checkpoint, and keeps it through later commits', async () => {
    await store.commit('p', commit(0, 4, { a: 1 }, 2));
    await store.setStatus('p', 'parked', 'boom');
    expect(await store.checkpoint('p')).toMatchObject({ position: 4, version: 2, status: 'parked', lastError: 'boom' });

    expect(await store.commit('p', commit(4, 6, { a: 2 }, 2))).toBe(true);
    expect(await store.checkpoint('p')).toMatchObject({ position: 6, status: 'parked', lastError: 'boom' });

    await store.setStatus('p', 'running', null);
    expect(await store.checkpoint('p')).toMatchObject({ position: 6, status: 'running', lastError: null });
    await store.setStatus('p', 'running', '');
    expect((await store.checkpoint('p'))?.lastError).toBe('');
  });

  it('drops a projection’s documents and checkpoint, and nothing else', async () => {
    await store.commit('p', commit(0, 1, { a: 1 }));
    await store.commit('q', commit(0, 1, { a: 2 }));
    await store.drop('p');

    expect(await store.checkpoint('p')).toBeUndefined();
    expect(await store.list('p', '')).toEqual([]);
    expect(await store.list('q', '')).toEqual([['a', 2]]);
  });

  it('swaps a rebuilt copy in for the live one, whose old documents are gone', async () => {
    await store.commit('p', commit(0, 9, { old: 'live only', both: 'live' }, 1));
    await store.setStatus('p', 'parked', 'was broken');
    await store.commit('p~rebuild', commit(0, 12, { both: 'rebuilt', fresh: 'rebuilt only' }, 2));

    await store.swap('p~rebuild', 'p');

    expect(await store.list('p', '')).toEqual([
      ['both', 'rebuilt'],
      ['fresh', 'rebuilt only'],
    ]);
    expect(await store.checkpoint('p')).toMatchObject({ position: 12, version: 2, status: 'running', lastError: null });
    expect(await store.checkpoint('p~rebuild')).toBeUndefined();
    expect(await store.list('p~rebuild', '')).toEqual([]);
  });

  it('leaves nothing live when an empty copy is swapped in', async () => {
    await store.commit('p', commit(0, 3, { a: 1 }));
    await store.swap('p~rebuild', 'p');
    expect(await store.checkpoint('p')).toBeUndefined();
    expect(await store.list('p', '')).toEqual([]);
  });

  it('commits a batch touching thousands of documents at once', async () => {
    const documents = Object.fromEntries(Array.from({ length: 5_000 }, (_, i) => [`doc:${String(i).padStart(5, '0')}`, { i }]));
    expect(await store.commit('p', commit(0, 5_000, documents))).toBe(true);
    const removals = Object.fromEntries(Array.from({ length: 2_500 }, (_, i) => [`doc:${String(i * 2).padStart(5, '0')}`, undefined]));
    expect(await store.commit('p', commit(5_000, 5_001, removals))).toBe(true);

    const listed = await store.list('p', 'doc:');
    expect(listed).toHaveLength(2_500);
    expect(listed[0]).toEqual(['doc:00001', { i: 1 }]);
    const keys = Array.from({ length: 5_000 }, (_, i) => `doc:${String(i).padStart(5, '0')}`);
    const loaded = await store.load('p', keys);
    expect(Object.values(loaded).filter((d) => d !== undefined)).toHaveLength(2_500);
  });

  describe('the index', () => {
    const activity = (id: string, opens: string, terms: string[]): [unknown, IndexEntry[]] => [{ id, opens }, [['all', opens], ...terms.map((t): IndexEntry => [t, opens])]];
    const keysOf = (rows: { key: string }[]) => rows.map((r) => r.key);

    beforeEach(async () => {
      await store.commit(
        'p',
        indexed(0, 1, {
          'activity:c': activity('c', '2013-02-01', ['organisation:halton', 'year:2013']),
          'activity:a': activity('a', '2013-01-15', ['organisation:halton', 'organisation:police', 'year:2013']),
          'activity:b': activity('b', '2013-01-15', ['organisation:police', 'year:2013']),
          'activity:d': activity('d', '2012-12-01', ['organisation:halton', 'year:2012', 'year:2013']),
          'plan:x': [{ plan: 'x' }, []],
        }),
      );
    });

    it('reads a term’s rows in (sort, key) order, with their sort values', async () => {
      const rows = await store.scan('p', 'all', { limit: 10 });
      expect(rows.map((r) => [r.key, r.sort])).toEqual([
        ['activity:d', '2012-12-01'],
        ['activity:a', '2013-01-15'],
        ['activity:b', '2013-01-15'],
        ['activity:c', '2013-02-01'],
      ]);
      expect(rows[0]?.row).toEqual({ id: 'd', opens: '2012-12-01' });
      expect(keysOf(await store.scan('p', 'organisation:police', { limit: 10 }))).toEqual(['activity:a', 'activity:b']);
      expect(await store.scan('p', 'organisation:nobody', { limit: 10 })).toEqual([]);
    });

    it('pages from a place, after it or at it, forwards and backwards, within sort bounds', async () => {
      const at = { sort: '2013-01-15', key: 'activity:a' };
      expect(keysOf(await store.scan('p', 'all', { start: at, limit: 10 }))).toEqual(['activity:b', 'activity:c']);
      expect(keysOf(await store.scan('p', 'all', { start: { ...at, inclusive: true }, limit: 2 }))).toEqual(['activity:a', 'activity:b']);
      expect(keysOf(await store.scan('p', 'all', { start: at, reverse: true, limit: 10 }))).toEqual(['activity:d']);
      expect(keysOf(await store.scan('p', 'all', { start: { ...at, inclusive: true }, reverse: true, limit: 10 }))).toEqual(['activity:a', 'activity:d']);
      expect(keysOf(await store.scan('p', 'all', { reverse: true, limit: 1 }))).toEqual(['activity:c']);
      expect(keysOf(await store.scan('p', 'all', { from: '2013-01-15', to: '2013-01-15', limit: 10 }))).toEqual(['activity:a', 'activity:b']);
      expect(keysOf(await store.scan('p', 'all', { from: '2013-01', to: '2013-01-31', limit: 10 }))).toEqual(['activity:a', 'activity:b']);
      expect(keysOf(await store.scan('p', 'all', { from: '2013', start: { sort: '2012-12-01', key: 'activity:d' }, limit: 10 }))).toEqual(['activity:a', 'activity:b', 'activity:c']);
      expect(keysOf(await store.scan('p', 'all', { from: '2013-02', to: '2013-01', limit: 10 }))).toEqual([]);
      expect(keysOf(await store.scan('p', 'all', { to: '2013-01-15', reverse: true, limit: 10 }))).toEqual(['activity:b', 'activity:a', 'activity:d']);
    });

    it('counts the rows under each term, and lists the terms in use by prefix', async () => {
      expect(await store.count('p', ['organisation:halton', 'organisation:police', 'year:2012', 'organisation:nobody', 'all'])).toEqual([3, 2, 1, 0, 4]);
      expect(await store.terms('p', 'organisation:', { limit: 10 })).toEqual(['organisation:halton', 'organisation:police']);
      expect(await store.terms('p', 'year:', { after: 'year:2012', limit: 10 })).toEqual(['year:2013']);
      expect(await store.terms('p', 'year:', { limit: 1 })).toEqual(['year:2012']);
      expect(await store.terms('p', 'nothing:', { limit: 10 })).toEqual([]);
    });

    it('moves a rewritten row’s entries, and forgets a term no row holds any more', async () => {
      expect(await store.commit('p', indexed(1, 2, { 'activity:d': activity('d', '2013-03-01', ['organisation:police', 'year:2013']) }))).toBe(true);
      expect(keysOf(await store.scan('p', 'all', { limit: 10 }))).toEqual(['activity:a', 'activity:b', 'activity:c', 'activity:d']);
      expect((await store.scan('p', 'all', { limit: 10 }))[3]).toMatchObject({ sort: '2013-03-01', row: { opens: '2013-03-01' } });
      expect(await store.terms('p', 'year:', { limit: 10 })).toEqual(['year:2013']);
      expect(await store.count('p', ['organisation:halton', 'organisation:police', 'year:2012'])).toEqual([2, 3, 0]);
      expect(keysOf(await store.scan('p', 'year:2012', { limit: 10 }))).toEqual([]);
    });

    it('takes a removed row out of every term it was under', async () => {
      await store.commit('p', indexed(1, 2, { 'activity:a': undefined, 'activity:missing': undefined }));
      expect(keysOf(await store.scan('p', 'organisation:police', { limit: 10 }))).toEqual(['activity:b']);
      expect(await store.count('p', ['organisation:halton', 'all'])).toEqual([2, 3]);
      expect(await store.load('p', ['activity:a'])).toEqual({ 'activity:a': undefined });
    });

    it('refuses a stale commit without touching the index', async () => {
      expect(await store.commit('p', indexed(0, 5, { 'activity:a': undefined, 'activity:e': activity('e', '2014-01-01', ['year:2014']) }))).toBe(false);
      expect(await store.count('p', ['all', 'year:2014'])).toEqual([4, 0]);
    });

    it('keeps each projection’s index apart, drops it with the projection and swaps it with a rebuilt copy', async () => {
      await store.commit('q', indexed(0, 1, { 'activity:z': activity('z', '2020-01-01', ['organisation:halton']) }));
      expect(keysOf(await store.scan('q', 'organisation:halton', { limit: 10 }))).toEqual(['activity:z']);
      await store.commit('p~rebuild', indexed(0, 3, { 'activity:y': activity('y', '2019-01-01', ['organisation:halton']) }));
      await store.swap('p~rebuild', 'p');
      expect(keysOf(await store.scan('p', 'organisation:halton', { limit: 10 }))).toEqual(['activity:y']);
      expect(await store.terms('p', '', { limit: 10 })).toEqual(['all', 'organisation:halton']);
      expect(await store.scan('p~rebuild', 'all', { limit: 10 })).toEqual([]);
      await store.drop('p');
      expect(await store.scan('p', 'all', { limit: 10 })).toEqual([]);
      expect(await store.count('p', ['organisation:halton'])).toEqual([0]);
      expect(await store.terms('p', '', { limit: 10 })).toEqual([]);
      expect(keysOf(await store.scan('q', 'organisation:halton', { limit: 10 }))).toEqual(['activity:z']);
    });

    it('orders sort values and terms by their UTF-8 bytes, as SQLite compares text', async () => {
      await store.commit('u', indexed(0, 1, { k1: [1, [['t', 'k\u{1F600}']]], k2: [2, [['t', 'k\uFF5E']]], k3: [3, [['t', 'kz']]], k4: [4, [['t\uFF5E', 'x']]], k5: [5, [['t\u{1F600}', 'x']]] }));
      expect(keysOf(await store.scan('u', 't', { limit: 10 }))).toEqual(['k3', 'k2', 'k1']);
      expect(await store.terms('u', 't', { limit: 10 })).toEqual(['t', 't\uFF5E', 't\u{1F600}']);
    });
  });

  it('keeps one cursor key, the same on every call', async () => {
    const key = await store.cursorKey();
    expect(key.length).toBe(32);
    expect((await store.cursorKey()).equals(key)).toBe(true);
  });
}
