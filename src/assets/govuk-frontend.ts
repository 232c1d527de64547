// GOV.UK Frontend's stylesheet and scripts, served once for every browser face that uses them
// (the officers' workbench; the public site next) from /assets/govuk/: the stylesheet compiled
// from ./govuk/govuk.scss (no GDS Transport typeface, no crown), govuk-frontend's own ES module,
// and the small script that starts it. Nothing else of the package is reachable.

import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

const here = dirname(fileURLToPath(import.meta.url));
/** src/assets/govuk, whether this file runs from src/assets (tests) or dist/src/assets (npm start): tsc copies no .css. */
const ownDir = existsSync(join(here, 'govuk')) && existsSync(join(here, 'govuk', 'govuk.css')) ? join(here, 'govuk') : resolve(here, '../../../src/assets/govuk');
const packageDir = join(dirname(createRequire(import.meta.url).resolve('govuk-frontend/package.json')), 'dist', 'govuk');

export const GOVUK_ASSETS = '/assets/govuk/';

export async function govukFrontendAssets(app: FastifyInstance): Promise<void> {
  await app.register(async (assets) => {
    assets.addHook('onRoute', (route) => {
      route.config = { ...route.config, public: true };
    });
    await assets.register(fastifyStatic, {
      root: ownDir,
      prefix: GOVUK_ASSETS,
      decorateReply: false,
      index: false,
      maxAge: '1h',
      allowedPath: (path) => path === '/govuk.css' || path === '/init.js',
    });
    await assets.register(fastifyStatic, {
      root: packageDir,
      prefix: `${GOVUK_ASSETS}frontend/`,
      decorateReply: false,
      index: false,
      maxAge: '1h',
      allowedPath: (path) => path === '/govuk-frontend.min.js',
    });
  });
}
