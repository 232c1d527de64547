// GOV.UK Frontend's behaviour on the ledger's pages (the error summary takes focus, radios reveal
// their conditional fields...). A file, not an inline script: the CSP allows scripts from 'self' only.
import { initAll } from './frontend/govuk-frontend.min.js';

document.body.classList.add('js-enabled', 'govuk-frontend-supported');
initAll();
