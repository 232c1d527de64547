// Values written into SQL text. The append transaction sends its statements as one simple
// query per round trip (BEGIN, the lock and the read; then the INSERT, NOTIFY and COMMIT),
// which takes no parameters, so values go in as literals. Only these two forms exist:
// integers the store computed or checked, and E'' strings with every quote and backslash
// doubled, which PostgreSQL reads back as exactly the original text whatever
// standard_conforming_strings says. A NUL cannot be in PostgreSQL text at all (nor in a
// query, which the protocol ends at the first NUL), so it is refused before any SQL is built.

import { InvalidAppend } from '../errors.js';

export function textLiteral(text: string, what: string): string {
  if (text.includes('\0')) throw new InvalidAppend(`${what} contains a NUL character, which PostgreSQL cannot store`);
  return `E'${text.replace(/['\\]/g, '$&$&')}'`;
}

/** An integer column's value; anything else is refused rather than written into SQL. */
export function integerLiteral(value: number, what: string, max = 2 ** 31 - 1): string {
  if (!Number.isSafeInteger(value) || Math.abs(value) > max) throw new InvalidAppend(`${what} must be an integer up to ${max}, not ${String(value)}`);
  return String(value);
}

export function textArrayLiteral(texts: readonly string[], what: string): string {
  return texts.length === 0 ? `'{}'::text[]` : `ARRAY[${texts.map((text) => textLiteral(text, what)).join(',')}]::text[]`;
}
