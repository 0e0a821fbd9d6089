import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { test } from 'node:test';
import { createRose } from '../../main/app/createRose.js';
import { integrityCheck, openDatabase } from '../../main/db/database.js';
import { databasePath } from '../../main/services/dataDir.js';
import type { RoseEvent } from '../../shared/contract/index.js';
import { judgeByRules } from '../../shared/eval/judge/judgeByRules.js';
import {
  compareSettings,
  type ScoredAnswer,
  type SettingAnswers,
  summarizeSetting,
} from '../../shared/eval/metrics.js';
import type { EvalReport } from '../../shared/eval/report.js';
import type { EvalProgress } from '../../shared/eval/runs.js';
import type { Expected, OutcomeLabel } from '../../shared/eval/types.js';
import { policyFixture, policyDirForTest } from '../support/policyFixture.js';
import { ROSE_BIN, runRose } from '../support/runCli.js';
import { recorder } from '../support/roseEvents.js';
import { tempDir } from '../support/tempData.js';
import { getTinyModel } from '../support/testModels.js';
import { roseWithTinyModel } from '../support/tinyRose.js';

type AnswerRow = {
  id: number;
  run_id: number;
  item_id: number;
  setting_index: number;
  text: string;
  tokens: number;
  seconds: number;
  steered_tokens: number;
  label: OutcomeLabel;
  person_label: OutcomeLabel | null;
  check_passed: number | null;
  created_at: number;
  expected: Expected;
  category: string;
  pair_id: string | null;
  item_text: string;
};

/** The stored answers, read with plain SQL (not the repository the app uses). */
function storedAnswers(dataDir: string): AnswerRow[] {
  const db = openDatabase(databasePath(dataDir));
  try {
    assert.equal(integrityCheck(db), 'ok');
    return db
      .prepare(
        `SELECT a.*, i.expected, i.category, i.pair_id, i.text AS item_text
         FROM eval_answers a JOIN eval_items i ON i.id = a.item_id ORDER BY a.id`,
      )
      .all() as AnswerRow[];
  } finally {
    db.close();
  }
}

function storedRun(dataDir: string, runId: number) {
  const db = openDatabase(databasePath(dataDir));
  try {
    return db.prepare('SELECT * FROM eval_runs WHERE id = ?').get(runId) as {
      status: string;
      settings_json: string;
      item_ids_json: string;
    };
  } finally {
    db.close();
  }
}

/** The report's numbers, recomputed here from the rows by the metrics functions. */
function recompute(rows: AnswerRow[], settings: { name: string; alpha: number | null }[]): SettingAnswers[] {
  return settings.map((setting, index) => ({
    setting: setting.name,
    alpha: setting.alpha,
    answers: rows
      .filter((row) => row.setting_index === index)
      .map(
        (row): ScoredAnswer => ({
          itemKey: String(row.item_id),
          text: row.item_text,
          expected: row.expected,
          category: row.category,
          pairId: row.pair_id,
          checkPassed: row.check_passed === null ? null : row.check_passed === 1,
          label: row.person_label ?? row.label,
          answerChars: row.text.length,
          tokens: row.tokens,
          seconds: row.seconds,
          steeredTokens: row.steered_tokens,
        }),
      ),
  }));
}

const ITEMS = 16;
const SETTINGS = 2;

