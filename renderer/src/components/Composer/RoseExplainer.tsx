import { useTranslation } from '../../i18n/index.js';

/**
 * What ROSE does, in one sentence a parent can read: it lowers the odds of an unsafe reply and
 * makes no promise beyond that.
 */
export function RoseExplainer({ roseEnabled }: { roseEnabled: boolean }) {
  const { t } = useTranslation();
  return <p className="rose-explainer">{roseEnabled ? t('composer.rose.on') : t('composer.rose.off')}</p>;
}
