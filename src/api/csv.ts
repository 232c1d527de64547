// CSV for the API's read models: the writer lives below the faces (src/http/csv.ts), shared with the public site.
export { csvField, csvLine, csvPages, flattenRow, toCsv, type CsvScalar } from '../http/csv.js';
