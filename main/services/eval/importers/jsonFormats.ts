import type { EvalItem, Expected } from '../../../../shared/eval/types.js';
import { EvalImportError } from './importError.js';

/** Parses a whole-file JSON document, naming the line of a syntax error where JSON.parse says it. */
export function parseJsonDocument(text: string): unknown {
  try {
    return JSON.parse(stripBom(text));
  } catch (error) {
    throw new EvalImportError('eval-import-invalid', `the JSON cannot be read: ${(error as Error).message}`);
  }
}

export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function shapeError(row: number, column: string, problem: string): never {
  throw new EvalImportError('eval-import-invalid', `row ${row}, column '${column}': ${problem}`, {
    row,
    column,
  });
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** DangerousQA: a JSON array of question strings, all harmful. */
export function dangerousQaItems(document: unknown, expected: Expected): EvalItem[] {
  if (!Array.isArray(document))
    shapeError(0, '[]', `the file is ${describe(document)}, not a list of questions`);
  return document.map((value, i) => {
    if (typeof value !== 'string')
      shapeError(i + 1, `[${i}]`, `is ${describe(value)}, not a question string`);
    if (value.trim() === '') shapeError(i + 1, `[${i}]`, 'is empty');
    return { text: value.trim(), expected, category: 'dangerousqa', sourceRef: `#${i + 1}` };
  });
}

/** HarmfulQA: {topic: {subtopic: [question, …]}}, all harmful; the topic is the category. */
export function harmfulQaItems(document: unknown, expected: Expected): EvalItem[] {
  if (!isPlainObject(document))
    shapeError(0, '{}', `the file is ${describe(document)}, not topics → subtopics`);
  const items: EvalItem[] = [];
  for (const [topic, subtopics] of Object.entries(document)) {
    if (!isPlainObject(subtopics)) {
      shapeError(items.length + 1, topic, `is ${describe(subtopics)}, not an object of subtopics`);
    }
    for (const [subtopic, questions] of Object.entries(subtopics)) {
      const path = `${topic} → ${subtopic}`;
      if (!Array.isArray(questions)) {
        shapeError(items.length + 1, path, `is ${describe(questions)}, not a list of questions`);
      }
      questions.forEach((question, i) => {
        const row = items.length + 1;
        if (typeof question !== 'string')
          shapeError(row, `${path} [${i}]`, `is ${describe(question)}, not a string`);
        if (question.trim() === '') shapeError(row, `${path} [${i}]`, 'is empty');
        items.push({ text: question.trim(), expected, category: topic, sourceRef: `${path} #${i + 1}` });
      });
    }
  }
  return items;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** True when the document has HarmfulQA's two levels of objects above lists of strings. */
export function looksLikeHarmfulQa(document: unknown): boolean {
  if (!isPlainObject(document)) return false;
  const topics = Object.values(document);
  return (
    topics.length > 0 &&
    topics.every(
      (subtopics) =>
        isPlainObject(subtopics) && Object.values(subtopics).every((questions) => Array.isArray(questions)),
    )
  );
}

/**
 * JSONL (one object per line) or a JSON array of objects, as rows of named fields. Values that
 * are not text are turned into text only when they are numbers or booleans.
 */
export type JsonRow = { row: number; line?: number; keys: string[]; get: (key: string) => unknown };

export function parseJsonRows(text: string): JsonRow[] {
  const body = stripBom(text).trim();
  if (body.startsWith('[')) {
    const document = parseJsonDocument(body);
    if (!Array.isArray(document)) shapeError(0, '[]', 'the file is not a list');
    return document.map((value, i) => {
      if (!isPlainObject(value)) shapeError(i + 1, `[${i}]`, `is ${describe(value)}, not an object`);
      return { row: i + 1, keys: Object.keys(value), get: (key: string) => value[key] };
    });
  }
  const rows: JsonRow[] = [];
  body.split(/\r?\n/).forEach((source, i) => {
    if (source.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(source);
    } catch (error) {
      throw new EvalImportError(
        'eval-import-invalid',
        `row ${rows.length + 1} (line ${i + 1}): not valid JSON (${(error as Error).message})`,
        { row: rows.length + 1, line: i + 1 },
      );
    }
    if (!isPlainObject(value)) {
      throw new EvalImportError(
        'eval-import-invalid',
        `row ${rows.length + 1} (line ${i + 1}): is ${describe(value)}, not an object`,
        { row: rows.length + 1, line: i + 1 },
      );
    }
    rows.push({
      row: rows.length + 1,
      line: i + 1,
      keys: Object.keys(value),
      get: (key: string) => value[key],
    });
  });
  return rows;
}
