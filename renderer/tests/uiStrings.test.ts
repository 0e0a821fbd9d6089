// @vitest-environment node
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain JavaScript module of the lint scripts, without types.
import { uiStringsIn } from '../../scripts/lib/uiStrings.mjs';

const found = (code: string, file = 'x.tsx') => uiStringsIn(code, file).map((f: { text: string }) => f.text);

describe('the hard-coded interface text check', () => {
  it('finds JSX text, text attributes, text properties and sentences', () => {
    expect(found('const a = <p>Hello there</p>;')).toEqual(['Hello there']);
    expect(found('const a = <button aria-label="Close">×</button>;')).toEqual(['Close']);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the code under test holds a template literal.
    expect(found('const a = <input placeholder={`Search ${n}`} />;')).toEqual(['Search']);
    expect(found("const pages = [{ page: 'chat', label: 'Chat' }];")).toEqual(['Chat']);
    expect(found("toast('Could not rename the chat.');", 'x.ts')).toEqual(['Could not rename the chat.']);
    expect(found("const a = <p>{busy ? 'Saving' : 'Save'}</p>;")).toEqual(['Saving', 'Save']);
  });

  it('leaves keys, class names, imports, comparisons, logs and marked exceptions alone', () => {
    const clean = [
      "import { x } from './Some Thing.js';",
      'const a = <p className="Big Title">{t(\'chat.title\')}</p>;',
      "if (kind === 'Not Found') go();",
      "console.error('Something went wrong here.');",
      "throw new Error('Bad state for the engine.');",
      "type Kind = 'Very Long Name';",
      "const a = <p>{'·'}</p>;",
      'const a = <p>{name} · {count}</p>;',
      "// i18n-ignore: the product's name\nconst a = <p>Rose</p>;",
      "const m = { 'Some Key': 1 }; const v = m['Other Key'];",
    ];
    for (const code of clean) expect(found(code), code).toEqual([]);
  });
});
