import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/store/chain.js';
import { prepareEvents } from '../../src/store/prepare-events.js';
import type { NewEvent } from '../../src/store/port.js';

const metadataOf = (actor: string): NewEvent['metadata'] => ({
  actor,
  organisation: 'org-1',
  recordedAt: '2026-01-01T00:00:00.000Z',
  occurredAt: '2026-01-01T00:00:00.000Z',
  correlationId: 'c1',
  causationId: null,
});
const event = (id: string, metadata: NewEvent['metadata']): NewEvent => ({ id, type: 'FeedbackReceived', version: 1, data: { feedbackId: id }, metadata });

describe('prepareEvents', () => {
  it('gives every event of an append the canonical JSON of its own metadata, shared or not', () => {
    const shared = metadataOf('officer-1');
    const other = metadataOf('officer-2');
    const prepared = prepareEvents('activity-a', [event('e1', shared), event('e2', shared), event('e3', other), event('e4', shared)]);
    expect(prepared.map((p) => p.metadataJson)).toEqual([shared, shared, other, shared].map(canonicalJson));
    expect(prepared.map((p) => p.dataJson)).toEqual(['e1', 'e2', 'e3', 'e4'].map((id) => canonicalJson({ feedbackId: id })));
  });

  it('still refuses an event whose metadata is not JSON', () => {
    expect(() => prepareEvents('activity-a', [event('e1', undefined as unknown as NewEvent['metadata'])])).toThrow(/must be JSON/);
  });
});
