// The seed documents' text, as the source test reads it: vendored under test/fixtures/seeds, with
// only whitespace and quote marks normalised (a line break or a curly quote is not a different word).

import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { seedDocuments, type SeedDocumentId } from '../../src/demo/documents.js';

/** Runs of whitespace (line breaks, tabs) become one space; curly and straight quote marks become straight. */
export const normalised = (text: string): string =>
  text
    .replace(/[\u2018\u2019\u201A\u201B\u2032]/g, "'")
    .replace(/[\u201C\u201D\u201E\u201F\u2033]/g, '"')
    .replace(/\s+/g, ' ')
    .trim();

const texts = new Map<SeedDocumentId, string>();

/** A seed document's normalised text, read from test/fixtures/seeds by its file name. */
export function seedText(document: SeedDocumentId): string {
  let text = texts.get(document);
  if (text === undefined) {
    text = normalised(readFileSync(new URL(`../fixtures/seeds/${basename(seedDocuments[document].file)}`, import.meta.url), 'utf8'));
    texts.set(document, text);
  }
  return text;
}

/** Whether the passage appears in the document, word for word. */
export const quotedIn = (document: SeedDocumentId, passage: string): boolean => normalised(passage) !== '' && seedText(document).includes(normalised(passage));
