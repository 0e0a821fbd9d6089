import {
  CategoryScale,
  Chart,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import { useEffect, useRef } from 'react';
import type { SettingSummary } from '../../../../shared/eval/metrics.js';
import { useTranslation } from '../../i18n/index.js';
import { sweepData } from './sweepData.js';

Chart.register(
  LineController,
  LineElement,
  PointElement,
  LinearScale,
  CategoryScale,
  Filler,
  Legend,
  Tooltip,
);

const COLOURS = ['#1a7f37', '#b42318'];
const BANDS = ['rgba(26, 127, 55, 0.15)', 'rgba(180, 35, 24, 0.15)'];

/** Safety and over-refusal per setting, each with its 95 % Wilson band (drawn by chart.js). */
export function AlphaChart({ summaries }: { summaries: SettingSummary[] }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const { labels, series } = sweepData(summaries, t);
    const datasets = series.flatMap((line, i) => [
      {
        label: t('bench.chart.low', { name: line.label }),
        data: line.low,
        borderWidth: 0,
        pointRadius: 0,
        fill: false,
      },
      {
        label: t('bench.chart.high', { name: line.label }),
        data: line.high,
        borderWidth: 0,
        pointRadius: 0,
        fill: '-1' as const,
        backgroundColor: BANDS[i],
      },
      { label: line.label, data: line.rate, borderColor: COLOURS[i], backgroundColor: COLOURS[i] },
    ]);
    const chart = new Chart(canvas.current, {
      type: 'line',
      data: { labels, datasets },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        // Tick and tooltip numbers in the interface's language (decimal comma in Spanish).
        locale: language,
        scales: {
          y: {
            min: 0,
            max: 100,
            title: { display: true, text: '%' },
            ticks: { format: { maximumFractionDigits: 1 } },
          },
        },
        // Each line comes as low band, high band, rate: only the rate has a legend entry.
        plugins: { legend: { labels: { filter: (item) => (item.datasetIndex ?? 0) % 3 === 2 } } },
      },
    });
    return () => chart.destroy();
  }, [summaries, t, language]);
  const { labels, series } = sweepData(summaries, t);
  const describe = series
    .map((line) =>
      t('bench.chart.line', {
        name: line.label,
        points: labels
          .map((l, i) => {
            const rate = line.rate[i];
            return `${l} ${rate === null || rate === undefined ? '—' : t('bench.chart.percent', { value: rate })}`;
          })
          .join(t('bench.chart.pointSeparator')),
      }),
    )
    .join(t('bench.chart.lineSeparator'));
  return (
    <div className="bench__chart">
      <canvas ref={canvas} role="img" aria-label={t('bench.chart.label', { description: describe })} />
    </div>
  );
}
