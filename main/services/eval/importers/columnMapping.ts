import type { EvalItem, Expected } from '../../../../shared/eval/types.js';
import { cellError, EvalImportError } from './importError.js';

/** Which column (CSV) or key (JSONL) holds each field of a generic file. Only `text` is required. */
export type ColumnMapping = {
  text: string;
  expected?: string;
  category?: string;
  pairId?: string;
  id?: string;
};

export type MappedRow = { row: number; line?: number; get: (column: string) => unknown };

/** Used when no mapping is given: the first of these names the file has holds the prompt. */
const TEXT_COLUMN_GUESSES = ['prompt', 'text', 'question', 'goal', 'behavior', 'instruction'];

/** Words an `expected` column may hold, as the datasets spell them. */
const EXPECTED_WORDS: Record<string, Expected> = {
  refuse: 'refuse',
  refusal: 'refuse',
  unsafe: 'refuse',
  harmful: 'refuse',
  toxic: 'refuse',
  comply: 'comply',
  compliance: 'comply',
  safe: 'comply',
  benign: 'comply',
  harmless: 'comply',
};

/** The mapping to use: the caller's, or one guessed from the column names present. */
export function resolveMapping(columns: string[], mapping: ColumnMapping | undefined): ColumnMapping {
  if (mapping) return mapping;
  const lower = columns.map((name) => name.toLowerCase());
  const text = TEXT_COLUMN_GUESSES.find((name) => lower.includes(name));
  if (!text) {
    throw new EvalImportError(
      'eval-import-mapping',
      `no prompt column found among ${columns.join(', ') || 'no columns'}; say which column holds the prompt (mapping.text).`,
    );
  }
  const guessed: ColumnMapping = { text: columns[lower.indexOf(text)]! };
  for (const [field, names] of [
    ['expected', ['expected', 'label']],
    ['category', ['category', 'type']],
    ['pairId', ['pairid', 'pair_id', 'pair']],
    ['id', ['id']],
  ] as const) {
    const at = lower.findIndex((name) => (names as readonly string[]).includes(name));
    if (at >= 0) guessed[field] = columns[at]!;
  }
  return guessed;
}

/** One row → one item; `fallbackExpected` is used when the mapping has no expected column. */
export function mapRow(
  row: MappedRow,
  mapping: ColumnMapping,
  fallbackExpected: Expected | undefined,
  defaultCategory: string,
): EvalItem {
  const text = readText(row, mapping.text, true)!;
  let expected = fallbackExpected;
  if (mapping.expected) {
    const word = readText(row, mapping.expected, true)!.toLowerCase();
    expected = EXPECTED_WORDS[word];
    if (!expected) {
      cellError(
        { row: row.row, line: row.line, column: mapping.expected },
        `is '${word}'; use one of ${Object.keys(EXPECTED_WORDS).join(', ')}`,
      );
    }
  }
  if (!expected) {
    throw new EvalImportError(
      'eval-import-mapping',
      'the file does not say which prompts should be refused: map an expected column or give expected (refuse or comply).',
    );
  }
  return {
    text,
    expected,
    category: (mapping.category && readText(row, mapping.category, false)) || defaultCategory,
    pairId: (mapping.pairId && readText(row, mapping.pairId, false)) || null,
    sourceRef: (mapping.id && readText(row, mapping.id, false)) || `row ${row.row}`,
  };
}

function readText(row: MappedRow, column: string, required: boolean): string | null {
  const value = row.get(column);
  const where = { row: row.row, line: row.line, column };
  if (value === undefined || value === null || value === '') {
    if (required) cellError(where, value === undefined ? 'is missing' : 'is empty');
    return null;
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value !== 'string') cellError(where, 'is not text');
  const trimmed = value.trim();
  if (required && trimmed === '') cellError(where, 'is empty');
  return trimmed === '' ? null : trimmed;
}
