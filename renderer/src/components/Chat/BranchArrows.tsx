import type { BranchPosition, MessageId } from '../../../../shared/domain.js';

type Props = {
  branch: BranchPosition;
  onSelect: (messageId: MessageId) => void;
};

/** "‹ 2 / 3 ›": move between the versions of a message made by edit or regenerate. */
export function BranchArrows({ branch, onSelect }: Props) {
  if (branch.count < 2) return null;
  const siblings = branch.siblingIds;
  const go = (offset: number) => {
    const target = siblings[branch.index + offset];
    if (target !== undefined) onSelect(target);
  };
  return (
    <fieldset className="branch">
      <legend className="visually-hidden">Versions</legend>
      <button
        type="button"
        className="icon-button"
        aria-label="Previous version"
        disabled={branch.index === 0}
        onClick={() => go(-1)}
      >
        ‹
      </button>
      <span className="branch__position">
        {branch.index + 1} / {branch.count}
      </span>
      <button
        type="button"
        className="icon-button"
        aria-label="Next version"
        disabled={branch.index >= branch.count - 1}
        onClick={() => go(1)}
      >
        ›
      </button>
    </fieldset>
  );
}
