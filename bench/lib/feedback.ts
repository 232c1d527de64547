// One survey response as the benchmark sends and stores it: the same body for the ledger,
// the no-op server, the raw SQLite baseline and the Emmett peer, so they move the same bytes.

export const RECEIVED_ON = '2012-09-15';

export function responseBody(i: number): { kind: 'response'; receivedOn: string; text: string } {
  return {
    kind: 'response',
    receivedOn: RECEIVED_ON,
    text: `Response ${i}: the play park should be improved; street lighting on the high street has got worse this year.`,
  };
}

/** The event data of that response once recorded (what a store keeps). */
export function responseData(activityId: string, feedbackId: string, i: number): Record<string, unknown> {
  return { activityId, feedbackId, ...responseBody(i), respondents: 1, communityIds: [] };
}

/** Metadata as the ledger records it with every event. */
export function responseMetadata(at: string, correlationId: string): Record<string, unknown> {
  return { actor: 'bench-officer', organisation: 'bench-org', recordedAt: at, occurredAt: at, correlationId, causationId: null };
}
