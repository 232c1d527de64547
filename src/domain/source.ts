// Where a record comes from: the document an officer recorded it from, where in it, and the
// exact passage it rests on ("recorded from: Halton Safer PPB report, 12 March 2013,
// Appendix A"). Any command may carry one; the command handler keeps it in the metadata of
// every event the command records, so entity histories and traces show it beside the event.

import { z } from 'zod';
import { lineText, multilineText, shortText, webLink } from './values.js';

/** The longest passage a source may quote: a paragraph or a table row, not a document. */
export const MAX_QUOTED_PASSAGE = 2_000;

/**
 * Strict: a misspelt field ("page", "passage") is refused rather than dropped, since a
 * source that silently lost its locator would claim less than the officer sent.
 */
export const recordSource = z
  .strictObject({
    /** The document's title as it names itself, with its date where it gives one. */
    title: shortText,
    /** The file it was read from, when it is not on the web. */
    file: lineText(300).optional(),
    url: webLink.optional(),
    /** Where in the document: a section, paragraph, appendix or page ("Appendix A", "7.1", "p. 4"). */
    section: lineText(200).optional(),
    /** The exact words the record rests on, quoted from the document. */
    quote: multilineText(MAX_QUOTED_PASSAGE),
  })
  .meta({ description: 'The document this was recorded from, where in it, and the exact passage it rests on' });
export type RecordSource = z.infer<typeof recordSource>;

/** The same fields as read back from the log: plain strings, never re-validated on the way out. */
export const recordSourceAsRead = z
  .object({
    title: z.string(),
    file: z.string().optional(),
    url: z.string().optional(),
    section: z.string().optional(),
    quote: z.string(),
  })
  .meta({ examples: [{ title: 'Halton Safer PPB report, 12 March 2013', section: 'Appendix A', quote: 'Re-establish the Community Engagement Network' }] });
