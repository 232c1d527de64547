// Survey exports for the import tests: a workbook (exceljs) or a CSV of responses, with a
// respondent's name column when asked, as common survey tools export them.

import ExcelJS from 'exceljs';

export interface SurveyRows {
  count: number;
  /** Include a "Respondent name" and an "Email" column. */
  names?: boolean;
  /** The date every row was completed (YYYY-MM-DD). */
  on?: string;
}

export const responseText = (i: number): string => `Response ${i}: repairs on the estate take too long; fix the lifts first.`;
export const respondentName = (i: number): string => `Respondent Number${i} Testperson`;

export function surveyTable({ count, names = false, on = '2026-01-20' }: SurveyRows): string[][] {
  const header = ['Submitted', 'What would you change?', ...(names ? ['Respondent name', 'Email'] : []), 'Ward'];
  const [y, m, d] = on.split('-');
  const rows = Array.from({ length: count }, (_, i) => [`${d}/${m}/${y}`, responseText(i + 1), ...(names ? [respondentName(i + 1), `person${i + 1}@example.org`] : []), '']);
  return [header, ...rows];
}

export async function surveyWorkbook(rows: SurveyRows): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Responses');
  for (const row of surveyTable(rows)) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export function surveyCsv(rows: SurveyRows | string[][]): Buffer {
  const table = Array.isArray(rows) ? rows : surveyTable(rows);
  return Buffer.from(table.map((row) => row.map((cell) => `"${cell.replace(/"/g, '""')}"`).join(',')).join('\r\n'));
}

/** A zip whose directory says one entry unpacks to almost 4 GB: what a zip bomb's says. */
export function zipClaiming(bytes: number): Buffer {
  const name = Buffer.from('xl/worksheets/sheet1.xml');
  const central = Buffer.alloc(46 + name.length);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt32LE(16, 20); // compressed size
  central.writeUInt32LE(bytes, 24); // uncompressed size
  central.writeUInt16LE(name.length, 28);
  name.copy(central, 46);
  const local = Buffer.alloc(30 + 16);
  local.writeUInt32LE(0x04034b50, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length, 12);
  end.writeUInt32LE(local.length, 16);
  return Buffer.concat([local, central, end]);
}
