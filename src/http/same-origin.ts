// Forms a browser posts are refused when they come from another site: a page elsewhere must not
// sign a visitor in (as the attacker) or out, nor record anything in their name.

import type { FastifyRequest } from 'fastify';
import { ApiError } from './errors.js';

/**
 * Browsers say where a request comes from in Sec-Fetch-Site, and that decides when it is sent.
 * Older browsers send only Origin: it must then be ours ("null", which a page can make its
 * browser send, is not). A client that sends neither is not a browser a page elsewhere can
 * drive, and passes.
 */
export function assertSameOrigin(request: FastifyRequest): void {
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined) {
    if (site === 'same-origin' || site === 'none') return;
    throw new ApiError(403, 'CROSS_SITE_REQUEST', 'this form may only be posted from the ledger’s own pages', { secFetchSite: site });
  }
  const origin = request.headers.origin;
  if (origin !== undefined && origin.toLowerCase() !== `${request.protocol}://${request.host}`.toLowerCase()) {
    throw new ApiError(403, 'CROSS_SITE_REQUEST', 'this form may only be posted from the ledger’s own pages', { origin });
  }
}
