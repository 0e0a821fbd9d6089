import { describe, expect, test } from 'vitest';
import { i18n } from '../src/i18n/index.js';
import { formatNumber, replyStatsText, roseChipDetail, roseChipText } from '../src/lib/chip.js';
import { dateGroupOf, groupByDate } from '../src/lib/dateGroups.js';

describe('ROSE chip', () => {
  const done = { roseEnabled: true, alpha: 0.5, steered: 41, generated: 512, presetName: 'Manual reverse' };

  test('says in words what safety steering changed', () => {
    expect(roseChipText(done, i18n.t)).toBe('Safety steering changed 41 of 512 words · Manual reverse');
  });

  test('the technical figures stay available for the tooltip', () => {
    expect(roseChipDetail(done, i18n.t)).toBe('ROSE α 0.5 · steered 41 of 512 tokens');
    expect(roseChipDetail({ ...done, roseEnabled: false }, i18n.t)).toBe('ROSE off');
  });

  test('ROSE off says only that', () => {
    expect(roseChipText({ ...done, roseEnabled: false }, i18n.t)).toBe('Safety steering off');
  });

  test('while streaming (counts unknown) the strength is named instead', () => {
    expect(roseChipText({ ...done, steered: null, generated: null, presetName: 'P' }, i18n.t)).toBe(
      'Safety steering on, standard (α 0.5) · P',
    );
    expect(
      roseChipText({ ...done, alpha: 0.7, steered: null, generated: null, presetName: null }, i18n.t),
    ).toBe('Safety steering on, α 0.7');
  });

  test('plurals: one word is singular, nothing changed is said plainly', () => {
    expect(roseChipText({ ...done, steered: 1, generated: 1, presetName: null }, i18n.t)).toBe(
      'Safety steering changed 1 of 1 word',
    );
    expect(roseChipText({ ...done, steered: 0, generated: 2, presetName: null }, i18n.t)).toBe(
      'Safety steering changed none of 2 words',
    );
    expect(roseChipText({ ...done, steered: 0, generated: 0, presetName: null }, i18n.t)).toBe(
      'Safety steering changed none of 0 words',
    );
  });

  test('α is shown without float noise', () => {
    expect(roseChipDetail({ ...done, alpha: 0.1 + 0.2, steered: 1, generated: 1 }, i18n.t)).toBe(
      'ROSE α 0.3 · steered 1 of 1 token',
    );
    expect(formatNumber(2)).toBe('2');
    expect(formatNumber(0.125)).toBe('0.125');
  });
});

describe('the chip in other languages', () => {
  const done = { roseEnabled: true, alpha: 0.5, steered: 41, generated: 512, presetName: null };

  test('Spanish: its plurals, its decimal comma and its own strength name', async () => {
    await i18n.changeLanguage('es');
    try {
      expect(roseChipText(done, i18n.t)).toBe('La guía de seguridad cambió 41 de 512 palabras');
      expect(roseChipText({ ...done, steered: null, generated: null }, i18n.t)).toBe(
        'Guía de seguridad activada, Estándar (α 0,5)',
      );
      expect(replyStatsText({ generated: 1, tokensPerSecond: 35.24, firstTokenMs: 1500 }, i18n.t)).toBe(
        '1 token generado · 35,2 tokens por segundo · primer token 1,50 s',
      );
    } finally {
      await i18n.changeLanguage('en');
    }
  });

  test('Chinese: one form for every count', async () => {
    await i18n.changeLanguage('zh-CN');
    try {
      expect(roseChipText({ ...done, steered: 1, generated: 1 }, i18n.t)).toBe(
        '安全引导改动了 1 个词中的 1 个',
      );
    } finally {
      await i18n.changeLanguage('en');
    }
  });
});

describe('reply figures', () => {
  test('tokens, tokens per second and time to first token', () => {
    expect(replyStatsText({ generated: 140, tokensPerSecond: 35.24, firstTokenMs: 120.4 }, i18n.t)).toBe(
      '140 tokens · 35.2 tokens/s · first token 120 ms',
    );
    expect(replyStatsText({ generated: 3, tokensPerSecond: 2, firstTokenMs: 1500 }, i18n.t)).toBe(
      '3 tokens · 2.0 tokens/s · first token 1.50 s',
    );
  });

  test('unknown figures are left out', () => {
    expect(replyStatsText({ generated: null, tokensPerSecond: null, firstTokenMs: null }, i18n.t)).toBe('');
    expect(replyStatsText({ generated: 5, tokensPerSecond: Number.NaN, firstTokenMs: null }, i18n.t)).toBe(
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
