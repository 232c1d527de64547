// How @fastify/swagger turns the routes' zod schemas into the OpenAPI document: the shared
// schemas become `$ref`s into `components` (components.ts), public routes say they need no
// token, and the whole document is finished once, centrally (finish.ts).

import type { SwaggerOptions } from '@fastify/swagger';
import { createJsonSchemaTransform, createJsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { componentRegistry } from './components.js';
import { finishDocument, type OpenApiDocument } from './finish.js';

const zodTransform = createJsonSchemaTransform({ schemaRegistry: componentRegistry, skipList: [] });
const zodComponents = createJsonSchemaTransformObject({ schemaRegistry: componentRegistry });

export const openApiOptions: SwaggerOptions = {
  openapi: {
    openapi: '3.0.3',
    info: {
      title: 'engagement-ledger',
      version: '1',
      description: 'An event-sourced ledger of community engagement, as evidence.',
    },
    servers: [{ url: '/', description: 'This server' }],
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'A token from `ledger token create` or POST /v1/credentials' } } },
    security: [{ bearer: [] }],
  },
  transform: (input) => {
    const output = zodTransform(input);
    // A public route (docs, probes, the public key) needs no token: say so, whatever the route wrote.
    if (input.route.config?.public && !output.schema.hide) output.schema = { ...output.schema, security: [] };
    return output;
  },
  // The swagger types allow for a partial Swagger 2 document; this one is always a whole OpenAPI 3.0 one.
  transformObject: (input) => finishDocument(zodComponents(input) as unknown as OpenApiDocument) as unknown as ReturnType<typeof zodComponents>,
};
