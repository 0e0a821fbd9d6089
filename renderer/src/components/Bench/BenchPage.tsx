import { useEffect, useState } from 'react';
import {
  EVAL_DEFAULT_ALPHAS,
  EVAL_DEFAULT_MAX_TOKENS,
  type EvalEstimate,
  type EvalRun,
} from '../../../../shared/eval/runs.js';
import { useApp } from '../../appContext.js';
import { suiteName } from './labels.js';
import { Trans, useTranslation } from '../../i18n/index.js';
import { useStore } from '../../stores/createStore.js';
import { PageNotice } from '../Notice/PageNotice.js';
import { BenchReport } from './BenchReport.js';
import { durationText, parseAlphas } from './format.js';

/** A problem with the form, named by its text in bench.form. */
type FormProblem = 'alphasInvalid' | 'maxTokensInvalid' | 'noSuite';

/**
 * The Safety bench: run the suites on the loaded model with plain decoding and ROSE at several α,
 * watch the progress, read the report. Runs go on in the app while the page is closed.
 */
export function BenchPage() {
  const { t } = useTranslation();
  const app = useApp();
  const state = useStore(app.bench.store);
  const loaded = useStore(app.models.store, (s) => s.loaded);
  const models = useStore(app.models.store, (s) => s.items);
  const [mode, setMode] = useState<'quick' | 'full'>('quick');
  const [alphaText, setAlphaText] = useState(EVAL_DEFAULT_ALPHAS.join(', '));
  const [maxTokens, setMaxTokens] = useState(String(EVAL_DEFAULT_MAX_TOKENS));
  const [picked, setPicked] = useState<Set<number> | null>(null);
  const [formError, setFormError] = useState<FormProblem | null>(null);
  useEffect(() => {
    void app.bench.load();
  }, [app]);

  if (state.status === 'loading')
    return <PageNotice heading={t('bench.title')} kind="loading" title={t('bench.loading')} />;
  if (state.status === 'error')
    return (
      <PageNotice
        heading={t('bench.title')}
        kind="error"
        title={t('bench.loadError')}
        action={{ label: t('common.tryAgain'), run: () => void app.bench.load() }}
      >
        {state.error}
      </PageNotice>
    );

  const chosen = picked ?? new Set(state.suites.filter((s) => s.builtinKey !== null).map((s) => s.id));
  const request = () => {
    const alphas = parseAlphas(alphaText);
    const tokens = Number(maxTokens);
    const problem: FormProblem | null = !alphas
      ? 'alphasInvalid'
      : !Number.isInteger(tokens) || tokens < 1
        ? 'maxTokensInvalid'
        : chosen.size === 0
          ? 'noSuite'
          : null;
    setFormError(problem);
    return problem || !alphas ? null : { suites: [...chosen], alphas, mode, maxTokens: tokens };
  };
  const running = state.runs.filter((run) => run.status === 'running');

  return (
    <div className="bench">
      <h1>{t('bench.title')}</h1>
      <p>
        {loaded ? (
          <Trans i18nKey="bench.intro" values={{ model: loaded.name }} components={{ strong: <strong /> }} />
        ) : (
          t('bench.introNoModel')
        )}
      </p>
      <form
        className="bench__form"
        aria-label={t('bench.form.name')}
        onSubmit={(event) => {
          event.preventDefault();
          const input = request();
          if (input) void app.bench.start(input);
        }}
      >
        <fieldset className="radio-row">
          <legend>{t('bench.form.suites')}</legend>
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
              {suiteName(suite, t)} ({suite.items})
            </label>
          ))}
        </fieldset>
        <fieldset className="radio-row">
          <legend>{t('bench.form.size')}</legend>
          <label>
            <input
              type="radio"
              name="bench-mode"
              checked={mode === 'quick'}
              onChange={() => setMode('quick')}
            />{' '}
            {t('bench.form.quick')}
          </label>
          <label>
            <input
              type="radio"
              name="bench-mode"
              checked={mode === 'full'}
              onChange={() => setMode('full')}
            />{' '}
            {t('bench.form.full')}
          </label>
        </fieldset>
        <div className="compare__options">
          <label>
            {t('bench.form.alphas')}{' '}
            <input value={alphaText} onChange={(event) => setAlphaText(event.target.value)} />
          </label>
          <label>
            {t('bench.form.maxTokens')}{' '}
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
            {t('bench.form.estimate')}
          </button>
          <button type="submit">{t('bench.form.start')}</button>
        </div>
        {state.estimating && <p role="status">{t('bench.form.measuring')}</p>}
        {state.estimate && (
          <p role="status" className="bench__estimate">
            <EstimateText estimate={state.estimate} />
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
            {formError ? t(`bench.form.${formError}`) : state.error}
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
          guard={{
            models,
            progress: state.guard,
            onJudge: (modelId) => void app.bench.judgeWithGuard(state.report!.report.run.id, modelId),
          }}
          onRelabel={(answerId, label) => void app.bench.relabel(answerId, label)}
          onExport={(format) => void app.bench.exportRun(state.report!.report.run.id, format)}
          onClose={() => app.bench.closeReport()}
        />
      )}
    </div>
  );
}

