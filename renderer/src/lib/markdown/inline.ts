/**
 * Inline Markdown (code spans, strong, emphasis, strikethrough, links, autolinks, line breaks) parsed
 * into plain data. Nothing here produces HTML: the renderer turns these nodes into React elements,
 * so every character of model or user text reaches the page as text, never as markup.
 */

export type Inline =
  | { type: 'text'; text: string }
  | { type: 'code'; text: string }
  | { type: 'strong' | 'em' | 'del'; children: Inline[] }
  | { type: 'link'; href: string; children: Inline[] }
  | { type: 'br' };

/** Only these link targets become links; anything else (javascript:, data:, file:…) stays text. */
export function safeHref(url: string): string | null {
  const trimmed = url.trim();
  return /^(https?:\/\/|mailto:)[^\s<>"]+$/i.test(trimmed) ? trimmed : null;
}

const escapable = /[\\`*_{}[\]()#+\-.!|~<>"']/;

export function parseInline(source: string): Inline[] {
  const out: Inline[] = [];
  let text = '';
  const flush = () => {
    if (text) out.push({ type: 'text', text });
    text = '';
  };
  const push = (node: Inline) => {
    flush();
    out.push(node);
  };

  let i = 0;
  while (i < source.length) {
    const rest = source.slice(i);
    const ch = source[i]!;

    if (ch === '\\' && i + 1 < source.length) {
      const next = source[i + 1]!;
      if (next === '\n') {
        push({ type: 'br' });
        i += 2;
        continue;
      }
      if (escapable.test(next)) {
        text += next;
        i += 2;
        continue;
      }
    }
    if (ch === '\n') {
      if (/ {2,}$/.test(text)) {
        text = text.replace(/ +$/, '');
        push({ type: 'br' });
      } else text += '\n';
      i += 1;
      continue;
    }
    if (ch === '`') {
      const ticks = /^`+/.exec(rest)![0];
      const close = source.indexOf(ticks, i + ticks.length);
      if (close !== -1 && source[close + ticks.length] !== '`') {
        const inner = source.slice(i + ticks.length, close).replace(/\n/g, ' ');
        const trimmed = /^ .*[^ ].* $/.test(inner) ? inner.slice(1, -1) : inner;
        push({ type: 'code', text: trimmed });
        i = close + ticks.length;
        continue;
      }
      text += ticks;
      i += ticks.length;
      continue;
    }
    const link = matchLink(rest);
    if (link) {
      if (link.image) {
        // Images are not fetched (Rose is offline and loads nothing remote); the alt text stands in.
        text += link.label;
      } else {
        const href = safeHref(link.url);
        if (href) push({ type: 'link', href, children: parseInline(link.label) });
        else text += link.label;
      }
      i += link.length;
      continue;
    }
    const auto = matchAutolink(rest, text);
    if (auto) {
      const href = safeHref(auto.url);
      if (href) {
        push({ type: 'link', href, children: [{ type: 'text', text: auto.url }] });
        i += auto.length;
        continue;
      }
    }
    const emphasis = matchEmphasis(rest, text);
    if (emphasis) {
      push({ type: emphasis.type, children: parseInline(emphasis.inner) });
      i += emphasis.length;
      continue;
    }
    text += ch;
    i += 1;
  }
  flush();
  return out;
}

type LinkMatch = { image: boolean; label: string; url: string; length: number };

function matchLink(rest: string): LinkMatch | null {
  const image = rest.startsWith('![');
  if (!image && rest[0] !== '[') return null;
  const open = image ? 1 : 0;
  let depth = 0;
  let close = -1;
  for (let j = open; j < rest.length; j++) {
    const c = rest[j];
    if (c === '\\') j++;
    else if (c === '[') depth++;
    else if (c === ']' && --depth === 0) {
      close = j;
      break;
    }
  }
  if (close === -1 || rest[close + 1] !== '(') return null;
  const target = /^\(\s*<?([^\s()<>]*)>?(?:\s+"[^"]*")?\s*\)/.exec(rest.slice(close + 1));
  if (!target) return null;
  return {
    image,
    label: rest.slice(open + 1, close),
    url: target[1]!,
    length: close + 1 + target[0].length,
  };
}

/** `<https://…>`, or a bare https:// address (GFM), not counting trailing punctuation. */
function matchAutolink(rest: string, before: string): { url: string; length: number } | null {
  const angled = /^<((?:https?:\/\/|mailto:)[^\s<>]+)>/i.exec(rest);
  if (angled) return { url: angled[1]!, length: angled[0].length };
  if (before && /[\w/]$/.test(before)) return null;
  const bare = /^https?:\/\/[^\s<>]*[^\s<>.,:;!?'")\]]/i.exec(rest);
  return bare ? { url: bare[0], length: bare[0].length } : null;
}

type EmphasisMatch = { type: 'strong' | 'em' | 'del'; inner: string; length: number };

function matchEmphasis(rest: string, before: string): EmphasisMatch | null {
  const forms: Array<[string, EmphasisMatch['type']]> = [
    ['**', 'strong'],
    ['__', 'strong'],
    ['~~', 'del'],
    ['*', 'em'],
    ['_', 'em'],
  ];
  for (const [marker, type] of forms) {
    if (!rest.startsWith(marker)) continue;
    // Underscores inside words (snake_case) are not emphasis.
    if (marker[0] === '_' && before && /\w$/.test(before)) continue;
    const after = rest[marker.length];
    if (after === undefined || /\s/.test(after) || after === marker[0]) continue;
    const close = findClose(rest, marker);
    if (close === -1) continue;
    return { type, inner: rest.slice(marker.length, close), length: close + marker.length };
  }
  return null;
}

function findClose(rest: string, marker: string): number {
  for (let j = marker.length + 1; j <= rest.length - marker.length; j++) {
    if (rest[j] === '\\') {
      j++;
      continue;
    }
    if (rest[j] === '`') {
      const end = rest.indexOf('`', j + 1);
      if (end !== -1) j = end;
      continue;
    }
    if (!rest.startsWith(marker, j) || /\s/.test(rest[j - 1]!)) continue;
    const following = rest[j + marker.length];
    if (marker.length === 1 && following === marker) {
      j++;
      continue;
    }
    if (marker[0] === '_' && following !== undefined && /\w/.test(following)) continue;
    return j;
  }
  return -1;
}
