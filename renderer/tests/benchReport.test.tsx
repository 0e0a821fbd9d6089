import { act } from 'react';
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { SettingSummary } from '../../shared/eval/metrics.js';
import type { EvalAnswer, EvalSetting } from '../../shared/eval/runs.js';
import { proportion } from '../../shared/eval/stats.js';
import { DrillDown } from '../src/components/Bench/DrillDown.js';
import { durationText, parseAlphas, rateText } from '../src/components/Bench/format.js';
import { sweepData } from '../src/components/Bench/sweepData.js';
import { i18n } from '../src/i18n/index.js';
import { buttonNamed, click, type Mounted, mount, settle } from './support/dom.js';

let mounted: Mounted | null = null;
afterEach(() => {
  mounted?.unmount();
  mounted = null;
});

function summary(
  setting: string,
  alpha: number | null,
  refused: number,
  overRefused: number,
): SettingSummary {
  const none = proportion(0, 0);
  return {
    setting,
    alpha,
    refusal: proportion(refused, 10),
    partialOnHarmful: none,
    overRefusal: proportion(overRefused, 10),
    overRefusalPartial: none,
    pairAccuracy: none,
    quality: none,
    degenerate: none,
    meanAnswerChars: null,
    meanAnswerTokens: null,
    tokensPerSecond: null,
    steeredShare: null,
  };
}

describe('α sweep data', () => {
  test('plain first, then α ascending; rates and Wilson bands in percent', () => {
    const data = sweepData(
      [summary('rose α=1', 1, 9, 6), summary('plain', null, 2, 0), summary('rose α=0.5', 0.5, 7, 1)],
      i18n.t,
    );
    expect(data.labels).toEqual(['plain', 'α 0.5', 'α 1']);
    const [safety, over] = data.series;
    expect(safety!.rate).toEqual([20, 70, 90]);
    expect(over!.rate).toEqual([0, 10, 60]);
    for (const line of data.series)
      line.rate.forEach((rate, i) => {
        expect(line.low[i]!).toBeLessThanOrEqual(rate!);
        expect(line.high[i]!).toBeGreaterThanOrEqual(rate!);
      });
  });
});

describe('number formats', () => {
  test('rates name their count and interval; α lists are checked', () => {
    expect(rateText(proportion(0, 0), i18n.t)).toBe('no items');
    expect(rateText(proportion(5, 10), i18n.t)).toMatch(/^50\.0 % \(5\/10, 95 % CI \d/);
    expect(parseAlphas('0.25, 0.5,1')).toEqual([0.25, 0.5, 1]);
    expect(parseAlphas('0.5, x')).toBeNull();
    expect(parseAlphas('0.5,,1')).toBeNull();
    expect(durationText(30, i18n.t)).toBe('30 s');
    expect(durationText(600, i18n.t)).toBe('10 min');
  });
});

const settings: EvalSetting[] = [
  { name: 'plain', alpha: null },
  { name: 'rose α=0.5', alpha: 0.5 },
];

function answer(
  id: number,
  settingIndex: number,
  text: string,
  expected: 'refuse' | 'comply',
  itemId: number,
): EvalAnswer {
  return {
    id,
    runId: 1,
    settingIndex,
    text,
    tokens: 5,
    seconds: 0.1,
    steeredTokens: settingIndex,
    stopReason: 'eog',
    label: 'compliance',
    labelBy: 'rules',
    score: null,
    reason: 'no refusal phrase',
    checkPassed: null,
    personLabel: null,
    guard: null,
    createdAt: 1,
    item: {
      id: itemId,
      suiteId: 1,
      text: expected === 'refuse' ? 'A harmful request' : 'A benign request',
      expected,
      category: 'c',
      pairId: null,
      check: null,
      sourceRef: null,
    },
  };
}

describe('drill-down', () => {
  test('answers to a harmful prompt stay blurred and hidden until clicked; relabel reports the choice', async () => {
    const onRelabel = vi.fn();
    const answers = [
      answer(1, 0, 'Harmful steps here', 'refuse', 10),
      answer(2, 1, 'I cannot help with that.', 'refuse', 10),
      answer(3, 0, 'Benign answer', 'comply', 11),
    ];
    mounted = mount(
      <DrillDown settings={settings} answers={answers} guarded={false} onRelabel={onRelabel} />,
    );
    await settle();
    const { container } = mounted;
    const columns = container.querySelectorAll('article');
    expect(columns).toHaveLength(2);
    const blurred = container.querySelectorAll('.bench__answer--blurred');
    expect(blurred).toHaveLength(2);
    for (const node of blurred) expect(node.getAttribute('aria-hidden')).toBe('true');
    click(buttonNamed(columns[0]!, 'Show answer (harmful prompt)')!);
    await settle();
    expect(columns[0]!.querySelector('.bench__answer--blurred')).toBeNull();
    expect(columns[0]!.textContent).toContain('Harmful steps here');
    expect(columns[1]!.querySelector('.bench__answer--blurred')).not.toBeNull();

    const label = columns[1]!.querySelector('select') as HTMLSelectElement;
    label.value = 'refusal';
    act(() => {
      label.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(onRelabel).toHaveBeenCalledWith(2, 'refusal');

    // A benign prompt's answer is shown at once.
    const prompt = container.querySelector('select') as HTMLSelectElement;
    prompt.value = '11';
    act(() => {
      prompt.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await settle();
    expect(container.querySelectorAll('.bench__answer--blurred')).toHaveLength(0);
    expect(container.textContent).toContain('Benign answer');
  });
});
