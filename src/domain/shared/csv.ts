/** A cell of an export: text, a number, a flag, or nothing (an empty cell). */
export type CsvCell = string | number | boolean | undefined | null;

export interface CsvOptions {
  /** Quote every cell (the survey export), not only those that need it. */
  quoteAll?: boolean;
}

// Text a spreadsheet could read as a formula (OWASP, "CSV injection"): made inert by a leading quote.
const FORMULA_LEAD = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One cell. Numbers and flags are written as they are: a spreadsheet reads `-1` as a number, not a
 * formula, so only text is guarded.
 */
function csvCell(value: CsvCell, quoteAll: boolean): string {
  const text = value === undefined || value === null ? '' : String(value);
  const safe = typeof value === 'string' && FORMULA_LEAD.test(text) ? `'${text}` : text;
  return quoteAll || NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** RFC 4180 CSV of every export: the first row is the header; CRLF after each line, the last too. */
export function toCsv(rows: readonly (readonly CsvCell[])[], options: CsvOptions = {}): string {
  return rows.map((row) => `${row.map((value) => csvCell(value, options.quoteAll ?? false)).join(',')}\r\n`).join('');
}