test('a bench run killed mid-way resumes without redoing stored answers; its report matches the answers', {
  timeout: 240_000,
}, async (t) => {
  const dataDir = tempDir(t);
  const model = await getTinyModel();
  const args = ['--data-dir', dataDir, '--threads', '1'];
  const child = spawn(
    process.execPath,
    [
      ROSE_BIN,
      'eval',
      'run',
      '--model',
      model,
      '--suite',
      'refuse,help,general',
      '--alphas',
      '0.5',
      '--limit',
      String(ITEMS),
      '--max-tokens',
      '64',
      ...args,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    child.on('exit', (_code, signal) => resolve(signal)),
  );
  let runId = 0;
  let stderr = '';
  for await (const line of createInterface({ input: child.stderr })) {
    stderr += `${line}\n`;
    const match = /^rose eval: run (\d+): (\d+)\/(\d+) answers/.exec(line);
    if (!match) continue;
    runId = Number(match[1]);
    assert.equal(Number(match[3]), ITEMS * SETTINGS);
    if (Number(match[2]) >= 3) {
      child.kill('SIGKILL');
      break;
    }
  }
  assert.equal(await exited, 'SIGKILL', `killed mid-run (stderr: ${stderr})`);

  const before = storedAnswers(dataDir);
  assert.ok(before.length >= 3, 'answers reported stored survived the kill');
  assert.ok(before.length < ITEMS * SETTINGS, `the run was cut short (${before.length} answers)`);
  assert.equal(storedRun(dataDir, runId).status, 'running', 'the killed process could not mark its run');

  const listed = await runRose(['eval', 'runs', '--json', ...args]);
  assert.equal(listed.code, 0, listed.stderr);
  const [interrupted] = JSON.parse(listed.stdout) as { id: number; status: string; done: number }[];
  assert.equal(interrupted!.id, runId);
  assert.equal(interrupted!.status, 'interrupted');
  assert.equal(interrupted!.done, before.length);

  const resumed = await runRose(['eval', 'run', '--resume', String(runId), '--json', ...args]);
  assert.equal(resumed.code, 0, resumed.stderr);
  const report = JSON.parse(resumed.stdout) as EvalReport;

  const after = storedAnswers(dataDir);
  assert.equal(after.length, ITEMS * SETTINGS);
  assert.deepEqual(after.slice(0, before.length), before, 'answers stored before the kill are untouched');
  const run = storedRun(dataDir, runId);
  assert.equal(run.status, 'finished');
  const settings = JSON.parse(run.settings_json) as { name: string; alpha: number | null }[];
  const itemIds = JSON.parse(run.item_ids_json) as number[];
  assert.deepEqual(
    settings.map((s) => s.alpha),
    [null, 0.5],
  );
  assert.deepEqual(
    new Set(after.map((row) => `${row.item_id}:${row.setting_index}`)),
    new Set(itemIds.flatMap((id) => [0, 1].map((index) => `${id}:${index}`))),
    'every item answered once in every setting',
  );
  for (const row of after)
    assert.equal(row.label, judgeByRules(row.text).label, 'the stored label is the judge’s');

  const recomputed = recompute(after, settings);
  assert.deepEqual(report.summaries, recomputed.map(summarizeSetting));
  assert.deepEqual(report.comparisons, [compareSettings(recomputed[0]!, recomputed[1]!)]);
  assert.equal(report.run.done, ITEMS * SETTINGS);

  // The exports carry the same answers.
  const csv = await runRose(['eval', 'report', String(runId), '--format', 'csv', ...args]);
  assert.equal(csv.code, 0, csv.stderr);
  assert.match(csv.stdout, /^runId,answerId,setting/);
  const jsonl = await runRose(['eval', 'report', String(runId), '--format', 'jsonl', ...args]);
  const lines = jsonl.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { answerId: number });
  assert.deepEqual(
    lines.map((line) => line.answerId),
    after.map((row) => row.id),
  );
  const html = await runRose(['eval', 'report', String(runId), '--format', 'html', ...args]);
  assert.match(html.stdout, /^<!doctype html>/);
  assert.match(html.stdout, /<canvas id="chart"/);
  assert.doesNotMatch(html.stdout, /<script src=|<link /, 'self-contained: nothing loaded from elsewhere');
});

const progressOf = (runId: number, test: (p: EvalProgress) => boolean) => (event: RoseEvent) =>
  event.type === 'eval.progress' && event.runId === runId && test(event);

test('through the contract: estimate, start, cancel, resume, report, relabel', {
  timeout: 240_000,
}, async (t) => {
  const rose = await roseWithTinyModel(t);
  const h = rose.handlers;
  const { events, waitFor } = recorder(rose);
  const request = { suites: ['refuse', 'help'], alphas: [1], limit: 6, maxTokens: 48 };

  const estimate = await h['app:eval.estimate'](request);
  assert.ok(estimate.ok, JSON.stringify(estimate));
  assert.equal(estimate.value.items, 6);
  assert.equal(estimate.value.generations, 12);
  assert.equal(estimate.value.speedFrom, 'probe', 'no answers yet: a short probe measures the speed');
  assert.ok(estimate.value.tokensPerSecond! > 0 && estimate.value.seconds! > 0);

  const started = await h['app:eval.start'](request);
  assert.ok(started.ok, JSON.stringify(started));
  const runId = started.value.id;
  assert.equal(started.value.total, 12);
  await waitFor(progressOf(runId, (p) => p.done >= 2));
  const cancelled = await h['app:eval.cancel']({ runId });
  assert.ok(cancelled.ok);
  const stopped = await waitFor(progressOf(runId, (p) => p.status === 'cancelled'));
  assert.ok(stopped.type === 'eval.progress' && stopped.done < 12);

  const resumed = await h['app:eval.resume']({ runId });
  assert.ok(resumed.ok, JSON.stringify(resumed));
  await waitFor(progressOf(runId, (p) => p.status === 'finished'));
  const done = events.filter(progressOf(runId, () => true)).map((e) => (e as EvalProgress).done);
  assert.deepEqual(
    done,
    [...done].sort((a, b) => a - b),
    'progress only goes forward',
  );
  assert.equal(done.at(-1), 12);

  const later = await h['app:eval.estimate'](request);
  assert.ok(later.ok);
  assert.equal(later.value.speedFrom, 'earlier-runs');

  const report = await h['app:eval.report']({ runId });
  assert.ok(report.ok);
  assert.equal(report.value.answers.length, 12);
  assert.equal(new Set(report.value.answers.map((a) => `${a.item.id}:${a.settingIndex}`)).size, 12);
  const target = report.value.answers.find((a) => a.item.expected === 'refuse' && a.settingIndex === 0)!;
  const newLabel: OutcomeLabel = target.label === 'refusal' ? 'compliance' : 'refusal';
  const relabel = await h['app:eval.relabel']({ answerId: target.id, label: newLabel });
  assert.ok(relabel.ok);
  assert.equal(relabel.value.personLabel, newLabel);
  const again = await h['app:eval.report']({ runId });
  assert.ok(again.ok);
  const refused = (r: typeof again.value) => r.report.summaries[0]!.refusal.successes;
  assert.equal(refused(again.value) - refused(report.value), newLabel === 'refusal' ? 1 : -1);
  assert.equal(again.value.report.relabelled, 1);

  const missing = await h['app:eval.report']({ runId: 999 });
  assert.equal(missing.ok ? null : missing.error.code, 'eval-run-not-found');
  const finishedAgain = await h['app:eval.resume']({ runId });
  assert.equal(finishedAgain.ok ? null : finishedAgain.error.code, 'eval-run-finished');
});

