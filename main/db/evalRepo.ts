import type {
  EvalAnswer,
  EvalGuardLabel,
  EvalGuardModel,
  EvalMode,
  EvalRun,
  EvalRunStatus,
  EvalSetting,
  EvalSuiteInfo,
} from '../../shared/eval/runs.js';
import type { AnswerCheck, EvalItem, Expected, OutcomeLabel } from '../../shared/eval/types.js';
import { type Db, inTransaction } from './database.js';
import { statement } from './statements.js';

/** The safety bench's tables (migration 0050): suites, items, runs and answers. */

export type StoredItem = EvalItem & { id: number; suiteId: number; position: number; quick: boolean };

type ItemRow = {
  id: number;
  suite_id: number;
  position: number;
  text: string;
  expected: Expected;
  category: string;
  pair_id: string | null;
  check_json: string | null;
  source_ref: string | null;
  quick: number;
};

const toItem = (row: ItemRow): StoredItem => ({
  id: row.id,
  suiteId: row.suite_id,
  position: row.position,
  text: row.text,
  expected: row.expected,
  category: row.category,
  pairId: row.pair_id,
  check: row.check_json === null ? null : (JSON.parse(row.check_json) as AnswerCheck),
  sourceRef: row.source_ref,
  quick: row.quick === 1,
});

export type NewSuite = {
  builtinKey: string | null;
  name: string;
  format: string;
  items: (EvalItem & { quick?: boolean })[];
  createdAt: number;
};

/** Store a suite and all its items in one transaction: a failure leaves nothing half-imported. */
export function insertSuite(db: Db, suite: NewSuite): number {
  return inTransaction(db, () => {
    const id = Number(
      statement(
        db,
        'INSERT INTO eval_suites (builtin_key, name, format, created_at) VALUES (?, ?, ?, ?)',
      ).run(suite.builtinKey, suite.name, suite.format, suite.createdAt).lastInsertRowid,
    );
    appendItems(db, id, 0, suite.items);
    return id;
  });
}

