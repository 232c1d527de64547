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
