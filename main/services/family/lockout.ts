import { FREE_ATTEMPTS, LOCKOUT_MINUTES } from '../../../shared/familyLimits.js';

export { FREE_ATTEMPTS, LOCKOUT_MINUTES } from '../../../shared/familyLimits.js';

/** How long to lock after the `failures`-th wrong attempt in a row (0: not locked). */
export function lockoutMsAfter(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0;
  const index = Math.min(failures - FREE_ATTEMPTS, LOCKOUT_MINUTES.length - 1);
  return LOCKOUT_MINUTES[index]! * 60_000;
}
