// Value schemas shared by events and commands, so a field means the same thing everywhere.

import { z } from 'zod';

/** Entity ids: ULIDs from the API, readable slugs for imported records (e.g. "halton-2013"). Safe inside stream names. */
export const entityId = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, 'must be 1-64 letters, digits, "-" or "_", starting with a letter or digit');

/** A calendar date, YYYY-MM-DD. Engagement is planned and decided by the day. */
export const isoDate = z.iso.date();
export type IsoDate = z.infer<typeof isoDate>;

export const timestamp = z.iso.datetime({ offset: true });

export const shortText = z.string().trim().min(1).max(500);
export const longText = z.string().trim().min(1).max(20_000);
export const reason = z.string().trim().min(1).max(2_000);

/** The health check's four engagement categories (Halton, Appendix B); IAP2 inform / consult / involve / empower. */
export const engagementCategories = ['information_giving', 'consultation', 'deciding_together', 'acting_together'] as const;
export const engagementCategory = z.enum(engagementCategories);
export type EngagementCategory = z.infer<typeof engagementCategory>;

export const dateWindow = z
  .object({
    opens: isoDate.meta({ description: 'The first day people can take part' }),
    closes: isoDate.meta({ description: 'The last day people can take part' }),
  })
  .meta({ title: 'When it runs' });
export type DateWindow = z.infer<typeof dateWindow>;

/** A document published with an activity, so people can give it intelligent consideration (Gunning 2). */
export const publishedDocument = z.object({
  title: shortText.meta({ title: 'Document title', description: 'The document’s title, as published' }),
  url: z.url().max(2_000).optional().meta({ title: 'Web address', description: 'Where people can read it (http or https)' }),
  publishedOn: isoDate.meta({ description: 'The day it was made available' }),
});

/** Participants by protected characteristic, as reported when the activity closed: { age: { "16-24": 12 } }. */
export const equalityMonitoring = z
  .record(z.string().min(1).max(100), z.record(z.string().min(1).max(100), z.int().min(0)))
  .meta({ description: 'Participants counted by protected characteristic and group, one line each: “age / 16-24 = 12”' });
export type EqualityMonitoring = z.infer<typeof equalityMonitoring>;
