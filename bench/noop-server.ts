// The HTTP limit: fastify with the same zod type provider as the ledger's feedback route, its
// params, headers and 200 response schemas, and its body schema less the optional personal-data
// fields (respondent, personalText) and `source`; nothing else of the ledger: no helmet headers,
// rate limit, cookie parsing, auth, request metrics, no-store hook, idempotency, sealing or
// store. What the ledger's append reaches as a share of this is what its own work costs over
// HTTP's (bench/measures/http.ts names the same in the row).
//
//   node dist/bench/noop-server.js PORT

import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { monotonicFactory } from 'ulid';
import { z } from 'zod';
import { commandResponse, writeHeaders } from '../src/api/schemas.js';
import { FeedbackReceived } from '../src/domain/events/activity.js';
import { entityId, longText } from '../src/domain/values.js';

const response = FeedbackReceived.schema
  .omit({ activityId: true, feedbackId: true, text: true, respondent: true })
  .extend({ feedbackId: entityId.optional(), text: longText });
const body = z.union([response, z.object({ responses: z.array(response).min(1).max(5_000) })]);

const newId = monotonicFactory();
const app = Fastify({ logger: false });
app.setValidatorCompiler(validatorCompiler);
app.setSerializerCompiler(serializerCompiler);
app.get('/health', async () => ({ ok: true }));
app.withTypeProvider<ZodTypeProvider>().post('/v1/activities/:activityId/feedback', {
  schema: { params: z.object({ activityId: entityId }), body, headers: writeHeaders, response: { 200: commandResponse } },
  handler: async (request) => {
    const count = 'responses' in request.body ? request.body.responses.length : 1;
    return {
      id: request.params.activityId,
      streamId: `activity-${request.params.activityId}`,
      revision: count,
      position: count,
      events: Array.from({ length: count }, () => ({ id: newId(), type: 'FeedbackReceived', version: 2 })),
    };
  },
});
await app.listen({ port: Number(process.argv[2] ?? 0), host: '127.0.0.1' });
