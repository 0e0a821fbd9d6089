/** Wrong PINs allowed before the first lockout. */
export const FREE_ATTEMPTS = 5;
/** Each lockout after the free attempts, in minutes; the last one repeats. */
export const LOCKOUT_MINUTES = [1, 5, 15, 60] as const;

/** How long to lock after the `failures`-th wrong attempt in a row (0: not locked). */
export function lockoutMsAfter(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0;
  const index = Math.min(failures - FREE_ATTEMPTS, LOCKOUT_MINUTES.length - 1);
  return LOCKOUT_MINUTES[index]! * 60_000;
}
