// Corrections name only what they change: an absent field means "unchanged", never "cleared".

/** Only the fields a correction sets. */
export function definedFields<T extends object>(changes: T): Partial<T> {
  return Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) as Partial<T>;
}
