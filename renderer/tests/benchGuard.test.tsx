import { act } from 'react';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { buildReport } from '../../shared/eval/report.js';
import type { EvalAnswer, EvalGuardLabel, EvalRun } from '../../shared/eval/runs.js';
import type { OutcomeLabel } from '../../shared/eval/types.js';
import type { LocalModel } from '../../shared/models.js';
import { DrillDown } from '../src/components/Bench/DrillDown.js';
import { GuardPanel } from '../src/components/Bench/GuardPanel.js';
import { i18n } from '../src/i18n/index.js';
import { buttonNamed, click, type Mounted, mount, settle } from './support/dom.js';

let mounted: Mounted | null = null;
afterEach(() => {
  mounted?.unmount();
  mounted = null;
});

const run: EvalRun = {
  id: 4,
  modelSha256: 'a'.repeat(64),
  modelName: 'm.gguf',
  modelPath: '/m.gguf',
  presetVersionId: 1,
  presetId: 1,
  presetVersion: 1,
  settings: [{ name: 'plain', alpha: null }],
  suiteIds: [1],
  mode: 'quick',
  maxTokens: 8,
  judge: 'rules',
  guard: { name: 'Qwen3Guard-Gen-0.6B.gguf', sha256: 'b'.repeat(64), kind: 'qwen3guard' },
  roseVersion: 'test',
  status: 'finished',
  notes: [],
  error: null,
  createdAt: 1,
  finishedAt: 2,
  done: 3,
  total: 3,
};

/** An answer to its own prompt (`itemId`), labelled `rules` by the rules and `guard` by the guard. */
function answer(itemId: number, rules: OutcomeLabel, guard: OutcomeLabel | null): EvalAnswer {
  const guardLabel: EvalGuardLabel = { label: guard, score: 0.81, reason: null, output: 'Refusal: No' };
  return {
    id: itemId,
    runId: run.id,
    settingIndex: 0,
    text: `answer to ${itemId}`,
    tokens: 3,
    seconds: 0.1,
    steeredTokens: 0,
    stopReason: 'eog',
    label: rules,
    labelBy: 'rules',
    score: null,
    reason: 'a rule',
    checkPassed: null,
    personLabel: null,
    guard: guardLabel,
    createdAt: 1,
    item: {
      id: itemId,
      suiteId: 1,
      text: `benign prompt ${itemId}`,
      expected: 'comply',
      category: 'c',
      pairId: null,
      check: null,
      sourceRef: null,
    },
  };
}

const answers = [
  answer(1, 'compliance', 'compliance'),
  answer(2, 'refusal', 'compliance'),
  answer(3, 'compliance', null),
];

const model = (id: string, path: string) => ({ id, path, displayName: id }) as LocalModel;

describe('the second judge on the report', () => {
  test('each answer shows the guard label beside the rules label; the filter keeps only the disagreements', async () => {
    mounted = mount(
      <DrillDown settings={run.settings} answers={answers} guarded={true} onRelabel={() => {}} />,
    );
    await settle();
    const { container } = mounted;
    const prompts = () =>
      [...container.querySelectorAll('select')[0]!.querySelectorAll('option')].map((o) => o.value);
    expect(prompts()).toEqual(['1', '2', '3']);
    expect(container.textContent).toContain(
      i18n.t('bench.drill.guard', { label: i18n.t('bench.outcome.compliance'), score: 0.81 }),
    );

    const filter = container.querySelector('input[type="checkbox"]') as HTMLInputElement;
    act(() => filter.click());
    await settle();
    // Only the answer whose guard label differs from its rules label is left.
    expect(prompts()).toEqual(
      answers.filter((a) => a.guard?.label && a.guard.label !== a.label).map((a) => String(a.item.id)),
    );
    expect(container.textContent).toContain(i18n.t('bench.drill.disagrees'));
  });

  test('the panel says what the guard found and starts one with the chosen guard model', async () => {
    const onJudge = vi.fn();
    const report = buildReport(run, answers);
    const models = [
      model('chat', '/models/llama-3.2-1b.gguf'),
      model('qwen', '/models/Qwen3Guard-Gen-0.6B.gguf'),
      model('llamaguard', 'C:\\models\\Llama-Guard-3-1B.gguf'),
    ];
    mounted = mount(<GuardPanel report={report} models={models} progress={null} onJudge={onJudge} />);
    await settle();
    const { container } = mounted;
    expect(container.textContent).toContain(
      i18n.t('bench.guard.summary', {
        name: run.guard!.name,
        judged: i18n.t('bench.guard.judged', { count: report.guarded }),
        count: report.disagreements,
      }),
    );
    const select = container.querySelector('select') as HTMLSelectElement;
    expect([...select.options].map((o) => o.value)).toEqual(['qwen', 'llamaguard']);
    select.value = 'llamaguard';
    act(() => {
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    click(buttonNamed(container, i18n.t('bench.guard.judge'))!);
    expect(onJudge).toHaveBeenCalledWith('llamaguard');
  });

  test('while a guard judges, the button waits and the progress is announced; a failure is an alert', async () => {
    const report = buildReport(run, answers);
    const models = [model('qwen', '/models/Qwen3Guard-Gen-0.6B.gguf')];
    const running = { runId: run.id, status: 'running' as const, done: 2, total: 3, error: null };
    mounted = mount(<GuardPanel report={report} models={models} progress={running} onJudge={() => {}} />);
    await settle();
    expect(buttonNamed(mounted.container, i18n.t('bench.guard.judge'))!.disabled).toBe(true);
    expect(mounted.container.querySelector('[role="status"]')?.textContent).toBe(
      i18n.t('bench.guard.progress', { done: 2, count: 3 }),
    );
    mounted.unmount();
    // Judging another run: this run's button waits too, and says why.
    const elsewhere = { ...running, runId: run.id + 1 };
    mounted = mount(<GuardPanel report={report} models={models} progress={elsewhere} onJudge={() => {}} />);
    await settle();
    expect(buttonNamed(mounted.container, i18n.t('bench.guard.judge'))!.disabled).toBe(true);
    expect(mounted.container.textContent).toContain(i18n.t('bench.guard.busyElsewhere', { id: run.id + 1 }));
    expect(mounted.container.querySelector('[role="status"]')).toBeNull();
    mounted.unmount();
    const failed = { ...running, status: 'failed' as const, error: 'out of memory' };
    mounted = mount(<GuardPanel report={report} models={models} progress={failed} onJudge={() => {}} />);
    await settle();
    expect(mounted.container.querySelector('[role="alert"]')?.textContent).toContain('out of memory');
  });

  test('with no guard model registered, the panel says which to add', async () => {
    const report = buildReport({ ...run, guard: null }, answers);
    mounted = mount(
      <GuardPanel
        report={report}
        models={[model('chat', '/m/llama.gguf')]}
        progress={null}
        onJudge={() => {}}
      />,
    );
    await settle();
    expect(mounted.container.textContent).toContain(i18n.t('bench.guard.noGuard'));
    expect(mounted.container.querySelector('button')).toBeNull();
  });
});
