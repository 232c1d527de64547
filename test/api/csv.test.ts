import { describe, expect, it } from 'vitest';
import { csvPages, toCsv } from '../../src/api/csv.js';

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

  it('writes pages one after another under one header, the first rows’ columns, skipping empty pages', async () => {
    async function* pages() {
      yield { rows: [] };
      yield { rows: [{ id: 'a', window: { opens: '2013-01-01' } }, { id: 'b', window: { opens: '2013-02-01' } }] };
      yield { rows: [] };
      yield { rows: [{ id: 'c, d', window: { opens: '2013-03-01' } }] };
    }
    const chunks: string[] = [];
    for await (const chunk of csvPages(pages())) chunks.push(chunk);
    expect(chunks).toHaveLength(2);
    expect(chunks.join('').split('\n')).toEqual(['id,window.opens', 'a,2013-01-01', 'b,2013-02-01', '"c, d",2013-03-01', '']);
  });
});
