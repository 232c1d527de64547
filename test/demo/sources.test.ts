// Every step of the demo ledger cites the seed document it rests on, and every passage it quotes is
// in that document word for word (whitespace, line breaks and quote marks aside). The seeds are read
// from test/fixtures/seeds, vendored unchanged.

import { describe, expect, it } from 'vitest';
import { quotation, seedDocuments } from '../../src/demo/documents.js';
import { seedDemo } from '../../src/demo/seeds.js';
import type { DemoStep } from '../../src/demo/step.js';
import { influenceKinds } from '../../src/domain/events/decision.js';
import { normalised, quotedIn } from './seed-text.js';

const described = (step: DemoStep, index: number): string => `step ${index} (${step.command.type} ${JSON.stringify(step.command.data).slice(0, 80)})`;

describe('the source check', () => {
  it('finds a passage whatever its line breaks, tabs and quote marks', () => {
    expect(quotedIn('inverclyde-2009', 'Report No: RC/09/09/01/SJ/WW')).toBe(true);
    expect(quotedIn('inverclyde-2009', '"Champions" from Alliance partners\ninclude:')).toBe(true);
    expect(quotedIn('halton-2013', 'It’s been agreed that the Strategy')).toBe(true);
    expect(normalised('a\n\t “b”  ‘c’')).toBe('a "b" \'c\'');
  });

  it('does not find a passage with one word changed, a word added, or nothing at all', () => {
    expect(quotedIn('inverclyde-2009', 'Report No: RC/09/09/01')).toBe(true);
    expect(quotedIn('inverclyde-2009', '3.1 That the Committee approved the Community Engagement Strategy Implementation Plan.')).toBe(false);
    expect(quotedIn('chester-le-street-2006', "including those that may be 'hard to reach'")).toBe(false);
    expect(quotedIn('highland-2016', 'a focus group with 31 third sector representatives')).toBe(false);
    expect(quotedIn('highland-2016', '  ')).toBe(false);
  });
});

describe('the demo ledger’s sources', () => {
  it('cites a document, a section and at least one passage for every step', () => {
    const missing = seedDemo.flatMap((step, i) =>
      step.source && step.source.document in seedDocuments && step.source.section.trim() !== '' && step.source.quotes.length > 0 ? [] : [described(step, i)],
    );
    expect(missing).toEqual([]);
  });

  it('quotes every passage word for word from its document', () => {
    const notFound = seedDemo.flatMap((step, i) =>
      step.source.quotes.filter((quote) => !quotedIn(step.source.document, quote)).map((quote) => `${described(step, i)} in ${step.source.document}: "${quote}"`),
    );
    expect(notFound).toEqual([]);
  });

  it('keeps every quotation within the 2,000 characters a record’s source may quote', () => {
    const long = seedDemo.flatMap((step, i) => (quotation(step.source).length > 2_000 ? [described(step, i)] : []));
    expect(long).toEqual([]);
  });

  it('states the kind of every influence link, and rests its rationale on a quoted passage', () => {
    const links = seedDemo.filter((step) => step.command.type === 'LinkInfluence');
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) {
      const data = link.command.data as { influence?: string; rationale?: string };
      expect(influenceKinds).toContain(data.influence);
      expect(link.source.quotes.length).toBeGreaterThan(0);
      expect(data.rationale).toBe(quotation(link.source));
    }
  });
});
