// Where the pages' templates and assets live: in the source tree, beside this file. tsc copies
// no .eta or .css, so code built to dist/src/web reads them from src/web all the same.

import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** src/web, whether this file runs from src/web (tests, tsx) or from dist/src/web (npm start). */
export const webRoot = existsSync(join(here, 'templates')) ? here : resolve(here, '../../../src/web');
export const templatesDir = join(webRoot, 'templates');
export const assetsDir = join(webRoot, 'assets');
/** chart.js's dist folder, for its UMD build: served from here, never from a CDN. */
export const chartJsDir = dirname(createRequire(import.meta.url).resolve('chart.js'));
