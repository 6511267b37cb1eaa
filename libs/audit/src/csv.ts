/**
 * CSV for spreadsheets: RFC 4180 quoting, and cells that start with = + - @ (or a tab or carriage
 * return) neutralised with a leading apostrophe so no formula runs (OWASP "CSV injection").
 */
export type CsvValue = string | number | boolean | bigint | Date | null | undefined | readonly unknown[] | object;

export function csvCell(value: CsvValue): string {
  let text: string;
  if (value === null || value === undefined) text = '';
  else if (Array.isArray(value)) text = value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(' ');
  else if (value instanceof Date) text = value.toISOString();
  else if (typeof value === 'object') text = JSON.stringify(value);
  else text = `${value}`;
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: string[], rows: CsvValue[][]): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
