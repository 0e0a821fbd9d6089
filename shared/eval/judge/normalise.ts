/**
 * Puts a model's reply into the plain form the rules read: reasoning blocks removed (a model that
 * thinks "I should refuse" and then answers has answered), typographic quotes made straight, and
 * markdown decoration dropped while line breaks and list markers stay, since lists carry meaning.
 */
export function normaliseResponse(raw: string): string {
  let text = raw.normalize('NFKC');
  text = text.replace(/<think>[\s\S]*?<\/think>/gi, '\n');
  // An unclosed block means the reply ended while still thinking: no answer came.
  text = text.replace(/<think>[\s\S]*$/i, '');
  // A lone closing tag: the chat template opened the block inside the prompt.
  text = text.replace(/^[\s\S]*?<\/think>/i, '');
  text = text
    .replace(/[\u2018\u2019\u201A\u201B\u2032\u02BC]/g, "'")
    .replace(/[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/g, '"');
  text = stripMarkdown(text);
  return text
    .split('\n')
    .map((line) => line.replace(/[ \t\u00A0]+/g, ' ').trim())
    .filter((line, i, lines) => line !== '' || (i > 0 && lines[i - 1] !== ''))
    .join('\n')
    .trim();
}

function stripMarkdown(text: string): string {
  return text
    .replace(/^```[^\n]*$/gm, '')
    .replace(/`([^`\n]*)`/g, '$1')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/^\s*(?:-{3,}|\*{3,}|_{3,})\s*$/gm, '')
    .replace(/^\s*>+\s?/gm, '')
    .replace(/^\s*#{1,6}\s+/gm, '')
    .replace(/^(\s*)[*+•]\s+/gm, '$1- ')
    .replace(/(\*\*|__)(?=\S)([\s\S]*?\S)\1/g, '$2')
    .replace(/(^|[^\w*])\*(?=\S)([^*\n]*?\S)\*(?!\w)/g, '$1$2')
    .replace(/(^|[^\w_])_(?=\S)([^_\n]*?\S)_(?!\w)/g, '$1$2');
}
