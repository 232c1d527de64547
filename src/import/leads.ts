// Which registered organisations a plan's "Who?" column names ("HBC Community Development Team/YOT").

/**
 * The organisations named in `who`, by the names and abbreviations given in `known`
 * (e.g. { HBC: 'halton-borough-council', YOT: 'halton-yot' }), matched as whole words,
 * ignoring case, each organisation once, in the order of `known`.
 */
export function leadOrganisationIds(who: string, known: Readonly<Record<string, string>> = {}): string[] {
  const found = new Set<string>();
  for (const [name, organisationId] of Object.entries(known)) {
    const escaped = name.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
    if (escaped !== '' && new RegExp(`(?<![A-Za-z0-9])${escaped}(?![A-Za-z0-9])`, 'i').test(who)) found.add(organisationId);
  }
  return [...found];
}
