import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

// The lint check for interface text written in renderer code (scripts/check-ui-strings.mjs).
// A plain JavaScript module of the scripts, loaded by its path from the compiled test.
const { uiStringsIn } = (await import(
  new URL('../../../scripts/lib/uiStrings.mjs', import.meta.url).href
)) as {
  uiStringsIn(code: string, fileName: string): Array<{ line: number; text: string }>;
};

const found = (code: string, file = 'x.tsx') => uiStringsIn(code, file).map((f) => f.text);

describe('the hard-coded interface text check', () => {
  it('finds JSX text, text attributes, text properties and sentences', () => {
    assert.deepEqual(found('const a = <p>Hello there</p>;'), ['Hello there']);
    assert.deepEqual(found('const a = <button aria-label="Close">×</button>;'), ['Close']);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the code under test holds a template literal.
    assert.deepEqual(found('const a = <input placeholder={`Search ${n}`} />;'), ['Search']);
    assert.deepEqual(found("const pages = [{ page: 'chat', label: 'Chat' }];"), ['Chat']);
    assert.deepEqual(found("toast('Could not rename the chat.');", 'x.ts'), ['Could not rename the chat.']);
    assert.deepEqual(found("const a = <p>{busy ? 'Saving' : 'Save'}</p>;"), ['Saving', 'Save']);
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
    for (const code of clean) assert.deepEqual(found(code), [], code);
  });
});
