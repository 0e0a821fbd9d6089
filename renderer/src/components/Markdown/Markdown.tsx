import { type ComponentProps, memo, useMemo } from 'react';
import ReactMarkdown, { type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';
import {
  capNesting,
  closeOpenFence,
  limitEmphasis,
  safeHref,
  splitBlocks,
} from '../../lib/markdown/blocks.js';
import { useTranslation } from '../../i18n/index.js';
import { ErrorBoundary } from '../ErrorBoundary/ErrorBoundary.js';
import { CodeBlock } from './CodeBlock.js';

type Props = {
  text: string;
  /** The reply is still being written: close an open code fence at its end for display. */
  streaming?: boolean;
};

/**
 * Markdown (CommonMark + GitHub tables, task lists, strikethrough, autolinks) as React elements
 * via react-markdown: raw HTML in a reply is shown as text, never parsed, and nothing is set as
 * innerHTML. The text is split into top-level chunks that are memoised, so while a reply streams
 * only its last chunk is parsed again.
 */
export function Markdown({ text, streaming = false }: Props) {
  const chunks = useMemo(() => splitBlocks(capNesting(text)).map(limitEmphasis), [text]);
  const last = chunks.length - 1;
  return (
    <ErrorBoundary resetKey={text} fallback={<pre className="markdown markdown--plain">{text}</pre>}>
      <div className="markdown">
        {chunks.map((chunk, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: chunks are positional; a finished one never changes
          <MarkdownChunk key={i} source={streaming && i === last ? closeOpenFence(chunk) : chunk} />
        ))}
      </div>
    </ErrorBoundary>
  );
}

const plugins = [remarkGfm];

const MarkdownChunk = memo(function MarkdownChunk({ source }: { source: string }) {
  return (
    <ReactMarkdown remarkPlugins={plugins} components={components} urlTransform={safeUrl}>
      {source}
    </ReactMarkdown>
  );
});

function safeUrl(url: string): string | null {
  return safeHref(url);
}

type HeadingProps = ComponentProps<'h1'> & { node?: unknown };

/** Reply headings sit below the page's own: `#` is shown as h3, and so on. */
function heading(level: number) {
  const Tag = `h${Math.min(6, level + 2)}` as 'h3';
  return ({ node: _node, ...props }: HeadingProps) => <Tag className={`md-h${level}`} {...props} />;
}

function alignClass(style: unknown): string | undefined {
  const align = (style as { textAlign?: string } | undefined)?.textAlign;
  return align ? `align-${align}` : undefined;
}

const components: Components = {
  h1: heading(1),
  h2: heading(2),
  h3: heading(3),
  h4: heading(4),
  h5: heading(5),
  h6: heading(6),
  a: ({ node: _node, href, children }) =>
    href ? (
      <a href={href} target="_blank" rel="noopener noreferrer">
        {children}
      </a>
    ) : (
      <span>{children}</span>
    ),
  // Remote images would be network loads (and tracking pixels); their description stands in.
  img: ({ alt }) => (alt ? <span className="md-image-alt">{alt}</span> : null),
  pre: ({ node }) => {
    const code = node?.children[0];
    const text =
      code && code.type === 'element'
        ? code.children.map((child) => (child.type === 'text' ? child.value : '')).join('')
        : '';
    const className = code && code.type === 'element' ? code.properties.className : undefined;
    const lang = Array.isArray(className)
      ? (String(className.find((c) => String(c).startsWith('language-')) ?? '').slice('language-'.length) ??
        '')
      : '';
    return <CodeBlock code={text.replace(/\n$/, '')} lang={lang} />;
  },
  table: ({ node: _node, ...props }) => (
    <div className="table-scroll">
      <table {...props} />
    </div>
  ),
  th: ({ node: _node, style, ...props }) => <th scope="col" className={alignClass(style)} {...props} />,
  td: ({ node: _node, style, ...props }) => <td className={alignClass(style)} {...props} />,
  li: ({ node: _node, className, ...props }) => (
    <li className={className?.includes('task-list-item') ? 'task' : undefined} {...props} />
  ),
  input: ({ node: _node, checked, type }) => (type === 'checkbox' ? <TaskBox checked={checked} /> : null),
};

/** A task list's box: shown, not changed; its name says whether the task is done. */
function TaskBox({ checked }: { checked: boolean | undefined }) {
  const { t } = useTranslation();
  return (
    <input
      type="checkbox"
      checked={checked}
      disabled
      readOnly
      aria-label={checked ? t('chat.markdown.taskDone') : t('chat.markdown.taskNotDone')}
    />
  );
}
