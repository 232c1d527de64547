// Compile src/assets/govuk/govuk.scss into govuk.css (checked in, so serving needs no build step).
// test/workbench/govuk-assets.test.ts fails when the checked-in file is not what this compiles.
import { writeFileSync } from 'node:fs';
import { compileGovukCss, govukCssFile } from './govuk-css.mjs';

writeFileSync(govukCssFile, compileGovukCss());
process.stdout.write(`wrote ${govukCssFile}\n`);
