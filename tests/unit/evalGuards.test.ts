import assert from 'node:assert/strict';
import { type TestContext, test } from 'node:test';
import type { RoseEvent } from '../../shared/contract/index.js';
import type { Db } from '../../main/db/database.js';
import * as evalRepo from '../../main/db/evalRepo.js';
import { EvalGuards, type OpenGuard } from '../../main/app/evalGuards.js';
import { EventHub } from '../../main/app/eventHub.js';
import { resolveSuite, syncBuiltinSuites } from '../../main/services/eval/evalSuites.js';
import { openStore } from '../../main/services/store.js';
import { isUserError } from '../../shared/errors.js';
import { buildReport } from '../../shared/eval/report.js';
import type { EvalRun, EvalRunStatus } from '../../shared/eval/runs.js';
import type { Expected, OutcomeLabel } from '../../shared/eval/types.js';
import { insertPlainRun } from '../support/evalRunRows.js';
import { tempDir } from '../support/tempData.js';

/** A stored run of the built-in harmful prompts with `count` answers, each labelled by the rules. */
function seededRun(t: TestContext, count: number, rulesLabel: OutcomeLabel = 'refusal') {
  const db = openStore(tempDir(t));
  t.after(() => db.close());
  syncBuiltinSuites(db);
  const items = evalRepo.suiteItems(db, resolveSuite(db, 'refuse').id).slice(0, count);
  const runId = insertPlainRun(db, items, process.pid);

  for (const [index, item] of items.entries())
    evalRepo.insertAnswer(db, {
      runId,
      itemId: item.id,
      settingIndex: 0,
      text: `answer ${index}`,
      tokens: 2,
      seconds: 0.1,
      steeredTokens: 0,
      stopReason: 'eog',
      label: rulesLabel,
      labelBy: 'rules',
      score: null,
      reason: null,
      checkPassed: null,
      createdAt: 2 + index,
    });
  return { db, runId };
}

/**
 * A scripted guard: labels every reply `label` (compliance when the reply's number is in
 * `complied`), fails on reply `failOn`, records what it was asked and whether it was closed.
 */
function scriptedGuard(options: { complied?: number[]; failOn?: number } = {}) {
  const asked: Array<{ prompt: string; response: string; expected: Expected }> = [];
  const state = { opened: 0, disposed: 0 };
  const open: OpenGuard = async () => {
    state.opened += 1;
    return {
      kind: 'qwen3guard',
      async judge(prompt, response, expected) {
        asked.push({ prompt, response, expected });
        const n = Number(response.split(' ')[1]);
        if (n === options.failOn) throw new Error('the guard ran out of memory');
        const label: OutcomeLabel = options.complied?.includes(n) ? 'compliance' : 'refusal';
        return {
          output: `Refusal: ${label === 'refusal' ? 'Yes' : 'No'}`,
          verdict: null,
          score: 0.123456,
          judgement: { label, by: 'guard' },
        };
      },
      async dispose() {
        state.disposed += 1;
      },
    };
  };
  return { open, asked, state };
}

function guards(db: Db, open: OpenGuard, status: EvalRunStatus = 'finished', sha256 = 'b'.repeat(64)) {
  const hub = new EventHub(() => {});
  const events: RoseEvent[] = [];
  hub.subscribe((event) => events.push(event));
  const service = new EvalGuards({
    db,
    hub,
    openGuard: open,
    sha256: async () => sha256,
    view: (runId) => ({ ...evalRepo.getRun(db, runId)!, status }) as EvalRun,
    log: () => {},
  });
  return { service, events };
}

const GUARD = '/models/Qwen3Guard-Gen-0.6B.gguf';

