import { type ReactNode, useMemo } from 'react';
import { type Block, parseBlocks } from '../../lib/markdown/blocks.js';
import { type Inline, parseInline } from '../../lib/markdown/inline.js';
import { CodeBlock } from './CodeBlock.js';

type Props = { text: string };

/**
 * Markdown as React elements. Text only ever becomes React text children, which React escapes, so
 * a reply or message containing HTML shows that HTML as characters; nothing is set as innerHTML.
 */
export function Markdown({ text }: Props) {
  const blocks = useMemo(() => parseBlocks(text), [text]);
  return <div className="markdown">{renderBlocks(blocks)}</div>;
}

function renderBlocks(blocks: Block[]): ReactNode[] {
  // biome-ignore lint/suspicious/noArrayIndexKey: blocks are re-parsed from text; position is their identity
  return blocks.map((block, i) => <BlockView key={i} block={block} />);
}

function BlockView({ block }: { block: Block }) {
  switch (block.type) {
    case 'heading': {
      const Tag = `h${Math.min(6, block.level + 2)}` as 'h3';
      return <Tag className={`md-h${block.level}`}>{renderInline(parseInline(block.text))}</Tag>;
    }
    case 'paragraph':
      return <p>{renderInline(parseInline(block.text))}</p>;
    case 'code':
      return <CodeBlock code={block.text} lang={block.lang} />;
    case 'rule':
      return <hr />;
    case 'quote':
      return <blockquote>{renderBlocks(block.blocks)}</blockquote>;
    case 'list': {
      const items = block.items.map((item, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: list items have no identity beyond their place
        <li key={i} className={item.checked === null ? undefined : 'task'}>
          {item.checked !== null && (
            <input
              type="checkbox"
              checked={item.checked}
              disabled
              aria-label={item.checked ? 'done' : 'not done'}
            />
          )}
          {renderListItem(item.blocks)}
        </li>
      ));
      return block.ordered ? (
        <ol start={block.start === 1 ? undefined : block.start}>{items}</ol>
      ) : (
        <ul>{items}</ul>
      );
    }
    case 'table':
      return (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                {block.header.map((cell, c) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: columns are positional
                  <th key={c} scope="col" className={alignClass(block.align[c])}>
                    {renderInline(parseInline(cell))}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {block.rows.map((row, r) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: rows are positional
                <tr key={r}>
                  {row.map((cell, c) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: columns are positional
                    <td key={c} className={alignClass(block.align[c])}>
                      {renderInline(parseInline(cell))}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      );
  }
}

/** A tight list item (one paragraph) shows its text without a paragraph margin. */
function renderListItem(blocks: Block[]): ReactNode {
  const [first, ...rest] = blocks;
  if (first?.type === 'paragraph') return [...renderInline(parseInline(first.text)), ...renderBlocks(rest)];
  return renderBlocks(blocks);
}

function alignClass(align: string | null | undefined): string | undefined {
  return align ? `align-${align}` : undefined;
}

function renderInline(nodes: Inline[]): ReactNode[] {
  return nodes.map((node, i) => {
    switch (node.type) {
      case 'text':
        return node.text;
      case 'br':
        // biome-ignore lint/suspicious/noArrayIndexKey: inline nodes are positional
        return <br key={i} />;
      case 'code':
        // biome-ignore lint/suspicious/noArrayIndexKey: inline nodes are positional
        return <code key={i}>{node.text}</code>;
      case 'strong':
        // biome-ignore lint/suspicious/noArrayIndexKey: inline nodes are positional
        return <strong key={i}>{renderInline(node.children)}</strong>;
      case 'em':
        // biome-ignore lint/suspicious/noArrayIndexKey: inline nodes are positional
        return <em key={i}>{renderInline(node.children)}</em>;
      case 'del':
        // biome-ignore lint/suspicious/noArrayIndexKey: inline nodes are positional
        return <del key={i}>{renderInline(node.children)}</del>;
      case 'link':
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: inline nodes are positional
          <a key={i} href={node.href} target="_blank" rel="noopener noreferrer">
            {renderInline(node.children)}
          </a>
        );
      default:
        return null;
    }
  });
}
