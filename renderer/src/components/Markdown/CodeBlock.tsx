import { useMemo } from 'react';
import { highlight } from '../../lib/highlight.js';
import { CopyButton } from '../CopyButton/CopyButton.js';

type Props = { code: string; lang: string };

/** A fenced code block: highlighted tokens as text in spans, with the language and a copy button. */
export function CodeBlock({ code, lang }: Props) {
  const tokens = useMemo(() => highlight(code, lang), [code, lang]);
  return (
    <figure className="code-block">
      <figcaption className="code-block__bar">
        <span className="code-block__lang">{lang || 'text'}</span>
        <CopyButton text={code} label="Copy code" />
      </figcaption>
      <pre>
        <code data-lang={lang || undefined}>
          {tokens.map((token, i) =>
            token.kind === 'plain' ? (
              token.text
            ) : (
              // biome-ignore lint/suspicious/noArrayIndexKey: tokens have no identity beyond their place
              <span key={i} className={`tok-${token.kind}`}>
                {token.text}
              </span>
            ),
          )}
        </code>
      </pre>
    </figure>
  );
}
