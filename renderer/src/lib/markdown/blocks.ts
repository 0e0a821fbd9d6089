/**
 * Block-level Markdown with the GitHub extensions a chat reply uses: headings, paragraphs, fenced
 * code, lists (nested, ordered, task items), block quotes, tables and rules. It parses streaming
 * text too: an unclosed code fence runs to the end, so a reply being written renders as it grows.
 * Output is plain data; see inline.ts for why no HTML is ever produced.
 */

export type TableAlign = 'left' | 'center' | 'right' | null;

export type ListItem = { checked: boolean | null; blocks: Block[] };

export type Block =
  | { type: 'heading'; level: number; text: string }
  | { type: 'paragraph'; text: string }
  | { type: 'code'; lang: string; text: string; closed: boolean }
  | { type: 'list'; ordered: boolean; start: number; items: ListItem[] }
  | { type: 'quote'; blocks: Block[] }
  | { type: 'table'; align: TableAlign[]; header: string[]; rows: string[][] }
  | { type: 'rule' };

const fenceOpen = /^( {0,3})(`{3,}|~{3,})[ \t]*([^\s`]*)[^`]*$/;
const headingLine = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const ruleLine = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const quoteLine = /^ {0,3}> ?(.*)$/;
const listLine = /^( {0,3})([-*+]|\d{1,9}[.)])([ \t]+(.*))?$/;
const delimiterRow = /^ {0,3}\|?[ \t]*:?-+:?[ \t]*(\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;

export function parseBlocks(source: string): Block[] {
  return parseLines(source.replace(/\r\n?/g, '\n').replace(/\t/g, '    ').split('\n'));
}

function parseLines(lines: string[]): Block[] {
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (line.trim() === '') {
      i++;
      continue;
    }
    const fence = fenceOpen.exec(line);
    if (fence) {
      i = readFence(lines, i, fence, blocks);
      continue;
    }
    const heading = headingLine.exec(line);
    if (heading) {
      blocks.push({ type: 'heading', level: heading[1]!.length, text: heading[2] ?? '' });
      i++;
      continue;
    }
    if (ruleLine.test(line)) {
      blocks.push({ type: 'rule' });
      i++;
      continue;
    }
    if (quoteLine.test(line)) {
      const inner: string[] = [];
      while (i < lines.length && lines[i]!.trim() !== '') {
        const quoted = quoteLine.exec(lines[i]!);
        inner.push(quoted ? quoted[1]! : lines[i]!);
        i++;
      }
      blocks.push({ type: 'quote', blocks: parseLines(inner) });
      continue;
    }
    if (listLine.test(line)) {
      i = readList(lines, i, blocks);
      continue;
    }
    if (line.includes('|') && i + 1 < lines.length && delimiterRow.test(lines[i + 1]!)) {
      const header = splitRow(line);
      const align = splitRow(lines[i + 1]!).map(alignOf);
      if (align.length === header.length) {
        i += 2;
        const rows: string[][] = [];
        while (i < lines.length && lines[i]!.trim() !== '' && lines[i]!.includes('|')) {
          const cells = splitRow(lines[i]!);
          rows.push(header.map((_, c) => cells[c] ?? ''));
          i++;
        }
        blocks.push({ type: 'table', align, header, rows });
        continue;
      }
    }
    const paragraph: string[] = [];
    while (
      i < lines.length &&
      lines[i]!.trim() !== '' &&
      (paragraph.length === 0 || !startsBlock(lines[i]!))
    ) {
      paragraph.push(lines[i]!.replace(/^ {0,3}/, ''));
      i++;
    }
    blocks.push({ type: 'paragraph', text: paragraph.join('\n') });
  }
  return blocks;
}

function startsBlock(line: string): boolean {
  return (
    fenceOpen.test(line) ||
    headingLine.test(line) ||
    ruleLine.test(line) ||
    quoteLine.test(line) ||
    /^ {0,3}([-*+]|1[.)])[ \t]+\S/.test(line)
  );
}

function readFence(lines: string[], start: number, fence: RegExpExecArray, blocks: Block[]): number {
  const indent = fence[1]!.length;
  const marker = fence[2]!;
  const body: string[] = [];
  let i = start + 1;
  let closed = false;
  while (i < lines.length) {
    const line = lines[i]!;
    const close = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(line);
    if (close && close[1]![0] === marker[0] && close[1]!.length >= marker.length) {
      closed = true;
      i++;
      break;
    }
    body.push(line.replace(new RegExp(`^ {0,${indent}}`), ''));
    i++;
  }
  blocks.push({ type: 'code', lang: fence[3]!.toLowerCase(), text: body.join('\n'), closed });
  return i;
}

function readList(lines: string[], start: number, blocks: Block[]): number {
  const first = listLine.exec(lines[start]!)!;
  const ordered = /\d/.test(first[2]!);
  const bullet = first[2]!.slice(-1);
  const items: ListItem[] = [];
  let i = start;
  let previousBlank = false;
  while (i < lines.length) {
    const match = listLine.exec(lines[i]!);
    if (!match || /\d/.test(match[2]!) !== ordered || match[2]!.slice(-1) !== bullet) break;
    // Continuation lines belong to the item when indented to where its text starts.
    const spaces = match[3] ? match[3].length - (match[4]?.length ?? 0) : 1;
    const contentIndent = match[1]!.length + match[2]!.length + (spaces > 4 ? 1 : spaces);
    const itemLines = [match[4] ?? ''];
    i++;
    previousBlank = false;
    while (i < lines.length) {
      const line = lines[i]!;
      if (line.trim() === '') {
        previousBlank = true;
        itemLines.push('');
        i++;
        continue;
      }
      const indent = /^ */.exec(line)![0].length;
      if (indent >= contentIndent) {
        itemLines.push(line.slice(contentIndent));
      } else if (!previousBlank && !startsBlock(line) && !listLine.test(line)) {
        itemLines.push(line.trim()); // lazy continuation of the item's paragraph
      } else break;
      previousBlank = false;
      i++;
    }
    while (itemLines.length > 1 && itemLines[itemLines.length - 1] === '') itemLines.pop();
    const task = /^\[([ xX])\][ \t]+/.exec(itemLines[0]!);
    if (task) itemLines[0] = itemLines[0]!.slice(task[0].length);
    items.push({ checked: task ? task[1] !== ' ' : null, blocks: parseLines(itemLines) });
    if (previousBlank && (i >= lines.length || !listLine.test(lines[i]!))) break;
  }
  blocks.push({ type: 'list', ordered, start: ordered ? Number.parseInt(first[2]!, 10) : 1, items });
  return i;
}

function splitRow(line: string): string[] {
  let row = line.trim();
  if (row.startsWith('|')) row = row.slice(1);
  if (row.endsWith('|') && !row.endsWith('\\|')) row = row.slice(0, -1);
  const cells: string[] = [];
  let cell = '';
  for (let i = 0; i < row.length; i++) {
    if (row[i] === '\\' && row[i + 1] === '|') {
      cell += '|';
      i++;
    } else if (row[i] === '|') {
      cells.push(cell.trim());
      cell = '';
    } else cell += row[i];
  }
  cells.push(cell.trim());
  return cells;
}

function alignOf(cell: string): TableAlign {
  const left = cell.startsWith(':');
  const right = cell.endsWith(':');
  if (left && right) return 'center';
  if (right) return 'right';
  if (left) return 'left';
  return null;
}
