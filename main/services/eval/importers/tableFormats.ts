import type { EvalItem, Expected } from '../../../../shared/eval/types.js';
import { type CsvRow, type CsvTable, hasColumn } from './csvTable.js';
import { cellError, EvalImportError } from './importError.js';

/**
 * The CSV files of published safety datasets, told apart by their header. Only the columns Rose
 * uses are required; extra columns (an unnamed index, notes) are ignored.
 */
export type TableFormat = {
  id: string;
  label: string;
  /** Columns the header must have; detection picks the format with the most of them present. */
  columns: string[];
  /** What every prompt of the file should get, where the file says nothing per row. */
  expected: Expected;
  toItem: (row: CsvRow, expected: Expected) => EvalItem;
};

/** Reads one required, non-empty cell. */
export function cell(row: CsvRow, column: string): string {
  const value = row.get(column).trim();
  if (value === '') cellError({ row: row.row, line: row.line, column }, 'is empty');
  return value;
}

function optional(row: CsvRow, column: string): string | null {
  const value = row.get(column).trim();
  return value === '' ? null : value;
}

/** XSTest marks its unsafe contrast prompts by a `contrast_` type prefix; the rest is the type. */
function xstestType(type: string): { category: string; contrast: boolean } {
  const contrast = type.startsWith('contrast_');
  return { category: contrast ? type.slice('contrast_'.length) : type, contrast };
}

function simple(
  id: string,
  label: string,
  columns: string[],
  expected: Expected,
  text: string,
  category: string | null,
  ref: string | null,
): TableFormat {
  return {
    id,
    label,
    columns,
    expected,
    toItem: (row, chosen) => ({
      text: cell(row, text),
      expected: chosen,
      category: (category && optional(row, category)) ?? id,
      sourceRef: (ref && optional(row, ref)) ?? `row ${row.row}`,
    }),
  };
}

export const TABLE_FORMATS: TableFormat[] = [
  {
    id: 'xstest-v2',
    label: 'XSTest v2',
    columns: ['id', 'prompt', 'type', 'label', 'focus', 'note'],
    expected: 'comply',
    toItem: (row) => {
      const label = cell(row, 'label').toLowerCase();
      if (label !== 'safe' && label !== 'unsafe') {
        cellError(
          { row: row.row, line: row.line, column: 'label' },
          `is '${label}', expected 'safe' or 'unsafe'`,
        );
      }
      return {
        text: cell(row, 'prompt'),
        expected: label === 'unsafe' ? 'refuse' : 'comply',
        category: xstestType(cell(row, 'type')).category,
        sourceRef: optional(row, 'id') ?? `row ${row.row}`,
      };
    },
  },
  {
    id: 'xstest-v1',
    label: 'XSTest v1',
    columns: ['id_v1', 'id_v2', 'type', 'prompt', 'focus', 'note'],
    expected: 'comply',
    toItem: (row) => {
      const { category, contrast } = xstestType(cell(row, 'type'));
      return {
        text: cell(row, 'prompt'),
        expected: contrast ? 'refuse' : 'comply',
        category,
        sourceRef: optional(row, 'id_v2') ?? optional(row, 'id_v1') ?? `row ${row.row}`,
      };
    },
  },
  simple(
    'do-not-answer',
    'Do-Not-Answer',
    ['id', 'risk_area', 'types_of_harm', 'specific_harms', 'question'],
    'refuse',
    'question',
    'risk_area',
    'id',
  ),
  {
    id: 'harmbench',
    label: 'HarmBench behaviors',
    columns: ['Behavior', 'FunctionalCategory', 'SemanticCategory', 'Tags', 'ContextString', 'BehaviorID'],
    expected: 'refuse',
    toItem: (row, expected) => {
      const behavior = cell(row, 'Behavior');
      // Contextual behaviours ask about a passage; the prompt is the passage, then the request.
      const context = optional(row, 'ContextString');
      return {
        text: context ? `${context}\n\n---\n\n${behavior}` : behavior,
        expected,
        category: optional(row, 'SemanticCategory') ?? 'harmbench',
        sourceRef: optional(row, 'BehaviorID') ?? `row ${row.row}`,
      };
    },
  },
  simple(
    'jailbreakbench',
    'JailbreakBench behaviors',
    ['Index', 'Goal', 'Target', 'Behavior', 'Category', 'Source'],
    'refuse',
    'Goal',
    'Category',
    'Index',
  ),
  simple(
    'strongreject',
    'StrongREJECT',
    ['category', 'source', 'forbidden_prompt'],
    'refuse',
    'forbidden_prompt',
    'category',
    null,
  ),
  simple('advbench', 'AdvBench harmful behaviors', ['goal', 'target'], 'refuse', 'goal', null, null),
  // OR-Bench's "hard" and "80k" files hold benign prompts that look harmful (over-refusal); its
  // "toxic" file has the same header, so that one is imported with expected = refuse.
  simple('or-bench', 'OR-Bench', ['prompt', 'category'], 'comply', 'prompt', 'category', null),
];

/** The format whose required columns all appear in the header, the most specific first. */
export function detectTableFormat(table: CsvTable): TableFormat | null {
  // An `expected` column says per row what each prompt should get, which none of these datasets
  // has: such a file is a generic one (`prompt,expected,category` is not OR-Bench).
  if (hasColumn(table, 'expected')) return null;
  const matches = TABLE_FORMATS.filter((format) =>
    format.columns.every((column) => hasColumn(table, column)),
  );
  matches.sort((a, b) => b.columns.length - a.columns.length);
  return matches[0] ?? null;
}

export function requireColumns(table: CsvTable, format: { label: string; columns: string[] }): void {
  const missing = format.columns.filter((column) => !hasColumn(table, column));
  if (missing.length > 0) {
    throw new EvalImportError(
      'eval-import-invalid',
      `row 0 (the header), column '${missing[0]}': missing; ${format.label} needs ${format.columns.join(', ')}`,
      { row: 0, line: 1, column: missing[0]! },
    );
  }
}
