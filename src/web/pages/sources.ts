// Where an event says it was recorded from: the source its command gave (a document, where in
// it, and the passage quoted), kept in the event's metadata. Presentation only: read defensively,
// as events recorded before sources existed, or without one, have none.

export interface RecordedFrom {
  /** "Halton Safer PPB report, 12 March 2013, Appendix A". */
  document: string;
  quote: string | null;
  /** A web link to the document, only ever http: or https:. */
  url: string | null;
}

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null);

export function recordedFrom(event: unknown): RecordedFrom | null {
  const source = (event as { source?: unknown } | null)?.source;
  if (source === null || typeof source !== 'object') return null;
  const { title, section, file, quote, url } = source as Record<string, unknown>;
  const document = [text(title) ?? text(file), text(section)].filter((part): part is string => part !== null).join(', ');
  if (document === '') return null;
  const link = text(url);
  return { document, quote: text(quote), url: link !== null && /^https?:\/\//i.test(link) ? link : null };
}
