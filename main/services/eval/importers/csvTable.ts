import { CsvError, parse } from 'csv-parse/sync';
import { EvalImportError } from './importError.js';

export type CsvRow = { row: number; line: number; get: (column: string) => string };
export type CsvTable = { header: string[]; rows: CsvRow[] };

/**
 * Parses CSV text with a header line. Column names are matched without case or surrounding space,
 * because the same dataset circulates with `Behavior` and `behavior` headers.
 */
export function parseCsvTable(text: string): CsvTable {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      skip_empty_lines: true,
      info: true,
      delimiter: delimiterOf(text),
    }) as unknown as typeof records;
  } catch (error) {
    if (error instanceof CsvError) {
      const lines = (error as unknown as { lines?: unknown }).lines;
      const line = typeof lines === 'number' ? lines : undefined;
      throw new EvalImportError(
        'eval-import-invalid',
        `the CSV cannot be read${line === undefined ? '' : ` at line ${line}`}: ${csvProblem(error)}`,
        line === undefined ? {} : { line },
      );
    }
    throw error;
  }
  const [head, ...body] = records;
  if (!head) throw new EvalImportError('eval-import-empty', 'the file is empty.');
  const header = head.record.map((name) => name.trim());
  const index = new Map(header.map((name, i) => [name.toLowerCase(), i] as const));
  const rows = body.map(({ record, info }, i) => ({
    row: i + 1,
    line: info.lines,
    get: (column: string) => {
      const at = index.get(column.toLowerCase());
      return at === undefined ? '' : (record[at] ?? '');
    },
  }));
  return { header, rows };
}

/**
 * Spreadsheets in many locales save with semicolons, and dataset exports come as TSV: the header
 * line decides. Only a header without commas switches, so a comma file with a `;` in it is safe.
 */
function delimiterOf(text: string): string {
  const header = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  if (header.includes(',')) return ',';
  if (header.includes('\t')) return '\t';
  if (header.includes(';')) return ';';
  return ',';
}

export function hasColumn(table: CsvTable, column: string): boolean {
  return table.header.some((name) => name.toLowerCase() === column.toLowerCase());
}

/** csv-parse's messages are long and name its options; say what is wrong in the file's terms. */
function csvProblem(error: CsvError): string {
  switch (error.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a quoted field is never closed';
    case 'INVALID_OPENING_QUOTE':
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return 'a quote inside a field is not doubled';
    case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH':
      return 'this row has a different number of fields than the header';
    default:
      return error.message;
  }
}
