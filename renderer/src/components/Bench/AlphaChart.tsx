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
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const { labels, series } = sweepData(summaries);
    const datasets = series.flatMap((line, i) => [
      { label: `${line.label} low`, data: line.low, borderWidth: 0, pointRadius: 0, fill: false },
      {
        label: `${line.label} high`,
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
        scales: { y: { min: 0, max: 100, title: { display: true, text: '%' } } },
        plugins: { legend: { labels: { filter: (item) => !/ (low|high)$/.test(item.text) } } },
      },
    });
    return () => chart.destroy();
  }, [summaries]);
  const { labels, series } = sweepData(summaries);
  const describe = series
    .map(
      (line) =>
        `${line.label}: ${labels.map((l, i) => `${l} ${line.rate[i]?.toFixed(0) ?? '—'} %`).join(', ')}`,
    )
    .join('; ');
  return (
    <div className="bench__chart">
      <canvas ref={canvas} role="img" aria-label={`α sweep chart. ${describe}`} />
    </div>
  );
}
