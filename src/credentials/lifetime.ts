// How long a credential lives: `12h`, `30d`, `90d`. The same words on the command line
// (`ledger token create --expires 90d`) and in the API (`"expiresIn": "90d"`).

import { z } from 'zod';

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

/** The longest a credential may be issued for: a year (and a day), so every token is looked at again at least yearly. */
export const MAX_LIFETIME_DAYS = 366;

/** Milliseconds in a well-formed lifetime (`12h`, `90d`). */
export const lifetimeMs = (text: string): number => Number(text.slice(0, -1)) * (text.endsWith('h') ? HOUR_MS : DAY_MS);

/** A lifetime as text, checked; no transform, so the OpenAPI document can still describe it. */
export const lifetime = z
  .string()
  .regex(/^[1-9]\d{0,5}[hd]$/, 'a whole number of hours or days, e.g. 12h, 30d, 90d')
  .refine((text) => lifetimeMs(text) <= MAX_LIFETIME_DAYS * DAY_MS, `at most ${MAX_LIFETIME_DAYS} days`)
  .meta({ examples: ['90d'], description: `How long the token works: hours or days, e.g. 12h, 30d, 90d (at most ${MAX_LIFETIME_DAYS}d). Without it, until revoked.` });

/** Milliseconds for a lifetime, or an Error whose message says what is wrong. */
export function parseLifetime(text: string): number {
  const parsed = lifetime.safeParse(text);
  if (parsed.success) return lifetimeMs(parsed.data);
  throw new Error(`--expires ${text}: ${parsed.error.issues[0]?.message ?? 'not a lifetime'}`);
}
