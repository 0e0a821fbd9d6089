/**
 * Preparing reply text for the Markdown renderer (react-markdown + remark-gfm):
 * - `capNesting` bounds how deep quotes and indented lists can nest, so a hostile or broken reply
 *   (5,000 `>` in a row) cannot overflow the parser's stack or take seconds to lay out;
 * - `splitBlocks` cuts the text into top-level chunks at blank lines outside code fences, so while a
 *   reply streams only its last, growing chunk is parsed again (finished chunks are memoised);
 * - `limitEmphasis` shows `*` and `_` as plain characters in a chunk with so many that matching
 *   them would freeze the page;
 * - `closeOpenFence` closes a code fence left open by a reply that is still being written, so the
 *   code shows as code now rather than flipping to prose and back.
 */

/** Deeper nesting than this is shown flattened at this depth: no reply needs more. */
export const MAX_QUOTE_DEPTH = 16;
/** Leading spaces beyond this count as this many (16 list levels at 2 spaces). */
export const MAX_INDENT = 32;
/**
 * The parser's emphasis matching is quadratic in the number of `*`/`_` runs (32,000 characters of
 * `a*` take tens of seconds); a chunk with more runs than this shows them as plain characters.
 */
export const MAX_EMPHASIS_RUNS = 400;

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const QUOTE_RUN = /^((?: {0,3}> ?)+)/;

type Line = { text: string; inFence: boolean };

/** Each line with whether it lies inside (or opens/closes) a fenced code block. */
function linesWithFences(text: string): Line[] {
  let open: string | null = null;
  return text.split('\n').map((line) => {
    const fence = FENCE.exec(line)?.[1];
    if (open === null && fence) {
      open = fence;
      return { text: line, inFence: true };
    }
    if (open !== null) {
      if (fence && fence[0] === open[0] && fence.length >= open.length && line.trim() === fence) open = null;
      return { text: line, inFence: true };
    }
    return { text: line, inFence: false };
  });
}

export function capNesting(text: string): string {
  return linesWithFences(text)
    .map(({ text: line, inFence }) => {
      if (inFence) return line;
      let capped = line;
      const quotes = QUOTE_RUN.exec(capped)?.[1];
      if (quotes) {
        const depth = quotes.split('>').length - 1;
        if (depth > MAX_QUOTE_DEPTH) capped = `${'> '.repeat(MAX_QUOTE_DEPTH)}${capped.slice(quotes.length)}`;
      }
      const indent = /^ */.exec(capped)?.[0].length ?? 0;
      return indent > MAX_INDENT ? `${' '.repeat(MAX_INDENT)}${capped.slice(indent)}` : capped;
    })
    .join('\n');
}

/**
 * Top-level chunks that render the same apart as together: a blank line outside a fence, followed
 * by a line that starts at the margin, ends a chunk (an indented line continues a list item).
 */
export function splitBlocks(text: string): string[] {
  const lines = linesWithFences(text);
  const chunks: string[] = [];
  let current: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as Line;
    current.push(line.text);
    const next = lines[i + 1];
    const boundary =
      !line.inFence &&
      line.text.trim() === '' &&
      next !== undefined &&
      /^\S/.test(next.text) &&
      current.length > 1;
    if (boundary) {
      chunks.push(current.join('\n'));
      current = [];
    }
  }
  if (current.length > 0) chunks.push(current.join('\n'));
  return chunks;
}

/** The chunk with every `*` and `_` escaped (outside code fences) if it has too many runs of them. */
export function limitEmphasis(chunk: string): string {
  const lines = linesWithFences(chunk);
  let runs = 0;
  for (const { text, inFence } of lines) if (!inFence) runs += text.match(/[*_]+/g)?.length ?? 0;
  if (runs <= MAX_EMPHASIS_RUNS) return chunk;
  return lines.map(({ text, inFence }) => (inFence ? text : text.replace(/[*_]/g, '\\$&'))).join('\n');
}

/** The text with a closing fence added if it ends inside an open code block. */
export function closeOpenFence(text: string): string {
  const lines = linesWithFences(text);
  let open: string | null = null;
  for (const { text: line } of lines) {
    const fence = FENCE.exec(line)?.[1];
    if (!fence) continue;
    if (open === null) open = fence;
    else if (fence[0] === open[0] && fence.length >= open.length && line.trim() === fence) open = null;
  }
  return open === null ? text : `${text}${text.endsWith('\n') ? '' : '\n'}${open}`;
}

/** Links may go to the web or an e-mail address, nowhere else (no javascript:, data:, file:). */
export function safeHref(url: string): string | null {
  const trimmed = url.trim();
  return /^(https?:\/\/|mailto:)[^\s<>"]+$/i.test(trimmed) ? trimmed : null;
}
