import type { HardwareInfo } from '../../../../shared/models.js';
import { useTranslation } from '../../i18n/index.js';
import { hardwareLines } from '../../lib/fitText.js';

/** This machine: GPU kind and names, VRAM, CPU and cores, RAM. */
export function HardwareSummary({ hardware }: { hardware: HardwareInfo }) {
  const { t } = useTranslation();
  return (
    <dl className="hardware" aria-label={t('models.hardware.title')}>
      {hardwareLines(hardware, t).map(({ term, value }) => (
        <div key={term} className="hardware__row">
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
