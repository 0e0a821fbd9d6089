import { toJsxRuntime } from 'hast-util-to-jsx-runtime';
import { useEffect, useMemo, useState } from 'react';
import { Fragment, jsx, jsxs } from 'react/jsx-runtime';
import { useTranslation } from '../../i18n/index.js';
import { CopyButton } from '../CopyButton/CopyButton.js';

type Props = { code: string; lang: string };

type Highlighter = Awaited<ReturnType<typeof loadHighlighter>>;

let highlighter: Highlighter | null = null;
let loading: Promise<Highlighter> | null = null;

/** lowlight with its ~35 common languages, loaded on the first code block (kept out of the start bundle). */
async function loadHighlighter() {
  const { createLowlight, common } = await import('lowlight');
  return createLowlight(common);
}

function useHighlighter(): Highlighter | null {
  const [ready, setReady] = useState(highlighter);
  useEffect(() => {
    if (ready) return;
    let live = true;
    loading ??= loadHighlighter();
    loading.then((loaded) => {
      highlighter = loaded;
      if (live) setReady(loaded);
    });
    return () => {
      live = false;
    };
  }, [ready]);
  return ready;
}

/**
 * A fenced code block with the language and a copy button. Highlighting is lowlight's syntax tree
 * turned into React elements (text stays text); plain until the highlighter has loaded, and plain
 * for languages it does not know.
 */
export function CodeBlock({ code, lang }: Props) {
  const { t } = useTranslation();
  const lowlight = useHighlighter();
  const highlighted = useMemo(() => {
    if (!lowlight || !lang || !lowlight.registered(lang)) return null;
    return toJsxRuntime(lowlight.highlight(lang, code), { Fragment, jsx, jsxs });
  }, [lowlight, code, lang]);
  return (
    <figure className="code-block">
      <figcaption className="code-block__bar">
        <span className="code-block__lang">{lang || t('chat.code.plainText')}</span>
        <CopyButton text={code} label={t('chat.code.copy')} />
      </figcaption>
      <pre>
        <code data-lang={lang || undefined}>{highlighted ?? code}</code>
      </pre>
    </figure>
  );
}
