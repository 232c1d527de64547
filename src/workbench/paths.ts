// Where the workbench's templates and stylesheet live: in the source tree, beside this file. tsc
// copies no .eta or .css, so code built to dist/src/workbench reads them from src/workbench.

import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

export const workbenchRoot = existsSync(join(here, 'templates')) ? here : resolve(here, '../../../src/workbench');
export const templatesDir = join(workbenchRoot, 'templates');
export const assetsDir = join(workbenchRoot, 'assets');
