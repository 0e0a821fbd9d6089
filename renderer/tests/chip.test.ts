import { describe, expect, test } from 'vitest';
import { countOf, formatNumber, replyStatsText, roseChipDetail, roseChipText } from '../src/lib/chip.js';
import { dateGroupOf, groupByDate } from '../src/lib/dateGroups.js';

describe('ROSE chip', () => {
  const done = { roseEnabled: true, alpha: 0.5, steered: 41, generated: 512, presetName: 'Manual reverse' };

  test('says in words what safety steering changed', () => {
    expect(roseChipText(done)).toBe('Safety steering changed 41 of 512 words · Manual reverse');
  });

  test('the technical figures stay available for the tooltip', () => {
    expect(roseChipDetail(done)).toBe('ROSE α 0.5 · steered 41 of 512 tokens');
    expect(roseChipDetail({ ...done, roseEnabled: false })).toBe('ROSE off');
  });

  test('ROSE off says only that', () => {
    expect(roseChipText({ ...done, roseEnabled: false })).toBe('Safety steering off');
  });

  test('while streaming (counts unknown) the strength is named instead', () => {
    expect(roseChipText({ ...done, steered: null, generated: null, presetName: 'P' })).toBe(
      'Safety steering on, standard (α 0.5) · P',
    );
    expect(roseChipText({ ...done, alpha: 0.7, steered: null, generated: null, presetName: null })).toBe(
      'Safety steering on, α 0.7',
    );
  });

  test('plurals: one word is singular, nothing changed is said plainly', () => {
    expect(roseChipText({ ...done, steered: 1, generated: 1, presetName: null })).toBe(
      'Safety steering changed 1 of 1 word',
    );
    expect(roseChipText({ ...done, steered: 0, generated: 2, presetName: null })).toBe(
      'Safety steering changed none of 2 words',
    );
    expect(countOf(0, 'word')).toBe('0 words');
  });

  test('α is shown without float noise', () => {
    expect(roseChipDetail({ ...done, alpha: 0.1 + 0.2, steered: 1, generated: 1 })).toBe(
      'ROSE α 0.3 · steered 1 of 1 token',
    );
    expect(formatNumber(2)).toBe('2');
    expect(formatNumber(0.125)).toBe('0.125');
  });
});

describe('reply figures', () => {
  test('tokens, tokens per second and time to first token', () => {
    expect(replyStatsText({ generated: 140, tokensPerSecond: 35.24, firstTokenMs: 120.4 })).toBe(
      '140 tokens · 35.2 tokens/s · first token 120 ms',
    );
    expect(replyStatsText({ generated: 3, tokensPerSecond: 2, firstTokenMs: 1500 })).toBe(
      '3 tokens · 2.0 tokens/s · first token 1.50 s',
    );
  });

  test('unknown figures are left out', () => {
    expect(replyStatsText({ generated: null, tokensPerSecond: null, firstTokenMs: null })).toBe('');
    expect(replyStatsText({ generated: 5, tokensPerSecond: Number.NaN, firstTokenMs: null })).toBe(
      '5 tokens',
    );
  });
});

describe('sidebar date groups', () => {
  const now = new Date(2025, 4, 20, 15, 0).getTime();
  const at = (day: number, hour = 10) => new Date(2025, 4, day, hour).getTime();

  test('today, yesterday, previous 7 days, older by calendar day', () => {
    expect(dateGroupOf(at(20, 0), now)).toBe('Today');
    expect(dateGroupOf(at(19, 23), now)).toBe('Yesterday');
    expect(dateGroupOf(at(14), now)).toBe('Previous 7 days');
    expect(dateGroupOf(at(12), now)).toBe('Older');
  });

  test('pinned conversations come first whatever their date; empty groups are left out', () => {
    const groups = groupByDate(
      [
        { id: 1, pinned: false, updatedAt: at(20) },
        { id: 2, pinned: true, updatedAt: at(1) },
        { id: 3, pinned: false, updatedAt: at(2) },
      ],
      now,
    );
    expect(groups.map((g) => [g.group, g.items.map((i) => i.id)])).toEqual([
      ['Pinned', [2]],
      ['Today', [1]],
      ['Older', [3]],
    ]);
  });
});
