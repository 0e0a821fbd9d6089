import { ALPHA_STRENGTHS } from '../../../shared/generationLimits.js';
import { type TFunction, i18n } from '../i18n/index.js';

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
export function roseChipText(input: ChipInput, t: TFunction): string {
  if (!input.roseEnabled) return t('chat.chip.off');
  const parts: string[] = [];
  if (input.steered !== null && input.generated !== null) {
    parts.push(
      input.steered === 0
        ? t('chat.chip.changedNone', { count: input.generated })
        : t('chat.chip.changed', { count: input.generated, steered: input.steered }),
    );
  } else {
    parts.push(t('chat.chip.on', { strength: strengthName(input.alpha, t) }));
  }
  if (input.presetName) parts.push(input.presetName);
  return parts.join(' · ');
}

/** The technical figures behind the chip: "ROSE α 0.5 · steered 12 of 140 tokens". */
export function roseChipDetail(input: ChipInput, t: TFunction): string {
  if (!input.roseEnabled) return t('chat.chip.detailOff');
  const parts = [`ROSE α ${formatNumber(input.alpha)}`];
  if (input.steered !== null && input.generated !== null) {
    parts.push(t('chat.chip.detailSteered', { count: input.generated, steered: input.steered }));
  }
  return parts.join(' · ');
}

/**
 * "standard (α 0.5)" for a named strength, otherwise "α 0.7". English lowercases the name inside
 * the sentence; other languages use their translated name as it is.
 */
export function strengthName(alpha: number, t: TFunction): string {
  const named = ALPHA_STRENGTHS.find((s) => s.alpha === alpha);
  if (!named) return `α ${formatNumber(alpha)}`;
  const name = t(`common.strength.${named.key}`);
  return t('chat.chip.strength', {
    name: isEnglish() ? name.toLowerCase() : name,
    alpha: formatNumber(alpha),
  });
}

export type ReplyFigures = {
  generated: number | null;
  tokensPerSecond: number | null;
  firstTokenMs: number | null;
};

/** "140 tokens · 35.2 tokens/s · first token 120 ms"; parts not known yet are left out. */
export function replyStatsText(figures: ReplyFigures, t: TFunction): string {
  const parts: string[] = [];
  if (figures.generated !== null) parts.push(t('chat.stats.tokens', { count: figures.generated }));
  if (figures.tokensPerSecond !== null && Number.isFinite(figures.tokensPerSecond)) {
    parts.push(t('chat.stats.rate', { rate: fixed(figures.tokensPerSecond, 1) }));
  }
  if (figures.firstTokenMs !== null && Number.isFinite(figures.firstTokenMs)) {
    parts.push(t('chat.stats.firstToken', { duration: formatDuration(figures.firstTokenMs) }));
  }
  return parts.join(' · ');
}

/** At most three decimals and no trailing zeros, in the interface's language: 0.5, 1, 0.125 (es: 0,5). */
export function formatNumber(value: number): string {
  return numberFormat({ maximumFractionDigits: 3, useGrouping: false }).format(value);
}

/** Exactly `digits` decimals, like toFixed, with the interface language's decimal sign. */
function fixed(value: number, digits: number): string {
  return numberFormat({
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
    useGrouping: false,
  }).format(value);
}

function formatDuration(ms: number): string {
  return ms < 1000 ? `${fixed(ms, 0)} ms` : `${fixed(ms / 1000, 2)} s`;
}

function numberFormat(options: Intl.NumberFormatOptions): Intl.NumberFormat {
  return new Intl.NumberFormat(i18n.language, options);
}

function isEnglish(): boolean {
  return (i18n.resolvedLanguage ?? i18n.language).split('-')[0] === 'en';
}
