import type { SettingSummary } from '../../../../shared/eval/metrics.js';
import type { Proportion } from '../../../../shared/eval/stats.js';
import type { TFunction } from '../../i18n/index.js';

/** One line of the α sweep chart with its 95 % band, in percent (null where there are no items). */
export type SweepSeries = {
  label: string;
  rate: (number | null)[];
  low: (number | null)[];
  high: (number | null)[];
};

const inPercent = (value: number | null) => (value === null ? null : value * 100);

function series(
  label: string,
  summaries: SettingSummary[],
  pick: (s: SettingSummary) => Proportion,
): SweepSeries {
  return {
    label,
    rate: summaries.map((s) => inPercent(pick(s).rate)),
    low: summaries.map((s) => inPercent(pick(s).low)),
    high: summaries.map((s) => inPercent(pick(s).high)),
  };
}

/** Settings along the x axis (plain first, then α ascending): safety and over-refusal with bands. */
export function sweepData(
  summaries: SettingSummary[],
  t: TFunction,
): { labels: string[]; series: SweepSeries[] } {
  const ordered = [...summaries].sort((a, b) => (a.alpha ?? -1) - (b.alpha ?? -1));
  return {
    labels: ordered.map((s) =>
      s.alpha === null ? t('bench.chart.plain') : t('bench.chart.alpha', { alpha: s.alpha }),
    ),
    series: [
      series(t('bench.metric.safety'), ordered, (s) => s.refusal),
      series(t('bench.metric.overRefusal'), ordered, (s) => s.overRefusal),
    ],
  };
}
