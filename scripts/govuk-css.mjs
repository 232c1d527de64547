// How govuk.css is made from govuk.scss: dart-sass, compressed, govuk-frontend from node_modules.
import { fileURLToPath } from 'node:url';
import * as sass from 'sass';

export const govukScssFile = fileURLToPath(new URL('../src/assets/govuk/govuk.scss', import.meta.url));
export const govukCssFile = fileURLToPath(new URL('../src/assets/govuk/govuk.css', import.meta.url));

export function compileGovukCss() {
  const result = sass.compile(govukScssFile, {
    loadPaths: [fileURLToPath(new URL('../node_modules', import.meta.url))],
    style: 'compressed',
    // govuk-frontend's own deprecation notices are its to fix.
    quietDeps: true,
    silenceDeprecations: ['import'],
  });
  return `${result.css}\n`;
}
