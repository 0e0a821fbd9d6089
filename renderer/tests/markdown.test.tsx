import { afterEach, describe, expect, test, vi } from 'vitest';
import { Markdown } from '../src/components/Markdown/Markdown.js';
import {
  capNesting,
  closeOpenFence,
  limitEmphasis,
  MAX_QUOTE_DEPTH,
  safeHref,
  splitBlocks,
} from '../src/lib/markdown/blocks.js';
import { type Mounted, mount } from './support/dom.js';

let mounted: Mounted | null = null;
afterEach(() => {
  mounted?.unmount();
  mounted = null;
});

const render = (text: string, streaming = false) => {
  mounted = mount(<Markdown text={text} streaming={streaming} />);
  return mounted.container;
};

describe('Markdown escaping (no HTML injection)', () => {
  const attacks = [
    '<script>window.__pwned = 1</script>',
    '<img src="x" onerror="window.__pwned = 1">',
    '<iframe src="https://example.com"></iframe>',
    '**<b onmouseover="x()">bold</b>**',
    '| a |\n|---|\n| <svg onload="x()"> |',
    '- <style>body{display:none}</style>',
    '```html\n<script>window.__pwned = 1</script>\n```',
    '`<script>inline</script>`',
  ];

  test.each(attacks)('%s is shown as text, never as markup', (source) => {
    const container = render(source);
    expect(container.querySelector('script, img, iframe, svg, style, b[onmouseover]')).toBeNull();
    for (const el of container.querySelectorAll('*')) {
      for (const attr of el.getAttributeNames()) expect(attr.startsWith('on')).toBe(false);
    }
    // The angle brackets reach the page as characters.
    expect(container.textContent).toContain('<');
    expect((window as { __pwned?: number }).__pwned).toBeUndefined();
  });

  test('javascript:, data: and file: links stay text', () => {
    const container = render(
      '[click](javascript:alert(1)) [data](data:text/html,hi) [file](file:///etc/passwd) [ok](https://example.com/a)',
    );
    const links = [...container.querySelectorAll('a')];
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['https://example.com/a']);
    expect(container.textContent).toContain('click');
    expect(links[0]!.getAttribute('rel')).toContain('noopener');
  });

  test('images are not loaded; their alt text stands in', () => {
    const container = render('![a cat](https://example.com/cat.png)');
    expect(container.querySelector('img')).toBeNull();
    expect(container.textContent).toContain('a cat');
  });

  test('safeHref accepts only http(s) and mailto', () => {
    expect(safeHref('https://a.example/x?y=1')).toBe('https://a.example/x?y=1');
    expect(safeHref('mailto:someone@example.com')).toBe('mailto:someone@example.com');
    expect(safeHref('JavaScript:alert(1)')).toBeNull();
    expect(safeHref('//evil.example')).toBeNull();
  });
});