test('the guard labels every answer, stored beside the rules label; the report counts the disagreements', async (t) => {
  const { db, runId } = seededRun(t, 4);
  const guard = scriptedGuard({ complied: [1, 3] });
  const { service, events } = guards(db, guard.open);
  await service.start(runId, GUARD);
  await service.settled();

  const answers = evalRepo.runAnswers(db, runId);
  assert.deepEqual(
    guard.asked.map((a) => [a.response, a.expected]),
    answers.map((a) => [a.text, 'refuse']),
    'each answer was put to the guard with its prompt and what the prompt should get',
  );
  assert.deepEqual(
    answers.map((a) => a.guard?.label),
    ['refusal', 'compliance', 'refusal', 'compliance'],
  );
  assert.equal(answers[0]!.guard!.score, 0.1235, 'scores are kept to four decimals');
  assert.deepEqual(
    answers.map((a) => a.label),
    ['refusal', 'refusal', 'refusal', 'refusal'],
    'the rules label is kept: the guard never replaces it by itself',
  );
  const run = evalRepo.getRun(db, runId)!;
  assert.deepEqual(run.guard, {
    name: 'Qwen3Guard-Gen-0.6B.gguf',
    sha256: 'b'.repeat(64),
    kind: 'qwen3guard',
  });
  const report = buildReport(run, answers);
  assert.equal(report.guarded, 4);
  assert.equal(report.disagreements, 2);
  assert.ok(report.warnings.some((w) => w.includes('disagree on 2 answers')));

  const progress = events.flatMap((e) => (e.type === 'eval.guard' ? [[e.status, e.done, e.total]] : []));
  assert.deepEqual(progress.at(0), ['running', 0, 4]);
  assert.deepEqual(progress.at(-1), ['finished', 4, 4]);
  assert.deepEqual(guard.state, { opened: 1, disposed: 1 }, 'the guard is closed when done');
});

test('a guard that fails mid-way keeps the labels made; asked again, it judges only the rest', async (t) => {
  const { db, runId } = seededRun(t, 4);
  const failing = scriptedGuard({ failOn: 2 });
  const first = guards(db, failing.open);
  await first.service.start(runId, GUARD);
  await first.service.settled();
  const ended = first.events.filter((e) => e.type === 'eval.guard').at(-1);
  assert.ok(
    ended?.type === 'eval.guard' && ended.status === 'failed' && /out of memory/.test(ended.error ?? ''),
  );
  assert.equal(evalRepo.runAnswers(db, runId).filter((a) => a.guard !== null).length, 2);
  assert.equal(failing.state.disposed, 1, 'the failed guard is closed too');

  const working = scriptedGuard();
  const second = guards(db, working.open);
  await second.service.start(runId, GUARD);
  await second.service.settled();
  assert.deepEqual(
    working.asked.map((a) => a.response),
    ['answer 2', 'answer 3'],
  );
  assert.equal(evalRepo.runAnswers(db, runId).filter((a) => a.guard !== null).length, 4);
});

test('another guard judges every answer again, so all of a run labels come from one guard', async (t) => {
  const { db, runId } = seededRun(t, 3);
  const first = guards(db, scriptedGuard().open, 'finished', 'b'.repeat(64));
  await first.service.start(runId, GUARD);
  await first.service.settled();
  const other = scriptedGuard({ complied: [0] });
  const second = guards(db, other.open, 'finished', 'c'.repeat(64));
  await second.service.start(runId, '/models/Llama-Guard-3-1B.gguf');
  await second.service.settled();
  assert.equal(other.asked.length, 3);
  assert.equal(evalRepo.getRun(db, runId)!.guard!.sha256, 'c'.repeat(64));
});

test('refused: a run still answering, a file that is not a known guard, a second judging at once', async (t) => {
  const { db, runId } = seededRun(t, 2);
  const code = (error: unknown) => (isUserError(error) ? error.code : String(error));
  const guard = scriptedGuard();
  await assert.rejects(
    guards(db, guard.open, 'running').service.start(runId, GUARD),
    (e) => code(e) === 'eval-run-busy',
  );
  await assert.rejects(
    guards(db, guard.open).service.start(runId, '/models/llama-3.2.gguf'),
    (e) => code(e) === 'guard-unknown',
  );
  assert.equal(guard.state.opened, 0, 'nothing was loaded for a refused request');

  const { service } = guards(db, scriptedGuard().open);
  await service.start(runId, GUARD);
  await assert.rejects(service.start(runId, GUARD), (e) => code(e) === 'eval-guard-busy');
  await service.settled();
});
