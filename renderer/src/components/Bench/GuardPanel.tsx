import { useState } from 'react';
import { guardKindOf } from '../../../../shared/eval/judge/guardModels.js';
import type { EvalReport } from '../../../../shared/eval/report.js';
import type { EvalGuardProgress } from '../../../../shared/eval/runs.js';
import type { LocalModel } from '../../../../shared/models.js';
import { useTranslation } from '../../i18n/index.js';

type Props = {
  report: EvalReport;
  /** Every registered model; the guards among them are told by file name. */
  models: LocalModel[];
  /** The latest news of a guard judging, for any run. */
  progress: EvalGuardProgress | null;
  onJudge: (modelId: string) => void;
};

const fileName = (path: string) => path.split(/[\\/]/).pop() ?? path;

/**
 * The second judge: a local guard model (Qwen3Guard-Gen or Llama Guard 3) reads a stopped run's
 * answers again. Its labels are shown beside the rules' and flag disagreements for a person; they
 * are never counted by themselves.
 */
export function GuardPanel({ report, models, progress, onJudge }: Props) {
  const { t } = useTranslation();
  const { run } = report;
  const guards = models.filter((model) => !model.missing && guardKindOf(fileName(model.path)) !== null);
  const [chosen, setChosen] = useState<string | null>(null);
  const modelId = guards.find((model) => model.id === chosen)?.id ?? guards[0]?.id ?? null;
  const mine = progress?.runId === run.id ? progress : null;
  const judging = progress?.status === 'running';

  return (
    <section className="bench__guard" aria-labelledby="bench-guard-title">
      <h3 id="bench-guard-title">{t('bench.guard.title')}</h3>
      {run.guard ? (
        <p>
          {t('bench.guard.summary', {
            name: run.guard.name,
            judged: t('bench.guard.judged', { count: report.guarded }),
            count: report.disagreements,
          })}
        </p>
      ) : (
        <p>{t('bench.guard.intro')}</p>
      )}
      <p className="bench__meta">{t('bench.guard.notCounted')}</p>
      {run.status === 'running' ? (
        <p className="bench__meta">{t('bench.guard.afterRun')}</p>
      ) : guards.length === 0 ? (
        <p className="bench__meta">{t('bench.guard.noGuard')}</p>
      ) : (
        <div className="bench__guard-form">
          <label>
            {t('bench.guard.model')}{' '}
            <select value={modelId ?? ''} onChange={(event) => setChosen(event.target.value)}>
              {guards.map((model) => (
                <option key={model.id} value={model.id}>
                  {fileName(model.path)}
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            disabled={judging || modelId === null}
            onClick={() => modelId && onJudge(modelId)}
          >
            {t('bench.guard.judge')}
          </button>
        </div>
      )}
      {judging && !mine && (
        <p className="bench__meta">{t('bench.guard.busyElsewhere', { id: progress.runId })}</p>
      )}
      {mine?.status === 'running' && (
        <p role="status">{t('bench.guard.progress', { done: mine.done, count: mine.total })}</p>
      )}
      {mine?.status === 'failed' && (
        <p role="alert" className="bench__warning">
          {t('bench.guard.failed', { done: mine.done, count: mine.total, error: mine.error ?? '' })}
        </p>
      )}
    </section>
  );
}
