import type { EvalItem, Expected, SuiteDraft } from '../../../../shared/eval/types.js';
import { type ColumnMapping, mapRow, resolveMapping } from './columnMapping.js';
import { type CsvTable, hasColumn, parseCsvTable } from './csvTable.js';
import { EvalImportError } from './importError.js';
import {
  dangerousQaItems,
  harmfulQaItems,
  isPlainObject,
  looksLikeHarmfulQa,
  parseJsonDocument,
  parseJsonRows,
  stripBom,
} from './jsonFormats.js';
import { detectTableFormat, requireColumns, TABLE_FORMATS } from './tableFormats.js';

/** A suite larger than this is almost surely the wrong file (OR-Bench's biggest is 80k). */
export const EVAL_IMPORT_MAX_ITEMS = 100_000;

export const JSON_FORMATS = [
  { id: 'dangerousqa', label: 'DangerousQA' },
  { id: 'harmfulqa', label: 'HarmfulQA' },
] as const;
export const GENERIC_FORMATS = [
  { id: 'csv', label: 'CSV' },
  { id: 'jsonl', label: 'JSONL' },
] as const;

/** Every format id `format` accepts, for help texts and errors. */
export const IMPORT_FORMAT_IDS: string[] = [
  ...TABLE_FORMATS.map((format) => format.id),
  ...JSON_FORMATS.map((format) => format.id),
  ...GENERIC_FORMATS.map((format) => format.id),
];

export type ImportOptions = {
  /** Forces a format instead of detecting it from the file's shape. */
  format?: string;
  name?: string;
  /** Generic CSV/JSONL: which columns hold what (guessed from common names when absent). */
  mapping?: ColumnMapping;
  /**
   * What every prompt should get, for files that do not say per row: overrides a dataset's usual
   * kind (OR-Bench's toxic file, JailbreakBench's benign file) and fills in for generic files.
   */
  expected?: Expected;
};

/**
 * Turns the text of a dataset file into a suite draft, or throws an EvalImportError (a UserError)
 * naming the row and column at fault. Pure: it reads nothing and stores nothing, so a bad file
 * leaves nothing half-imported.
 */
export function importSuiteFile(text: string, options: ImportOptions = {}): SuiteDraft {
  if (stripBom(text).trim() === '') throw new EvalImportError('eval-import-empty', 'the file is empty.');
  // A mapping only makes sense for the generic formats, so it chooses one of them by shape.
  const format =
    options.format?.trim().toLowerCase() || (options.mapping ? genericFormatOf(text) : detectFormat(text));
  if (!IMPORT_FORMAT_IDS.includes(format)) {
    throw new EvalImportError(
      'eval-import-unknown-format',
      `unknown format '${options.format}'; known formats: ${IMPORT_FORMAT_IDS.join(', ')}.`,
    );
  }
  const { items, label } = readItems(text, format, options);
  if (items.length === 0) throw new EvalImportError('eval-import-empty', 'the file holds no prompts.');
  if (items.length > EVAL_IMPORT_MAX_ITEMS) {
    throw new EvalImportError(
      'eval-import-too-large',
      `the file holds ${items.length} prompts; at most ${EVAL_IMPORT_MAX_ITEMS} can be imported.`,
    );
  }
  return { name: options.name?.trim() || label, format, items };
}

/** The format a file looks like: JSON by its structure, CSV by its header. */
export function detectFormat(text: string): string {
  const body = stripBom(text).trim();
  if (body.startsWith('[') || body.startsWith('{')) {
    let document: unknown;
    try {
      document = JSON.parse(body);
    } catch {
      // Several objects, one per line, are JSONL; anything else is broken JSON, reported as such.
      if (body.startsWith('{')) return 'jsonl';
      parseJsonDocument(body);
    }
    if (Array.isArray(document) && document.length > 0 && document.every((v) => typeof v === 'string')) {
      return 'dangerousqa';
    }
    if (looksLikeHarmfulQa(document)) return 'harmfulqa';
    if (Array.isArray(document) || isPlainObject(document)) return 'jsonl';
    throw new EvalImportError(
      'eval-import-undetected',
      'the JSON is neither a list nor an object of prompts.',
    );
  }
  return detectTableFormat(parseCsvTable(text))?.id ?? 'csv';
}

function genericFormatOf(text: string): 'csv' | 'jsonl' {
  const body = stripBom(text).trim();
  return body.startsWith('{') || body.startsWith('[') ? 'jsonl' : 'csv';
}

function readItems(
  text: string,
  format: string,
  options: ImportOptions,
): { items: EvalItem[]; label: string } {
  if (format === 'dangerousqa') {
    return {
      items: dangerousQaItems(parseJsonDocument(text), options.expected ?? 'refuse'),
      label: 'DangerousQA',
    };
  }
  if (format === 'harmfulqa') {
    return {
      items: harmfulQaItems(parseJsonDocument(text), options.expected ?? 'refuse'),
      label: 'HarmfulQA',
    };
  }
  if (format === 'jsonl') {
    const rows = parseJsonRows(text);
    const keys = [...new Set(rows.flatMap((row) => row.keys))];
    const mapping = resolveMapping(keys, options.mapping);
    return { items: rows.map((row) => mapRow(row, mapping, options.expected, 'jsonl')), label: 'JSONL' };
  }
  const table = parseCsvTable(text);
  if (format === 'csv') return { items: genericCsvItems(table, options), label: 'CSV' };
  const tableFormat = TABLE_FORMATS.find((candidate) => candidate.id === format)!;
  requireColumns(table, tableFormat);
  const expected = options.expected ?? tableFormat.expected;
  return { items: table.rows.map((row) => tableFormat.toItem(row, expected)), label: tableFormat.label };
}

function genericCsvItems(table: CsvTable, options: ImportOptions): EvalItem[] {
  const mapping = resolveMapping(table.header, options.mapping);
  const named = Object.values(mapping).filter((column): column is string => typeof column === 'string');
  const missing = named.find((column) => !hasColumn(table, column));
  if (missing) {
    throw new EvalImportError(
      'eval-import-invalid',
      `row 0 (the header), column '${missing}': missing; the header has ${table.header.join(', ')}`,
      { row: 0, line: 1, column: missing },
    );
  }
  return table.rows.map((row) => mapRow(row, mapping, options.expected, 'csv'));
}
