import { ALPHA_STRENGTHS } from '../../../shared/generationLimits.js';

/** What the reply's footer shows: the ROSE chip and the engine's figures. */

export type ChipInput = {
  roseEnabled: boolean;
  alpha: number;
  /** null while the reply is still being written (the engine counts at the end). */
  steered: number | null;
  generated: number | null;
  presetName: string | null;
};

/**
 * The chip in plain words: "Safety steering changed 12 of 140 words · Manual reverse", or
 * "Safety steering off". The engine counts tokens; "words" is what a reader understands, and
 * the exact figures are in `roseChipDetail`.
 */
export function roseChipText(input: ChipInput): string {
  if (!input.roseEnabled) return 'Safety steering off';
  const parts: string[] = [];
  if (input.steered !== null && input.generated !== null) {
    parts.push(
      input.steered === 0
        ? `Safety steering changed none of ${countOf(input.generated, 'word')}`
        : `Safety steering changed ${input.steered} of ${countOf(input.generated, 'word')}`,
    );
  } else {
    parts.push(`Safety steering on, ${strengthName(input.alpha)}`);
  }
  if (input.presetName) parts.push(input.presetName);
  return parts.join(' · ');
}

/** The technical figures behind the chip: "ROSE α 0.5 · steered 12 of 140 tokens". */
export function roseChipDetail(input: ChipInput): string {
  if (!input.roseEnabled) return 'ROSE off';
  const parts = [`ROSE α ${formatNumber(input.alpha)}`];
  if (input.steered !== null && input.generated !== null) {
    parts.push(`steered ${input.steered} of ${countOf(input.generated, 'token')}`);
  }
  return parts.join(' · ');
}

/** "1 word", "2 words", "0 words". */
export function countOf(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** "standard (α 0.5)" for a named strength, otherwise "α 0.7". */
export function strengthName(alpha: number): string {
  const named = ALPHA_STRENGTHS.find((s) => s.alpha === alpha);
  return named ? `${named.label.toLowerCase()} (α ${formatNumber(alpha)})` : `α ${formatNumber(alpha)}`;
}

export type ReplyFigures = {
  generated: number | null;
  tokensPerSecond: number | null;
  firstTokenMs: number | null;
};

/** "140 tokens · 35.2 tokens/s · first token 120 ms"; parts not known yet are left out. */
export function replyStatsText(figures: ReplyFigures): string {
  const parts: string[] = [];
  if (figures.generated !== null) parts.push(countOf(figures.generated, 'token'));
  if (figures.tokensPerSecond !== null && Number.isFinite(figures.tokensPerSecond)) {
    parts.push(`${figures.tokensPerSecond.toFixed(1)} tokens/s`);
  }
  if (figures.firstTokenMs !== null && Number.isFinite(figures.firstTokenMs)) {
    parts.push(`first token ${formatDuration(figures.firstTokenMs)}`);
  }
  return parts.join(' · ');
}

/** At most three decimals and no trailing zeros: 0.5, 1, 0.125. */
export function formatNumber(value: number): string {
  return String(Math.round(value * 1000) / 1000);
}

function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}
