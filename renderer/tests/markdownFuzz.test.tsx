// Property-based fuzzing of the Markdown renderer (fast-check, bounded): any mix of Markdown's
// own characters (open emphasis, fences, quotes, tables, links, raw tags) renders without throwing
// and never as live HTML.
import fc from 'fast-check';
import { afterEach, expect, test } from 'vitest';
import { Markdown } from '../src/components/Markdown/Markdown.js';
import { type Mounted, mount } from './support/dom.js';

let mounted: Mounted | null = null;
afterEach(() => {
  mounted?.unmount();
  mounted = null;
});

const pieces = [
  '*',
  '**',
  '_',
  '`',
  '```',
  '>',
  '#',
  '-',
  '1.',
  '|',
  '[',
  ']',
  '(',
  ')',
  '<',
  '>',
  '\n',
  ' ',
  'a',
  'Z',
  '9',
  '<script>',
  'http://x.invalid',
  '~~',
  '\\',
];
const markdownish = fc.array(fc.constantFrom(...pieces), { maxLength: 120 }).map((parts) => parts.join(''));

test('any Markdown-like text renders, never as the HTML elements it names', () => {
  fc.assert(
    fc.property(markdownish, fc.boolean(), (text, streaming) => {
      mounted?.unmount();
      mounted = mount(<Markdown text={text} streaming={streaming} />);
      const root = mounted.container;
      expect(root.querySelector('script, iframe, img, [onerror], [onload]')).toBeNull();
      // Something is on screen for any text with a letter in it (no blank reply).
      // (Letters only inside a link's destination, "[](a)", show nothing, as they should.)
      if (/[aZ]/.test(text) && !text.includes('(')) expect((root.textContent ?? '').trim()).not.toBe('');
    }),
    { numRuns: 150, seed: 20261202 },
  );
});
