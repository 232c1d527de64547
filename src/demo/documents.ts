// The five seed documents the demo ledger is recorded from, and how a demo step cites one.
// The files are the team's `seeds/` folder (vendored unchanged under test/fixtures/seeds, where
// a test checks every quoted passage against them).

export const seedDocuments = {
  'inverclyde-2009': {
    title: 'Inverclyde Council, Regeneration Committee, 3 September 2009: Inverclyde Community Engagement Strategy – Implementation plan (RC/09/09/01/SJ/WW)',
    file: 'seeds/000_1b8fc79f200fdfa4.txt',
  },
  'redcar-2007': {
    title: 'Redcar and Cleveland Community Engagement Capacity Building Plan (Partnership Board, 25 May 2007)',
    file: 'seeds/001_46d00bc3eb912b85.txt',
  },
  'highland-2016': {
    title: "Highland Community Planning Partnership, Chief Officers' Group, 21 April 2016: The Community Planning Improvement Programme – Final Report (COG 09/16)",
    file: 'seeds/002_c6d9dfb252a51d89.txt',
  },
  'chester-le-street-2006': {
    title: 'Chester-le-Street: Draft Community Engagement and Involvement Strategy, Summary, April 2006 (Version 1.1, Report Council 25th May 2006)',
    file: 'seeds/003_ca39d4c9397d2937.txt',
  },
  'halton-2013': {
    title: 'Halton, Safer Policy and Performance Board, 12 March 2013: Community Engagement Strategy – Action Plan Update',
    file: 'seeds/004_1023d1f89cdf070b.txt',
  },
} as const;

export type SeedDocumentId = keyof typeof seedDocuments;

/** Where a step comes from: the document, where in it, and the exact words it rests on. */
export interface Citation {
  document: SeedDocumentId;
  /** Section, paragraph, appendix or table row, as the document numbers it ("3.0 Recommendations, 3.1", "Appendix A, Objective 3"). */
  section: string;
  /**
   * The passages, each exactly as printed (a test finds every one in the document, with only whitespace and
   * quote marks normalised). More than one where the words are split in the text: a table cell broken by a
   * page, or a fact that rests on two sentences.
   */
  quotes: readonly string[];
  /**
   * What the record reads into the words, where it has to (a year the passage leaves out, a month given
   * without its day): said here, so that a reading is never passed off as the document's own words.
   */
  reading?: string;
}

/** `cite('3.0 Recommendations', '3.1 That the Committee approves ...')`: a citation of one document. */
export type Cite = (section: string, quotes: string | readonly string[], reading?: string) => Citation;

export const citing =
  (document: SeedDocumentId): Cite =>
  (section, quotes, reading) => ({ document, section, quotes: typeof quotes === 'string' ? [quotes] : quotes, ...(reading ? { reading } : {}) });

/** The passages as one quotation, split passages joined by an elision mark. */
export const quotation = (citation: Citation): string => citation.quotes.join(' […] ');
