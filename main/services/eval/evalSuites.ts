import { UserError } from '../../../shared/errors.js';
import { EVAL_QUICK_ITEMS, type EvalMode, type EvalSuiteInfo } from '../../../shared/eval/runs.js';
import type { Expected } from '../../../shared/eval/types.js';
import type { Db } from '../../db/database.js';
import * as evalRepo from '../../db/evalRepo.js';
import type { StoredItem } from '../../db/evalRepo.js';
import { BUILTIN_SUITE_KEYS, defaultBuiltinSuitesDir, readBuiltinSuiteFile } from './builtinSuites.js';
import type { ColumnMapping } from './importers/columnMapping.js';
import { importSuiteFile } from './importers/importSuiteFile.js';

/**
 * Suites in the database: the built-ins (stored on first use, items appended when a newer Rose
 * ships more), imported files, and the choice of items a run answers.
 */

/** Store the built-in suites, or the items a newer built-in file added at its end. */
export function syncBuiltinSuites(db: Db, dir = defaultBuiltinSuitesDir(), now = Date.now()): void {
  for (const key of BUILTIN_SUITE_KEYS) {
    const file = readBuiltinSuiteFile(key, dir);
    const items = file.items.map((item) => ({
      text: item.text,
      expected: item.expected,
      category: item.category,
      pairId: item.pairId ?? null,
      check: item.check ?? null,
      sourceRef: item.id,
      quick: item.quick === true,
    }));
    const id = evalRepo.suiteIdByBuiltinKey(db, key);
    if (id === undefined) {
      evalRepo.insertSuite(db, {
        builtinKey: key,
        name: file.name,
        format: `builtin:${key}`,
        items,
        createdAt: now,
      });
      continue;
    }
    const stored = evalRepo.suiteItems(db, id).length;
    if (items.length > stored) evalRepo.appendItems(db, id, stored, items.slice(stored));
  }
}

export type ImportSuiteInput = {
  text: string;
  format?: string;
  name?: string;
  mapping?: ColumnMapping;
  expected?: Expected;
};

/** Parse a dataset file and store it in one transaction: a bad file stores nothing. */
export function importSuite(db: Db, input: ImportSuiteInput, now = Date.now()): EvalSuiteInfo {
  const draft = importSuiteFile(input.text, input);
  const id = evalRepo.insertSuite(db, {
    builtinKey: null,
    name: draft.name,
    format: draft.format,
    items: draft.items,
    createdAt: now,
  });
  return evalRepo.getSuite(db, id)!;
}

/** A suite by id, or by a built-in name (`refuse`, `builtin:refuse`). */
export function resolveSuite(db: Db, ref: number | string): EvalSuiteInfo {
  const text = String(ref).trim();
  const id = /^\d+$/.test(text)
    ? Number(text)
    : evalRepo.suiteIdByBuiltinKey(db, text.replace(/^builtin:/, ''));
  const suite = id === undefined ? undefined : evalRepo.getSuite(db, id);
  if (!suite)
    throw new UserError(
      'eval-suite-not-found',
      `no suite '${text}'. Run 'rose eval suites' to see the ids (built-ins: ${BUILTIN_SUITE_KEYS.join(', ')}).`,
    );
  return suite;
}

const kindOf = (item: StoredItem) =>
  item.expected === 'refuse' ? 'refuse' : item.check ? 'quality' : 'help';

/**
 * Up to `count` items taken evenly across the three kinds (round robin), and evenly spread within
 * each kind, so a short run still sees harmful, benign and quality prompts. (Built-in quick items
 * are flagged by hand instead, which keeps their pairs whole.)
 */
export function balancedSample(items: StoredItem[], count: number): StoredItem[] {
  if (items.length <= count) return items;
  const byKind = new Map<string, StoredItem[]>();
  for (const item of items) byKind.set(kindOf(item), [...(byKind.get(kindOf(item)) ?? []), item]);
  const spread = (list: StoredItem[], share: number) =>
    Array.from(
      { length: Math.min(share, list.length) },
      (_, i) => list[Math.floor((i * list.length) / share)]!,
    );
  const kinds = [...byKind.values()];
  const shares = kinds.map(() => 0);
  for (let left = count, k = 0; left > 0; k = (k + 1) % kinds.length) {
    if (shares[k]! < kinds[k]!.length) {
      shares[k]!++;
      left--;
    } else if (shares.every((share, i) => share >= kinds[i]!.length)) break;
  }
  const chosen = new Set(kinds.flatMap((list, k) => spread(list, shares[k]!)));
  return items.filter((item) => chosen.has(item));
}

/**
 * The items a run answers, fixed when it starts: quick mode keeps the items a suite flags as
 * quick (else a balanced sample of about 30 per suite); `limit` then caps the whole list, balanced.
 */
export function selectRunItems(db: Db, suiteIds: number[], mode: EvalMode, limit?: number): StoredItem[] {
  const perSuite = suiteIds.map((id) => {
    const items = evalRepo.suiteItems(db, id);
    if (mode === 'full') return items;
    const flagged = items.filter((item) => item.quick);
    return flagged.length > 0 ? flagged : balancedSample(items, EVAL_QUICK_ITEMS);
  });
  const all = perSuite.flat();
  const chosen = limit === undefined ? all : balancedSample(all, limit);
  if (chosen.length === 0) throw new UserError('eval-no-items', 'the chosen suites hold no items');
  return chosen;
}
