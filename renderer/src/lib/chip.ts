/** What the reply's footer shows: the ROSE chip and the engine's figures. */

export type ChipInput = {
  roseEnabled: boolean;
  alpha: number;
  /** null while the reply is still being written (the engine counts at the end). */
  steered: number | null;
  generated: number | null;
  presetName: string | null;
};

/** "ROSE α 0.5 · steered 12 of 140 tokens · Manual reverse", or "ROSE off". */
export function roseChipText(input: ChipInput): string {
  if (!input.roseEnabled) return 'ROSE off';
  const parts = [`ROSE α ${formatNumber(input.alpha)}`];
  if (input.steered !== null && input.generated !== null) {
    parts.push(`steered ${input.steered} of ${input.generated} token${input.generated === 1 ? '' : 's'}`);
  }
  if (input.presetName) parts.push(input.presetName);
  return parts.join(' · ');
}

export type ReplyFigures = {
  generated: number | null;
  tokensPerSecond: number | null;
  firstTokenMs: number | null;
};

/** "140 tokens · 35.2 tokens/s · first token 120 ms"; parts not known yet are left out. */
export function replyStatsText(figures: ReplyFigures): string {
  const parts: string[] = [];
  if (figures.generated !== null)
    parts.push(`${figures.generated} token${figures.generated === 1 ? '' : 's'}`);
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
