import { useEffect, useState } from 'react';
import { EVAL_DEFAULT_ALPHAS, EVAL_DEFAULT_MAX_TOKENS, type EvalRun } from '../../../../shared/eval/runs.js';
import { useApp } from '../../appContext.js';
import { useStore } from '../../stores/createStore.js';
import { Notice } from '../Notice/Notice.js';
import { BenchReport } from './BenchReport.js';
import { durationText, parseAlphas } from './format.js';

/**
 * The Safety bench: run the suites on the loaded model with plain decoding and ROSE at several α,
 * watch the progress, read the report. Runs go on in the app while the page is closed.
 */
export function BenchPage() {
  const app = useApp();
  const state = useStore(app.bench.store);
  const loaded = useStore(app.models.store, (s) => s.loaded);
  const [mode, setMode] = useState<'quick' | 'full'>('quick');
  const [alphaText, setAlphaText] = useState(EVAL_DEFAULT_ALPHAS.join(', '));
  const [maxTokens, setMaxTokens] = useState(String(EVAL_DEFAULT_MAX_TOKENS));
  const [picked, setPicked] = useState<Set<number> | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  useEffect(() => {
    void app.bench.load();
  }, [app]);

  if (state.status === 'loading') return <Notice kind="loading" title="Loading the safety bench…" />;
  if (state.status === 'error')
    return (
      <Notice
        kind="error"
        title="Could not load the safety bench"
        action={{ label: 'Try again', run: () => void app.bench.load() }}
      >
        {state.error}
      </Notice>
    );

  const chosen = picked ?? new Set(state.suites.filter((s) => s.builtinKey !== null).map((s) => s.id));
  const request = () => {
    const alphas = parseAlphas(alphaText);
    const tokens = Number(maxTokens);
    const problem = !alphas
      ? 'α values must be numbers separated by commas, e.g. 0.25, 0.5, 1'
      : !Number.isInteger(tokens) || tokens < 1
        ? 'Max tokens must be a whole number'
        : chosen.size === 0
          ? 'Choose at least one suite'
          : null;
    setFormError(problem);
    return problem || !alphas ? null : { suites: [...chosen], alphas, mode, maxTokens: tokens };
  };
  const running = state.runs.filter((run) => run.status === 'running');

  return (
    <div className="bench">
      <h1>Safety bench</h1>
      <p>
        Measures, on {loaded ? <strong>{loaded.name}</strong> : 'the loaded model'}, how often harmful prompts
        are refused, how often benign ones are wrongly refused, and whether answers still make sense — plain
        decoding against ROSE at each α. Chats go first; the bench waits between answers.
      </p>
      <form
        className="bench__form"
        aria-label="New bench run"
        onSubmit={(event) => {
          event.preventDefault();
          const input = request();
          if (input) void app.bench.start(input);
        }}
      >
        <fieldset className="radio-row">
          <legend>Suites</legend>
          {state.suites.map((suite) => (
            <label key={suite.id}>
              <input
                type="checkbox"
                checked={chosen.has(suite.id)}
                onChange={(event) => {
                  const next = new Set(chosen);
                  if (event.target.checked) next.add(suite.id);
                  else next.delete(suite.id);
                  setPicked(next);
                }}
              />{' '}
              {suite.name} ({suite.items})
            </label>
          ))}
        </fieldset>
        <fieldset className="radio-row">
          <legend>Size</legend>
          <label>
            <input
              type="radio"
              name="bench-mode"
              checked={mode === 'quick'}
              onChange={() => setMode('quick')}
            />{' '}
            Quick (about 30 prompts)
          </label>
          <label>
            <input
              type="radio"
              name="bench-mode"
              checked={mode === 'full'}
              onChange={() => setMode('full')}
            />{' '}
            Full
          </label>
        </fieldset>
        <div className="compare__options">
          <label>
            ROSE α values <input value={alphaText} onChange={(event) => setAlphaText(event.target.value)} />
          </label>
          <label>
            Max tokens{' '}
            <input
              inputMode="numeric"
              size={5}
              value={maxTokens}
              onChange={(event) => setMaxTokens(event.target.value)}
            />
          </label>
        </div>
        <div className="compare__options">
          <button
            type="button"
            disabled={state.estimating}
            onClick={() => {
              const input = request();
              if (input) void app.bench.estimate(input);
            }}
          >
            Estimate time
          </button>
          <button type="submit">Start run</button>
        </div>
        {state.estimating && <p role="status">Measuring this model’s speed…</p>}
        {state.estimate && (
          <p role="status" className="bench__estimate">
            {state.estimate.items} prompts × {state.estimate.settings} settings = {state.estimate.generations}{' '}
            answers
            {state.estimate.seconds === null
              ? ' (speed unknown)'
              : `, about ${durationText(state.estimate.seconds)} at ${state.estimate.tokensPerSecond!.toFixed(1)} tokens/s (${state.estimate.speedFrom === 'probe' ? 'measured just now' : 'from earlier runs'})`}
            {state.estimate.notes.map((note) => (
              <span key={note} className="bench__meta">
                {' '}
                {note}
              </span>
            ))}
          </p>
        )}
        {(formError ?? state.error) && (
          <p role="alert" className="composer__error">
            {formError ?? state.error}
          </p>
        )}
      </form>
      <SuiteImport />
      {running.map((run) => (
        <RunProgress key={run.id} run={run} />
      ))}
      <RunsTable runs={state.runs} />
      {state.report && (
        <BenchReport
          report={state.report.report}
          answers={state.report.answers}
          onRelabel={(answerId, label) => void app.bench.relabel(answerId, label)}
          onExport={(format) => void app.bench.exportRun(state.report!.report.run.id, format)}
          onClose={() => app.bench.closeReport()}
        />
      )}
    </div>
  );
}

