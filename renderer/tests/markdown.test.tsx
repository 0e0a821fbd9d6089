import { afterEach, describe, expect, test } from 'vitest';
import { Markdown } from '../src/components/Markdown/Markdown.js';
import { parseBlocks } from '../src/lib/markdown/blocks.js';
import { parseInline, safeHref } from '../src/lib/markdown/inline.js';
import { type Mounted, mount } from './support/dom.js';

let mounted: Mounted | null = null;
afterEach(() => {
  mounted?.unmount();
  mounted = null;
});

const render = (text: string) => {
  mounted = mount(<Markdown text={text} />);
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

  test('fenced code is highlighted as text and has a copy button', () => {
    const container = render('```js\nconst x = "hi"; // note\n```');
    const code = container.querySelector('pre code')!;
    expect(code.textContent).toBe('const x = "hi"; // note');
    expect(code.querySelector('.tok-keyword')?.textContent).toBe('const');
    expect(code.querySelector('.tok-string')?.textContent).toBe('"hi"');
    expect(code.querySelector('.tok-comment')?.textContent).toBe('// note');
    expect(container.querySelector('button[aria-label="Copy code"]')).not.toBeNull();
  });

  test('an unclosed fence (a reply still streaming) renders as code to the end', () => {
    const blocks = parseBlocks('Here:\n```python\nprint(1)\n');
    expect(blocks[1]).toMatchObject({ type: 'code', lang: 'python', closed: false, text: 'print(1)\n' });
  });

  test('inline emphasis, code and autolinks', () => {
    expect(parseInline('**bold** and *em* and `a*b*c` and snake_case_name ~~gone~~')).toEqual([
      { type: 'strong', children: [{ type: 'text', text: 'bold' }] },
      { type: 'text', text: ' and ' },
      { type: 'em', children: [{ type: 'text', text: 'em' }] },
      { type: 'text', text: ' and ' },
      { type: 'code', text: 'a*b*c' },
      { type: 'text', text: ' and snake_case_name ' },
      { type: 'del', children: [{ type: 'text', text: 'gone' }] },
    ]);
    const container = render('See https://example.com/docs.');
    expect(container.querySelector('a')?.getAttribute('href')).toBe('https://example.com/docs');
  });

  test('headings, quotes and rules', () => {
    const blocks = parseBlocks('# Title\n\n> quoted\n> more\n\n---\ntext');
    expect(blocks.map((b) => b.type)).toEqual(['heading', 'quote', 'rule', 'paragraph']);
  });
});
