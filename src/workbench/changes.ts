// What someone else recorded on a record after a form of it was drawn: shown when the form comes
// back with a stale revision, so the officer sees the change before sending theirs again.
// Personal data never appears: a response is named, not shown.

import type { RecordedEvent } from '../store/port.js';
import { fieldLabel, words } from './forms/labels.js';
import { longTime } from './page.js';

export interface Change {
  what: string;
  actor: string;
  at: string;
  details: string[];
}

const MAX_SHOWN = 120;
/** Fields that would show personal data, or nothing a person reads. */
const NOT_SHOWN = new Set(['text', 'respondent', 'responses']);

/** A value in words: an object as its fields ("title: Survey questions, published on: 2026-01-05"), a list joined. */
function words_(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'object' && 'sealed' in value) return undefined;
  if (Array.isArray(value)) return value.length === 0 ? undefined : value.map(words_).filter(Boolean).join(', ');
  if (typeof value === 'object') {
    const parts = Object.entries(value).flatMap(([key, inner]) => {
      const text = words_(inner);
      return text === undefined ? [] : [`${fieldLabel(key).toLowerCase()}: ${text}`];
    });
    return parts.length === 0 ? undefined : parts.join(', ');
  }
  return String(value);
}

function shown(value: unknown): string | undefined {
  const text = words_(value);
  return text !== undefined && text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN - 1)}…` : text;
}

export function changesAfter(recorded: readonly RecordedEvent[], revision: number, idField: string): Change[] {
  return recorded
    .filter((event) => event.revision > revision)
    .map((event) => {
      const data = (event.data ?? {}) as Record<string, unknown>;
      const details = Object.entries(data)
        .filter(([key]) => key !== idField && !NOT_SHOWN.has(key))
        .flatMap(([key, value]) => {
          const text = shown(value);
          return text === undefined ? [] : [`${fieldLabel(key).toLowerCase()}: ${text}`];
        });
      return { what: words(event.type), actor: event.metadata.actor, at: longTime(event.metadata.recordedAt), details };
    });
}