/** How many answers an estimate covers, and how long they should take. */
function EstimateText({ estimate }: { estimate: EvalEstimate }) {
  const { t } = useTranslation();
  const size = t('bench.estimate.size', {
    prompts: t('bench.count.prompts', { count: estimate.items }),
    settings: t('bench.count.settings', { count: estimate.settings }),
    answers: t('bench.count.answers', { count: estimate.generations }),
  });
  if (estimate.seconds === null) return t('bench.estimate.speedUnknown', { size });
  return t('bench.estimate.timed', {
    size,
    duration: durationText(estimate.seconds, t),
    speed: estimate.tokensPerSecond,
    from: estimate.speedFrom === 'probe' ? t('bench.estimate.fromProbe') : t('bench.estimate.fromEarlier'),
  });
}

/** Files larger than this go through `rose eval import` (a browser window's messages are capped). */
const PAGE_IMPORT_MAX_BYTES = 1_500_000;

function SuiteImport() {
  const app = useApp();
  const { t } = useTranslation();
  const imported = useStore(app.bench.store, (s) => s.imported);
  /** The name of a file too large to import from the page. */
  const [tooLarge, setTooLarge] = useState<string | null>(null);
  return (
    <section className="bench__import" aria-label={t('bench.import.region')}>
      <label>
        {t('bench.import.label')}{' '}
        <input
          type="file"
          accept=".csv,.tsv,.json,.jsonl,.txt"
          onChange={(event) => {
            const file = event.target.files?.[0];
            event.target.value = '';
            if (!file) return;
            if (file.size > PAGE_IMPORT_MAX_BYTES) {
              setTooLarge(file.name);
              return;
            }
            setTooLarge(null);
            void file.text().then((text) => app.bench.importSuite(text, file.name.replace(/\.[^.]+$/, '')));
          }}
        />
      </label>
      {tooLarge && (
        <p role="alert" className="composer__error">
          {t('bench.import.tooLarge', { file: tooLarge })}
        </p>
      )}
      {imported && (
        <p role="status">
          {t('bench.import.done', {
            name: imported.name,
            refuse: imported.counts.refuse,
            answer: imported.counts.help + imported.counts.quality,
          })}
        </p>
      )}
    </section>
  );
}

function RunProgress({ run }: { run: EvalRun }) {
  const { t } = useTranslation();
  const app = useApp();
  const progress = useStore(app.bench.store, (s) => s.progress[run.id]);
  const done = progress?.done ?? run.done;
  const total = progress?.total ?? run.total;
  const eta = progress?.etaSeconds ?? null;
  const answers = t('bench.count.answersOf', { done, count: total });
  return (
    <section className="bench__progress" aria-label={t('bench.progress.region', { id: run.id })}>
      <progress aria-label={t('bench.progress.bar', { id: run.id })} value={done} max={total} />
      <span role="status">
        {eta === null ? answers : t('bench.progress.left', { answers, duration: durationText(eta, t) })}
      </span>
      <button type="button" onClick={() => void app.bench.cancel(run.id)}>
        {t('bench.progress.cancel', { id: run.id })}
      </button>
    </section>
  );
}

function RunsTable({ runs }: { runs: EvalRun[] }) {
  const { t } = useTranslation();
  const app = useApp();
  if (runs.length === 0) return <p>{t('bench.runs.none')}</p>;
  return (
    <table className="bench__table">
      <caption>{t('bench.runs.caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('bench.runs.run')}</th>
          <th scope="col">{t('bench.runs.model')}</th>
          <th scope="col">{t('bench.runs.settings')}</th>
          <th scope="col">{t('bench.runs.status')}</th>
          <th scope="col">{t('bench.runs.actions')}</th>
        </tr>
      </thead>
      <tbody>
        {runs.map((run) => (
          <tr key={run.id}>
            <th scope="row">{run.id}</th>
            <td>{run.modelName}</td>
            <td>{run.settings.map((s) => s.name).join(', ')}</td>
            <td>
              {t('bench.runs.statusValue', {
                status: t(`bench.status.${run.status}`),
                done: run.done,
                total: run.total,
              })}
            </td>
            <td>
              <button type="button" onClick={() => void app.bench.openReport(run.id)}>
                {t('bench.runs.open', { id: run.id })}
              </button>
              {(run.status === 'cancelled' || run.status === 'interrupted' || run.status === 'failed') && (
                <button type="button" onClick={() => void app.bench.resume(run.id)}>
                  {t('bench.runs.resume', { id: run.id })}
                </button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
