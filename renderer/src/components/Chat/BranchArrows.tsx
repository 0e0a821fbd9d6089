import type { BranchPosition, MessageId } from '../../../../shared/domain.js';
import { useTranslation } from '../../i18n/index.js';

type Props = {
  branch: BranchPosition;
  onSelect: (messageId: MessageId) => void;
};

/** "‹ 2 / 3 ›": move between the versions of a message made by edit or regenerate. */
export function BranchArrows({ branch, onSelect }: Props) {
  const { t } = useTranslation();
  if (branch.count < 2) return null;
  const siblings = branch.siblingIds;
  const go = (offset: number) => {
    const target = siblings[branch.index + offset];
    if (target !== undefined) onSelect(target);
  };
  return (
    <fieldset className="branch">
      <legend className="visually-hidden">{t('chat.branch.versions')}</legend>
      <button
        type="button"
        className="icon-button"
        aria-label={t('chat.branch.previous')}
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
        aria-label={t('chat.branch.next')}
        disabled={branch.index >= branch.count - 1}
        onClick={() => go(1)}
      >
        ›
      </button>
    </fieldset>
  );
}
