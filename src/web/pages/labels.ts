// Words for the domain's codes, as a panel reads them.

const categories: Record<string, string> = {
  information_giving: 'Information giving',
  consultation: 'Consultation',
  deciding_together: 'Deciding together',
  acting_together: 'Acting together',
};

const influences: Record<string, string> = { changed: 'Changed the decision', confirmed: 'Confirmed it', not_adopted: 'Not adopted' };

/** A code as words: "deciding_together" -> "Deciding together". */
export function label(code: unknown): string {
  if (typeof code !== 'string') return '';
  return categories[code] ?? influences[code] ?? code.charAt(0).toUpperCase() + code.slice(1).replaceAll('_', ' ');
}

/** A share 0..1 as a whole percentage, or "n/a" where there was nothing to share. */
export const percent = (share: unknown): string => (typeof share === 'number' ? `${Math.round(share * 100)}%` : 'n/a');

/** What the body did, as a panel reads it: a recommendation, an item deferred or only discussed never reads as a decision made. */
const outcomes: Record<string, string> = {
  recommended: 'Recommended, not yet decided',
  approved: 'Approved',
  noted: 'Noted',
  deferred: 'Deferred, not yet decided',
  rejected: 'Rejected',
  discussed: 'Discussed only, not decided',
  not_stated: 'Decided (the record does not say how)',
};

export const outcomeWords = (decision: { outcomeKind?: unknown }): string => outcomes[String(decision.outcomeKind)] ?? label(decision.outcomeKind);
