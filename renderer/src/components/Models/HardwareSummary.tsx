import type { HardwareInfo } from '../../../../shared/models.js';
import { hardwareLines } from '../../lib/fitText.js';

/** This machine: GPU kind and names, VRAM, CPU and cores, RAM. */
export function HardwareSummary({ hardware }: { hardware: HardwareInfo }) {
  return (
    <dl className="hardware" aria-label="This computer">
      {hardwareLines(hardware).map(({ term, value }) => (
        <div key={term} className="hardware__row">
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
