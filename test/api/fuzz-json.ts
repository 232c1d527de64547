// JSON as an attacker writes it, not as JSON.stringify would: keys JSON.stringify drops or
// JavaScript treats specially (`__proto__`), duplicate keys, numbers no double holds, nesting
// deeper than any parser's comfort. `Raw` is text put into the body as it stands.

export class Raw {
  constructor(readonly json: string) {}
}

/** An object as a list of members, so `__proto__` and repeated keys survive to the wire. */
export class Members {
  constructor(readonly members: readonly (readonly [string, unknown])[]) {}
}

export function toJson(value: unknown): string {
  if (value instanceof Raw) return value.json;
  if (value instanceof Members) return `{${value.members.map(([k, v]) => `${JSON.stringify(k)}:${toJson(v)}`).join(',')}}`;
  if (Array.isArray(value)) return `[${value.map(toJson).join(',')}]`;
  if (value !== null && typeof value === 'object') return toJson(new Members(Object.entries(value)));
  return JSON.stringify(value) ?? 'null';
}

/** `depth` arrays or objects inside one another, as text (building the value would need the recursion we are testing). */
export function deepJson(depth: number, kind: 'array' | 'object'): Raw {
  return kind === 'array' ? new Raw('['.repeat(depth) + ']'.repeat(depth)) : new Raw('{"a":'.repeat(depth) + '1' + '}'.repeat(depth));
}
