import type { SteeredSpan } from '../../../shared/domain.js';
import type { TFunction } from '../i18n/index.js';

/** A piece of a reply: plain text, or a token ROSE changed with what the safe run alone would have written. */
export type SteeredSegment = { text: string; safeOnly: string | null };

/** Cuts `text` at the steered spans (out-of-range or overlapping parts are ignored). */
export function steeredSegments(text: string, spans: readonly SteeredSpan[]): SteeredSegment[] {
  const segments: SteeredSegment[] = [];
  let at = 0;
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    const start = Math.max(span.start, at);
    const end = Math.min(span.end, text.length);
    if (end <= start) continue;
    if (start > at) segments.push({ text: text.slice(at, start), safeOnly: null });
    segments.push({ text: text.slice(start, end), safeOnly: span.safeOnly });
    at = end;
  }
  if (at < text.length) segments.push({ text: text.slice(at), safeOnly: null });
  return segments;
}

/** How the safe run's token reads in a tooltip (spaces and line breaks made visible). */
export function visibleToken(text: string, t: TFunction): string {
  if (text === '') return t('chat.steered.nothing');
  return `“${text.replace(/\n/g, '⏎')}”`;
}
