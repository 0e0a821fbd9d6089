/**
 * A small syntax highlighter for fenced code: it splits code into comment, string, number, keyword
 * and plain tokens for the common languages of chat replies. Tokens are plain data rendered as text
 * inside styled spans, so highlighting can never inject markup.
 */

export type TokenKind = 'plain' | 'comment' | 'string' | 'number' | 'keyword' | 'literal';
export type Token = { kind: TokenKind; text: string };

type Grammar = {
  lineComment: string[];
  blockComment: [string, string] | null;
  quotes: string[];
  keywords: ReadonlySet<string>;
  literals: ReadonlySet<string>;
};

const words = (list: string) => new Set(list.split(' '));

const cLike = (keywords: string, literals = 'true false null'): Grammar => ({
  lineComment: ['//'],
  blockComment: ['/*', '*/'],
  quotes: ['"', "'", '`'],
  keywords: words(keywords),
  literals: words(literals),
});

const javascript = cLike(
  'async await break case catch class const continue default delete do else export extends finally for from function if import in instanceof let new of return static super switch this throw try typeof var void while yield type interface enum implements as satisfies readonly declare keyof',
  'true false null undefined NaN Infinity',
);

const grammars: Record<string, Grammar> = {
  javascript,
  python: {
    lineComment: ['#'],
    blockComment: null,
    quotes: ['"', "'"],
    keywords: words(
      'and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield match case',
    ),
    literals: words('True False None'),
  },
  shell: {
    lineComment: ['#'],
    blockComment: null,
    quotes: ['"', "'"],
    keywords: words(
      'if then else elif fi for while do done case esac function in return export local echo cd set unset',
    ),
    literals: words('true false'),
  },
  json: {
    lineComment: [],
    blockComment: null,
    quotes: ['"'],
    keywords: words(''),
    literals: words('true false null'),
  },
  c: cLike(
    'auto break case char const continue default do double else enum extern float for goto if inline int long register return short signed sizeof static struct switch typedef union unsigned void volatile while class public private protected virtual template typename namespace using new delete try catch throw bool',
    'true false NULL nullptr',
  ),
  rust: cLike(
    'as async await break const continue crate dyn else enum extern fn for if impl in let loop match mod move mut pub ref return self Self static struct super trait type unsafe use where while',
    'true false None Some Ok Err',
  ),
  go: cLike(
    'break case chan const continue default defer else fallthrough for func go goto if import interface map package range return select struct switch type var',
    'true false nil iota',
  ),
  java: cLike(
    'abstract boolean break byte case catch char class const continue default do double else enum extends final finally float for if implements import instanceof int interface long new package private protected public return short static super switch this throw throws try void volatile while var record',
  ),
};

const aliases: Record<string, string> = {
  js: 'javascript',
  jsx: 'javascript',
  ts: 'javascript',
  tsx: 'javascript',
  typescript: 'javascript',
  mjs: 'javascript',
  py: 'python',
  sh: 'shell',
  bash: 'shell',
  zsh: 'shell',
  console: 'shell',
  cpp: 'c',
  'c++': 'c',
  h: 'c',
  cs: 'java',
  csharp: 'java',
  kotlin: 'java',
  rs: 'rust',
  golang: 'go',
};

/** The grammar for a fence's language tag, or null when the language is unknown (shown plain). */
function grammarFor(lang: string): Grammar | null {
  const key = lang.toLowerCase();
  return grammars[key] ?? grammars[aliases[key] ?? ''] ?? null;
}

export function highlight(code: string, lang: string): Token[] {
  const grammar = grammarFor(lang);
  if (!grammar) return code ? [{ kind: 'plain', text: code }] : [];
  const tokens: Token[] = [];
  const add = (kind: TokenKind, text: string) => {
    const last = tokens[tokens.length - 1];
    if (last && last.kind === kind) last.text += text;
    else tokens.push({ kind, text });
  };

  let i = 0;
  while (i < code.length) {
    const rest = code.slice(i);
    const line = grammar.lineComment.find((marker) => rest.startsWith(marker));
    if (line) {
      const end = code.indexOf('\n', i);
      const stop = end === -1 ? code.length : end;
      add('comment', code.slice(i, stop));
      i = stop;
      continue;
    }
    if (grammar.blockComment && rest.startsWith(grammar.blockComment[0])) {
      const end = code.indexOf(grammar.blockComment[1], i + grammar.blockComment[0].length);
      const stop = end === -1 ? code.length : end + grammar.blockComment[1].length;
      add('comment', code.slice(i, stop));
      i = stop;
      continue;
    }
    const quote = grammar.quotes.find((q) => rest.startsWith(q));
    if (quote) {
      let j = i + 1;
      while (j < code.length && code[j] !== quote && !(code[j] === '\n' && quote !== '`')) {
        j += code[j] === '\\' ? 2 : 1;
      }
      const stop = Math.min(code.length, j + 1);
      add('string', code.slice(i, stop));
      i = stop;
      continue;
    }
    const number = /^(?:0x[\da-f]+|\d[\d_]*(?:\.\d+)?(?:e[+-]?\d+)?)/i.exec(rest);
    if (number && !/[\w$]/.test(code[i - 1] ?? '')) {
      add('number', number[0]);
      i += number[0].length;
      continue;
    }
    const word = /^[A-Za-z_$][\w$]*/.exec(rest);
    if (word) {
      const kind = grammar.keywords.has(word[0])
        ? 'keyword'
        : grammar.literals.has(word[0])
          ? 'literal'
          : 'plain';
      add(kind, word[0]);
      i += word[0].length;
      continue;
    }
    add('plain', code[i]!);
    i += 1;
  }
  return tokens;
}