describe('Markdown rendering', () => {
  test('GFM tables with alignment', () => {
    const container = render('| Name | Score |\n|:-----|------:|\n| ada | 10 |\n| bob | 7 |');
    const headers = [...container.querySelectorAll('th')].map((th) => th.textContent);
    expect(headers).toEqual(['Name', 'Score']);
    const cells = [...container.querySelectorAll('tbody td')].map((td) => td.textContent);
    expect(cells).toEqual(['ada', '10', 'bob', '7']);
    expect(container.querySelector('tbody td:last-child')?.className).toBe('align-right');
  });

  test('nested and ordered lists, task items', () => {
    const container = render(
      '1. first\n2. second\n   - inner a\n   - inner b\n3. third\n\n- [x] done\n- [ ] todo',
    );
    const ol = container.querySelector('ol')!;
    expect(ol.children).toHaveLength(3);
    expect([...ol.querySelectorAll('ul li')].map((li) => li.textContent)).toEqual(['inner a', 'inner b']);
    const boxes = [...container.querySelectorAll<HTMLInputElement>('input[type=checkbox]')];
    expect(boxes.map((b) => b.checked)).toEqual([true, false]);
  });

  test('fenced code is highlighted (once the highlighter loads) as text, and has a copy button', async () => {
    const container = render('```js\nconst x = "hi"; // note\n```');
    const code = container.querySelector('pre code')!;
    expect(code.textContent).toBe('const x = "hi"; // note');
    expect(container.querySelector('button[aria-label="Copy code"]')).not.toBeNull();
    await vi.waitFor(() => expect(code.querySelector('.hljs-keyword')?.textContent).toBe('const'), {
      timeout: 5000,
    });
    expect(code.querySelector('.hljs-string')?.textContent).toBe('"hi"');
    expect(code.querySelector('.hljs-comment')?.textContent).toBe('// note');
    expect(code.textContent).toBe('const x = "hi"; // note');
  });

  test('an unclosed fence (a reply still streaming) renders as code to the end', () => {
    expect(closeOpenFence('Here:\n```python\nprint(1)\n')).toBe('Here:\n```python\nprint(1)\n```');
    expect(closeOpenFence('```\ndone\n```\n')).toBe('```\ndone\n```\n');
    const container = render('Here:\n```python\nprint(1)\n\n# still code', true);
    expect(container.querySelector('pre code')?.textContent).toBe('print(1)\n\n# still code');
    expect(container.querySelector('h3')).toBeNull();
  });

  test('bold italic, nested emphasis and links with parentheses follow CommonMark', () => {
    const container = render(
      '***both*** and **bold *inner* bold** and [wiki](https://en.wikipedia.org/wiki/Rose_(disambiguation))',
    );
    expect(container.querySelector('em strong, strong em')?.textContent).toBe('both');
    expect(container.querySelector('strong em')?.textContent).toBe('inner');
    expect(container.querySelector('a')?.getAttribute('href')).toBe(
      'https://en.wikipedia.org/wiki/Rose_(disambiguation)',
    );
    expect(container.querySelector('del')).toBeNull();
    expect(render('~~gone~~ and snake_case_name').querySelector('del')?.textContent).toBe('gone');
  });

  test('autolinks', () => {
    const container = render('See https://example.com/docs.');
    expect(container.querySelector('a')?.getAttribute('href')).toBe('https://example.com/docs');
  });

  test('headings, quotes and rules', () => {
    const container = render('# Title\n\n> quoted\n> more\n\n---\ntext');
    expect(
      [
        ...container
          .querySelector('.markdown')!
          .querySelectorAll(':scope h3, :scope blockquote, :scope hr, :scope p'),
      ].map((e) => e.tagName),
    ).toEqual(['H3', 'BLOCKQUOTE', 'P', 'HR', 'P']);
  });
});

describe('hostile and huge replies', () => {
  test('5,000 nested quotes are capped, render, and keep their text', () => {
    const text = `${'>'.repeat(5000)} deep`;
    expect(capNesting(text).split('>').length - 1).toBe(MAX_QUOTE_DEPTH);
    const container = render(text);
    expect(container.textContent).toContain('deep');
    expect(container.querySelectorAll('blockquote').length).toBe(MAX_QUOTE_DEPTH);
  });

  test('32,000 characters of unmatched asterisks render as text (a 5 s test limit catches a freeze)', () => {
    const text = 'a*'.repeat(16_000);
    const container = render(text);
    expect(container.textContent).toBe(text);
    expect(limitEmphasis('**a few** are *fine*')).toBe('**a few** are *fine*');
  });

  test('code fences are left alone by the nesting cap and never split into chunks', () => {
    const fenced = `\`\`\`\n${'>'.repeat(40)}\n\n${' '.repeat(60)}x\n\`\`\``;
    expect(capNesting(fenced)).toBe(fenced);
    expect(splitBlocks(`${fenced}\n\nafter`)).toEqual([`${fenced}\n`, 'after']);
  });

  test("chunks split at blank lines but keep a list item's indented continuation", () => {
    expect(splitBlocks('one\n\ntwo\n\n- a\n\n  more of a\n- b')).toEqual([
      'one\n',
      'two\n',
      '- a\n\n  more of a\n- b',
    ]);
  });
});
