// The schemas the OpenAPI document names once, in `components`, and refers to everywhere else.
// A zod registry of our own (not zod's global one): naming a schema here changes nothing for
// validation, only how the document spells it. Each id is a public name: clients' generated
// types are called after it, so keep it stable.

import { z } from 'zod';
import { signedCheckpointSchema } from '../../audit/integrity/statement.js';
import { recordSource } from '../../domain/source.js';
import { entityId, isoDate } from '../../domain/values.js';
import { recordedEventSchema } from '../../ledger/provenance.js';
import { commandResponse, errorBody } from '../schemas.js';

type Meta = { id: string; description?: string; examples?: unknown[] };
export const componentRegistry = z.registry<Meta>();

// The document's generator reads every schema's metadata from this registry alone, so the
// `.meta({ description })` that routes write (into zod's global registry) must show through:
// what this registry does not hold, it reads from the global one. (`_map` is the registry's
// own store; fastify-type-provider-zod layers its copies on it the same way.)
class GlobalFallback extends WeakMap<object, Meta> {
  override get(key: object): Meta | undefined {
    return super.get(key) ?? (z.globalRegistry._map.get(key as z.ZodType) as Meta | undefined);
  }
  override has(key: object): boolean {
    return super.has(key) || z.globalRegistry._map.has(key as z.ZodType);
  }
}
componentRegistry._map = new GlobalFallback() as typeof componentRegistry._map;

const named: ReadonlyArray<[z.ZodType, string, string, unknown?]> = [
  [entityId, 'EntityId', 'An id: a ULID from the API, or a readable slug for imported records (e.g. "halton-2013")', 'halton-2013'],
  [isoDate, 'CalendarDate', 'A calendar date, YYYY-MM-DD', '2024-05-01'],
  [errorBody, 'Error', 'Every error: match on `error.code`, never on the message'],
  [commandResponse, 'CommandResult', 'What a command recorded'],
  [
    recordSource,
    'RecordSource',
    'The document a record was made from, where in it, and the exact passage it rests on',
    { title: 'Halton Safer PPB report, 12 March 2013', section: 'Appendix A', quote: 'Re-establish the Community Engagement Network' },
  ],
  [recordedEventSchema, 'RecordedEvent', 'An event with its provenance: who recorded it, when, and its chain hash'],
  [
    signedCheckpointSchema,
    'SignedCheckpoint',
    'A statement the ledger signed: the event at `position` had chain hash `headHash`',
    {
      ledger: 'ledger-01J0Z3V6Q8T2N4R5S7W9X1Y3Z5',
      position: 1204,
      headHash: '9f2c4e1a7b3d5f60718293a4b5c6d7e8f90123456789abcdef0123456789abcd',
      signedAt: '2024-05-01T09:30:00.000Z',
      keyId: '3b8e2f6a1c4d7e9f0a2b4c6d8e0f1a3b5c7d9e1f2a4b6c8d0e2f4a6b8c0d2e4f',
      signature: 'q83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEg==',
    },
  ],
];

for (const [schema, id, description, example] of named) {
  componentRegistry.add(schema, { id, description, ...(example === undefined ? {} : { examples: [example] }) });
}