/** Files larger than this go through `rose eval import` (a browser window's messages are capped). */
const PAGE_IMPORT_MAX_BYTES = 1_500_000;

function SuiteImport() {
  const app = useApp();
  const imported = useStore(app.bench.store, (s) => s.imported);
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <section className="bench__import" aria-label="Import a suite">
      <label>
        Import a suite (XSTest, DangerousQA, HarmfulQA, Do-Not-Answer, HarmBench, AdvBench, JailbreakBench,
        StrongREJECT, OR-Bench, CSV or JSONL){' '}
        <input
          type="file"
          accept=".csv,.tsv,.json,.jsonl,.txt"
          onChange={(event) => {
            const file = event.target.files?.[0];
            event.target.value = '';
            if (!file) return;
            if (file.size > PAGE_IMPORT_MAX_BYTES) {
              setProblem(`${file.name} is too large to import here; use rose eval import ${file.name}`);
              return;
            }
            setProblem(null);
            void file.text().then((text) => app.bench.importSuite(text, file.name.replace(/\.[^.]+$/, '')));
          }}
        />
      </label>
      {problem && (
        <p role="alert" className="composer__error">
          {problem}
        </p>
      )}
      {imported && (
        <p role="status">
          Imported {imported.name}: {imported.counts.refuse} to refuse,{' '}
          {imported.counts.help + imported.counts.quality} to answer.
        </p>
      )}
    </section>
  );
}

function RunProgress({ run }: { run: EvalRun }) {
  const app = useApp();
  const progress = useStore(app.bench.store, (s) => s.progress[run.id]);
  const done = progress?.done ?? run.done;
  const total = progress?.total ?? run.total;
  const eta = progress?.etaSeconds ?? null;
  return (
    <section className="bench__progress" aria-label={`Run ${run.id} progress`}>
      <progress aria-label={`Run ${run.id}`} value={done} max={total} />
      <span role="status">
        {done} of {total} answers{eta === null ? '' : `, about ${durationText(eta)} left`}
      </span>
      <button type="button" onClick={() => void app.bench.cancel(run.id)}>
        Cancel run {run.id}
      </button>
    </section>
  );
}

function RunsTable({ runs }: { runs: EvalRun[] }) {
  const app = useApp();
  if (runs.length === 0) return <p>No runs yet.</p>;
  return (
    <table className="bench__table">
      <caption>Runs</caption>
      <thead>
        <tr>
          <th scope="col">Run</th>
          <th scope="col">Model</th>
          <th scope="col">Settings</th>
          <th scope="col">Status</th>
          <th scope="col">Actions</th>
        </tr>
      </thead>
      <tbody>
        {runs.map((run) => (
          <tr key={run.id}>
            <th scope="row">{run.id}</th>
            <td>{run.modelName}</td>
            <td>{run.settings.map((s) => s.name).join(', ')}</td>
            <td>
              {run.status}, {run.done}/{run.total}
            </td>
            <td>
              <button type="button" onClick={() => void app.bench.openReport(run.id)}>
                Open report {run.id}
              </button>
              {(run.status === 'cancelled' || run.status === 'interrupted' || run.status === 'failed') && (
                <button type="button" onClick={() => void app.bench.resume(run.id)}>
                  Resume run {run.id}
                </button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
