// Where the public site's templates, messages and assets live: beside this file in the source
// tree. tsc copies no .eta, .json or .css, so code built to dist/src/public reads them from src/public.

import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

export const publicRoot = existsSync(join(here, 'templates')) ? here : resolve(here, '../../../src/public');
export const templatesDir = join(publicRoot, 'templates');
export const messagesDir = join(publicRoot, 'messages');
export const assetsDir = join(publicRoot, 'assets');
