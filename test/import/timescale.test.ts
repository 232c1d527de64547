import { describe, expect, it } from 'vitest';
import { readTimescale } from '../../src/import/timescale.js';

describe('reading an action plan\'s "When?"', () => {
  it.each([
    ['April 2013', '2013-04-30'],
    ['December 2012', '2012-12-31'],
    ['Follow up forum - Sept 2016.', '2016-09-30'],
    ['Within the next 12 months (by February 2017)', '2017-02-28'],
    ['Clarification and mapping by June 2016.', '2016-06-30'],
    ['Held in 2017/18', '2018-03-31'],
    ['by 2015', '2015-12-31'],
    ['18th May 2010', '2010-05-18'],
    ['30/04/2013', '2013-04-30'],
    ['2013-04-30', '2013-04-30'],
    ['February 2016', '2016-02-29'],
  ])('reads "%s" as %s, keeping the words', (when, targetDate) => {
    expect(readTimescale(when)).toEqual({ timescale: when, targetDate });
  });

  it.each(['Continuous', 'On going', 'Annually in April', 'From 18th May onwards', 'Should be in place in 6 months.', 'Link timescale with the development of the next LOIP process.'])(
    'gives no date for "%s"',
    (when) => {
      expect(readTimescale(when)).toEqual({ timescale: when });
    },
  );

  it('gives nothing for an empty cell, and tidies whitespace', () => {
    expect(readTimescale('  ')).toEqual({});
    expect(readTimescale(undefined)).toEqual({});
    expect(readTimescale(' April\n 2013 ')).toEqual({ timescale: 'April 2013', targetDate: '2013-04-30' });
  });

  it('gives no date for a day that does not exist, rather than guess', () => {
    expect(readTimescale('31/04/2013')).toEqual({ timescale: '31/04/2013' });
    expect(readTimescale('29 February 2013')).toEqual({ timescale: '29 February 2013' });
  });
});