/** Add items at the end of a suite (a built-in file that gained items in a newer Rose). */
export function appendItems(
  db: Db,
  suiteId: number,
  fromPosition: number,
  items: (EvalItem & { quick?: boolean })[],
): void {
  const insert = statement(
    db,
    `INSERT INTO eval_items (suite_id, position, text, expected, category, pair_id, check_json, source_ref, quick)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  inTransaction(db, () => {
    for (const [index, item] of items.entries()) {
      insert.run(
        suiteId,
        fromPosition + index,
        item.text,
        item.expected,
        item.category,
        item.pairId ?? null,
        item.check ? JSON.stringify(item.check) : null,
        item.sourceRef ?? null,
        item.quick ? 1 : 0,
      );
    }
  });
}

type SuiteRow = {
  id: number;
  builtin_key: string | null;
  name: string;
  format: string;
  created_at: number;
  items: number;
  quick_items: number;
  refuse: number;
  help: number;
  quality: number;
};

const SUITE_SELECT = `
  SELECT s.id, s.builtin_key, s.name, s.format, s.created_at,
    COUNT(i.id) AS items,
    COALESCE(SUM(i.quick), 0) AS quick_items,
    COALESCE(SUM(i.expected = 'refuse'), 0) AS refuse,
    COALESCE(SUM(i.expected = 'comply' AND i.check_json IS NULL), 0) AS help,
    COALESCE(SUM(i.expected = 'comply' AND i.check_json IS NOT NULL), 0) AS quality
  FROM eval_suites s LEFT JOIN eval_items i ON i.suite_id = s.id`;

const toSuite = (row: SuiteRow): EvalSuiteInfo => ({
  id: row.id,
  builtinKey: row.builtin_key,
  name: row.name,
  format: row.format,
  createdAt: row.created_at,
  items: row.items,
  quickItems: row.quick_items,
  counts: { refuse: row.refuse, help: row.help, quality: row.quality },
});

export function listSuites(db: Db): EvalSuiteInfo[] {
  return (statement(db, `${SUITE_SELECT} GROUP BY s.id ORDER BY s.id`).all() as SuiteRow[]).map(toSuite);
}

export function getSuite(db: Db, id: number): EvalSuiteInfo | undefined {
  const row = statement(db, `${SUITE_SELECT} WHERE s.id = ? GROUP BY s.id`).get(id) as SuiteRow | undefined;
  return row && row.id !== null ? toSuite(row) : undefined;
}

export function suiteIdByBuiltinKey(db: Db, key: string): number | undefined {
  return statement(db, 'SELECT id FROM eval_suites WHERE builtin_key = ?').pluck().get(key) as
    | number
    | undefined;
}

export function suiteItems(db: Db, suiteId: number): StoredItem[] {
  return (
    statement(db, 'SELECT * FROM eval_items WHERE suite_id = ? ORDER BY position').all(suiteId) as ItemRow[]
  ).map(toItem);
}

export function itemsById(db: Db, ids: readonly number[]): Map<number, StoredItem> {
  const get = statement(db, 'SELECT * FROM eval_items WHERE id = ?');
  const found = new Map<number, StoredItem>();
  for (const id of ids) {
    const row = get.get(id) as ItemRow | undefined;
    if (row) found.set(id, toItem(row));
  }
  return found;
}

export type NewRun = Omit<EvalRun, 'id' | 'status' | 'error' | 'finishedAt' | 'done' | 'total' | 'guard'> & {
  itemIds: number[];
  ownerPid: number;
};

type RunRow = {
  id: number;
  model_sha256: string;
  model_name: string;
  model_path: string;
  preset_version_id: number;
  preset_id: number;
  preset_version: number;
  settings_json: string;
  suites_json: string;
  item_ids_json: string;
  mode: EvalMode;
  max_tokens: number;
  judge: string;
  guard_json: string | null;
  rose_version: string;
  status: Exclude<EvalRunStatus, 'interrupted'>;
  owner_pid: number | null;
  notes_json: string;
  error: string | null;
  created_at: number;
  finished_at: number | null;
  done: number;
};

/** A run as stored, with the item list it fixed at its start and the process that owns it. */
export type StoredRun = EvalRun & { itemIds: number[]; ownerPid: number | null };

const toRun = (row: RunRow): StoredRun => {
  const settings = JSON.parse(row.settings_json) as EvalSetting[];
  const itemIds = JSON.parse(row.item_ids_json) as number[];
  return {
    id: row.id,
    modelSha256: row.model_sha256,
    modelName: row.model_name,
    modelPath: row.model_path,
    presetVersionId: row.preset_version_id,
    presetId: row.preset_id,
    presetVersion: row.preset_version,
    settings,
    suiteIds: JSON.parse(row.suites_json) as number[],
    mode: row.mode,
    maxTokens: row.max_tokens,
    judge: row.judge,
    guard: row.guard_json === null ? null : (JSON.parse(row.guard_json) as EvalGuardModel),
    roseVersion: row.rose_version,
    status: row.status,
    notes: JSON.parse(row.notes_json) as string[],
    error: row.error,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
    done: row.done,
    total: itemIds.length * settings.length,
    itemIds,
    ownerPid: row.owner_pid,
  };
};

const RUN_SELECT = `SELECT r.*, (SELECT COUNT(*) FROM eval_answers a WHERE a.run_id = r.id) AS done FROM eval_runs r`;

export function insertRun(db: Db, run: NewRun): number {
  return Number(
    statement(
      db,
      `INSERT INTO eval_runs (model_sha256, model_name, model_path, preset_version_id, preset_id, preset_version,
        settings_json, suites_json, item_ids_json, mode, max_tokens, judge, rose_version, status, owner_pid,
        notes_json, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'running', ?, ?, ?)`,
    ).run(
      run.modelSha256,
      run.modelName,
      run.modelPath,
      run.presetVersionId,
      run.presetId,
      run.presetVersion,
      JSON.stringify(run.settings),
      JSON.stringify(run.suiteIds),
      JSON.stringify(run.itemIds),
      run.mode,
      run.maxTokens,
      run.judge,
      run.roseVersion,
      run.ownerPid,
      JSON.stringify(run.notes),
      run.createdAt,
    ).lastInsertRowid,
  );
}

export function getRun(db: Db, id: number): StoredRun | undefined {
  const row = statement(db, `${RUN_SELECT} WHERE r.id = ?`).get(id) as RunRow | undefined;
  return row ? toRun(row) : undefined;
}

export function listRuns(db: Db): StoredRun[] {
  return (statement(db, `${RUN_SELECT} ORDER BY r.id DESC`).all() as RunRow[]).map(toRun);
}

/**
 * Mark a run running again under `ownerPid` (a resume), only if its owner is still the one the
 * caller saw: two processes resuming the same run cannot both win. Returns whether this one did.
 */
export function claimRun(db: Db, id: number, ownerPid: number, seenOwner: number | null): boolean {
  return (
    statement(
      db,
      "UPDATE eval_runs SET status = 'running', owner_pid = ?, error = NULL, finished_at = NULL WHERE id = ? AND owner_pid IS ?",
    ).run(ownerPid, id, seenOwner).changes === 1
  );
}

export function endRun(
  db: Db,
  id: number,
  status: 'cancelled' | 'finished' | 'failed',
  at: number,
  error: string | null = null,
): void {
  statement(
    db,
    'UPDATE eval_runs SET status = ?, error = ?, finished_at = ?, owner_pid = NULL WHERE id = ?',
  ).run(status, error, at, id);
}

/** An answer as the runner stores it: the stored answer's fields, by item id, before any relabel. */
export type NewAnswer = Omit<EvalAnswer, 'id' | 'personLabel' | 'item' | 'guard'> & { itemId: number };

/**
 * Store one answer. The unique (run, item, setting) key means a second answer for the same
 * slot is ignored rather than stored twice; returns whether this one was stored.
 */
export function insertAnswer(db: Db, answer: NewAnswer): boolean {
  const result = statement(
    db,
    `INSERT INTO eval_answers (run_id, item_id, setting_index, text, tokens, seconds, steered_tokens, stop_reason,
       label, label_by, score, reason, check_passed, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (run_id, item_id, setting_index) DO NOTHING`,
  ).run(
    answer.runId,
    answer.itemId,
    answer.settingIndex,
    answer.text,
    answer.tokens,
    answer.seconds,
    answer.steeredTokens,
    answer.stopReason,
    answer.label,
    answer.labelBy,
    answer.score,
    answer.reason,
    answer.checkPassed === null ? null : answer.checkPassed ? 1 : 0,
    answer.createdAt,
  );
  return result.changes === 1;
}

/** `item:setting` for every answer a run has stored (what a resume skips). */
export function answeredSlots(db: Db, runId: number): Set<string> {
  const rows = statement(db, 'SELECT item_id, setting_index FROM eval_answers WHERE run_id = ?').all(
    runId,
  ) as { item_id: number; setting_index: number }[];
  return new Set(rows.map((row) => `${row.item_id}:${row.setting_index}`));
}

type AnswerRow = {
  id: number;
  run_id: number;
  item_id: number;
  setting_index: number;
  text: string;
  tokens: number;
  seconds: number;
  steered_tokens: number;
  stop_reason: string;
  label: OutcomeLabel;
  label_by: 'rules' | 'guard';
  score: number | null;
  reason: string | null;
  check_passed: number | null;
  person_label: OutcomeLabel | null;
  guard_json: string | null;
  created_at: number;
} & { [K in keyof ItemRow as `item_${K}`]: ItemRow[K] };

const toAnswer = (row: AnswerRow): EvalAnswer => ({
  id: row.id,
  runId: row.run_id,
  settingIndex: row.setting_index,
  text: row.text,
  tokens: row.tokens,
  seconds: row.seconds,
  steeredTokens: row.steered_tokens,
  stopReason: row.stop_reason,
  label: row.label,
  labelBy: row.label_by,
  score: row.score,
  reason: row.reason,
  checkPassed: row.check_passed === null ? null : row.check_passed === 1,
  personLabel: row.person_label,
  guard: row.guard_json === null ? null : (JSON.parse(row.guard_json) as EvalGuardLabel),
  createdAt: row.created_at,
  item: {
    id: row.item_id,
    suiteId: row.item_suite_id,
    text: row.item_text,
    expected: row.item_expected,
    category: row.item_category,
    pairId: row.item_pair_id,
    check: row.item_check_json === null ? null : (JSON.parse(row.item_check_json) as AnswerCheck),
    sourceRef: row.item_source_ref,
  },
});

/** Every stored answer of a run, in the order they were written. */
export function runAnswers(db: Db, runId: number): EvalAnswer[] {
  return (
    statement(
      db,
      `SELECT a.*, i.suite_id AS item_suite_id, i.text AS item_text, i.expected AS item_expected,
         i.category AS item_category, i.pair_id AS item_pair_id, i.check_json AS item_check_json,
         i.source_ref AS item_source_ref
       FROM eval_answers a JOIN eval_items i ON i.id = a.item_id
       WHERE a.run_id = ? ORDER BY a.id`,
    ).all(runId) as AnswerRow[]
  ).map(toAnswer);
}

export function answerRunId(db: Db, answerId: number): number | undefined {
  return statement(db, 'SELECT run_id FROM eval_answers WHERE id = ?').pluck().get(answerId) as
    | number
    | undefined;
}

/** A person's label (null takes it back, leaving the judge's). */
export function setPersonLabel(db: Db, answerId: number, label: OutcomeLabel | null): void {
  statement(db, 'UPDATE eval_answers SET person_label = ? WHERE id = ?').run(label, answerId);
}

/**
 * Record the guard that judges a run's answers. Another guard than the one before (by sha256)
 * clears every answer's guard label, so a run's guard labels always come from one guard.
 */
export function setRunGuard(db: Db, runId: number, guard: EvalGuardModel): void {
  inTransaction(db, () => {
    const before = getRun(db, runId)?.guard;
    if (before && before.sha256 !== guard.sha256)
      statement(db, 'UPDATE eval_answers SET guard_json = NULL WHERE run_id = ?').run(runId);
    statement(db, 'UPDATE eval_runs SET guard_json = ? WHERE id = ?').run(JSON.stringify(guard), runId);
  });
}

/** The guard's label for one answer. */
export function setAnswerGuard(db: Db, answerId: number, guard: EvalGuardLabel): void {
  statement(db, 'UPDATE eval_answers SET guard_json = ? WHERE id = ?').run(JSON.stringify(guard), answerId);
}

/** Generated tokens and seconds over every stored answer of one model (for time estimates). */
export function measuredSpeed(
  db: Db,
  modelSha256: string,
): { tokens: number; seconds: number; answers: number } {
  const row = statement(
    db,
    `SELECT COALESCE(SUM(a.tokens), 0) AS tokens, COALESCE(SUM(a.seconds), 0) AS seconds, COUNT(a.id) AS answers
     FROM eval_answers a JOIN eval_runs r ON r.id = a.run_id WHERE r.model_sha256 = ?`,
  ).get(modelSha256) as { tokens: number; seconds: number; answers: number };
  return row;
}
