import { UserError } from '../../../../shared/errors.js';

/**
 * A file that cannot be imported, with where the problem is. `row` counts data rows from 1 (the
 * header is not a row; a JSON array's first element is row 1); `line` is the file line when known.
 */
export class EvalImportError extends UserError {
  constructor(
    code: string,
    message: string,
    readonly where: { row?: number; line?: number; column?: string } = {},
  ) {
    super(code, message);
  }
}

/** Throws the error for one cell: "row 3 (line 4), column 'prompt': is empty". */
export function cellError(where: { row: number; line?: number; column: string }, problem: string): never {
  const line = where.line === undefined ? '' : ` (line ${where.line})`;
  throw new EvalImportError(
    'eval-import-invalid',
    `row ${where.row}${line}, column '${where.column}': ${problem}`,
    where,
  );
}
