import { describe, expect, it } from 'vitest';
import { toCsv } from '../../src/api/csv.js';

describe('CSV of read-model rows', () => {
  it('flattens nested objects to dotted columns and joins lists, quoting where needed', () => {
    const csv = toCsv([
      { decision: 'rc-board', window: { opens: '2007-03-19', closes: '2007-03-19' }, topics: ['capacity', 'anchors'], told: true },
      { decision: 'cog, 2016', window: { opens: '2016-01-18' }, topics: [], told: false, note: 'said "ask once"' },
    ]);
    expect(csv.split('\n')).toEqual([
      'decision,window.opens,window.closes,topics,told,note',
      'rc-board,2007-03-19,2007-03-19,capacity; anchors,true,',
      '"cog, 2016",2016-01-18,,,false,"said ""ask once"""',
      '',
    ]);
  });
});
