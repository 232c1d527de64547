// The ids a ledger holds, by field name, read from its own log: what fuzzed requests aim at
// so that they reach the domain rather than stopping at "not found".

import type { EventStore } from '../../src/store/port.js';
import type { IdPool } from './fuzz-schema.js';

function collect(value: unknown, into: Map<string, Set<string>>, field = ''): void {
  if (typeof value === 'string' && /Ids?$/.test(field)) {
    const kind = field.replace(/Ids$/, 'Id');
    if (!into.has(kind)) into.set(kind, new Set());
    into.get(kind)?.add(value);
    return;
  }
  if (Array.isArray(value)) for (const item of value) collect(item, into, field);
  else if (value !== null && typeof value === 'object') for (const [key, inner] of Object.entries(value)) collect(inner, into, key);
}

export async function idsInLedger(store: EventStore): Promise<IdPool> {
  const found = new Map<string, Set<string>>();
  for (let after = 0; ; ) {
    const page = await store.readAll({ after, maxCount: 1_000 });
    if (page.length === 0) break;
    for (const event of page) collect(event.data, found);
    after = (page.at(-1) as { position: number }).position;
  }
  return new Map([...found].map(([kind, ids]) => [kind, [...ids]]));
}