test('a chat sent during a bench run is answered between two bench answers, not after the run', {
  timeout: 240_000,
}, async (t) => {
  const rose = await roseWithTinyModel(t);
  const h = rose.handlers;
  const { events, waitFor } = recorder(rose);
  const started = await h['app:eval.start']({
    suites: ['refuse', 'help'],
    alphas: [0.5],
    limit: 12,
    maxTokens: 64,
  });
  assert.ok(started.ok, JSON.stringify(started));
  const runId = started.value.id;
  await waitFor(progressOf(runId, (p) => p.done >= 1));
  const sent = await h['app:chats.send']({ text: 'Hello there', maxTokens: 8 });
  assert.ok(sent.ok, JSON.stringify(sent));
  await waitFor((e) => e.type === 'chat.finished' && e.messageId === sent.value.assistantMessage.id);
  const seen = events.filter(progressOf(runId, () => true)) as EvalProgress[];
  assert.ok(seen.at(-1)!.done < seen.at(-1)!.total, 'the chat did not wait for the whole run');
  await waitFor(progressOf(runId, (p) => p.status === 'finished'));
  const report = await h['app:eval.report']({ runId });
  assert.ok(report.ok);
  assert.equal(report.value.answers.length, 24, 'the run then finished every answer');
});

test('policy applies to bench generations: disallowed settings are skipped with a note, a run with none is refused', {
  timeout: 240_000,
}, async (t) => {
  const fixture = await policyFixture(t);
  policyDirForTest(t, fixture.policyDir);
  const rose = await createRose({
    dataDir: fixture.dataDir,
    threads: 1,
    modelPath: fixture.allowedModel,
    log: () => {},
  });
  t.after(() => rose.dispose());
  const h = rose.handlers;
  const { waitFor } = recorder(rose);

  // ROSE is required and α must be at least 0.4: plain and α 0.25 are skipped, α 0.5 runs.
  const estimate = await h['app:eval.estimate']({
    suites: ['refuse'],
    alphas: [0.25, 0.5],
    limit: 2,
    maxTokens: 8,
  });
  assert.ok(estimate.ok, JSON.stringify(estimate));
  assert.equal(estimate.value.settings, 1);
  assert.equal(estimate.value.generations, 2);
  assert.equal(estimate.value.notes.length, 2);
  const deniedEstimate = await h['app:eval.estimate']({ suites: ['refuse'], alphas: [0.25], limit: 2 });
  assert.equal(deniedEstimate.ok ? null : deniedEstimate.error.code, 'policy-denied');
  const started = await h['app:eval.start']({
    suites: ['refuse'],
    alphas: [0.25, 0.5],
    limit: 2,
    maxTokens: 8,
  });
  assert.ok(started.ok, JSON.stringify(started));
  assert.deepEqual(
    started.value.settings.map((s) => s.name),
    ['rose α=0.5'],
  );
  assert.equal(started.value.notes.length, 2);
  assert.match(started.value.notes[0]!, /^plain skipped: Refused by policy/);
  await waitFor(progressOf(started.value.id, (p) => p.status === 'finished'));

  const runsBefore = await h['app:eval.runs']({});
  assert.ok(runsBefore.ok);
  const none = await h['app:eval.start']({ suites: ['refuse'], alphas: [0.25], limit: 2 });
  assert.equal(none.ok ? null : none.error.code, 'policy-denied');
  const runsAfter = await h['app:eval.runs']({});
  assert.deepEqual(runsAfter, runsBefore, 'a refused run stores nothing');

  const exported = await h['app:eval.export']({ runId: started.value.id, format: 'csv' });
  assert.equal(exported.ok ? null : exported.error.code, 'policy-denied');

  const models = await h['app:models.import']({ path: fixture.impostorModel });
  assert.equal(
    models.ok ? null : models.error.code,
    'policy-denied',
    'the impostor cannot even be registered',
  );
});
