const MAX_TITLE_CHARS = 60;

/**
 * A conversation title made from its first message: the first non-empty line, whitespace collapsed,
 * cut at a word boundary so it reads well in a list.
 */
export function titleFromMessage(text: string): string {
  const firstLine =
    text
      .split('\n')
      .map((line) => line.replace(/\s+/g, ' ').trim())
      .find((line) => line.length > 0) ?? '';
  if (firstLine.length === 0) return 'New chat';
  if (firstLine.length <= MAX_TITLE_CHARS) return firstLine;
  const cut = firstLine.slice(0, MAX_TITLE_CHARS);
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > MAX_TITLE_CHARS / 2 ? cut.slice(0, lastSpace) : cut).trimEnd()}…`;
}
