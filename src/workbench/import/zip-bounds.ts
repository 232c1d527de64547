// An XLSX file is a zip: a few megabytes can inflate to gigabytes (a zip bomb). Before a
// spreadsheet library opens one, its central directory (the list at the end of every zip) is
// read for the sizes its entries say they inflate to, and a file that would inflate beyond a
// bound, or whose directory cannot be read, is refused. The inflating itself is bounded too:
// exceljs inflates entries one by one, and every entry's size is counted here first.

export class ZipRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ZipRefused';
  }
}

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_DIRECTORY_ENTRY = 0x02014b50;
/** The end record is 22 bytes, followed by a comment of at most 65,535. */
const MAX_END_SEARCH = 22 + 0xffff;

/** The total size the entries of a zip say they inflate to; refuses a zip that is not one, or uses ZIP64. */
export function inflatedSize(zip: Buffer): { entries: number; bytes: number } {
  const from = Math.max(0, zip.length - MAX_END_SEARCH);
  let end = -1;
  for (let at = zip.length - 22; at >= from; at--) {
    if (zip.readUInt32LE(at) === END_OF_CENTRAL_DIRECTORY) {
      end = at;
      break;
    }
  }
  if (end < 0) throw new ZipRefused('the file is not an XLSX workbook (no zip directory found)');
  const entries = zip.readUInt16LE(end + 10);
  const directoryOffset = zip.readUInt32LE(end + 16);
  if (entries === 0xffff || directoryOffset === 0xffffffff) throw new ZipRefused('the workbook is too large (ZIP64)');
  let at = directoryOffset;
  let bytes = 0;
  for (let i = 0; i < entries; i++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== CENTRAL_DIRECTORY_ENTRY) throw new ZipRefused('the workbook’s zip directory is damaged');
    const size = zip.readUInt32LE(at + 24);
    if (size === 0xffffffff) throw new ZipRefused('the workbook is too large (ZIP64)');
    bytes += size;
    at += 46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return { entries, bytes };
}

export function assertInflatesWithin(zip: Buffer, maxBytes: number): void {
  const { bytes } = inflatedSize(zip);
  if (bytes > maxBytes) throw new ZipRefused(`the workbook would unpack to ${Math.round(bytes / 1_048_576)} MB, more than the ${Math.round(maxBytes / 1_048_576)} MB a workbook may`);
}
