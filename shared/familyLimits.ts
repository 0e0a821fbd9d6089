/**
 * The family lock's numbers, defined once: the main process enforces them, the window and the
 * docs say them.
 */

/** Wrong PINs allowed before the first lockout. */
export const FREE_ATTEMPTS = 5;
/** Each lockout after the free attempts, in minutes; the last one repeats. */
export const LOCKOUT_MINUTES = [1, 5, 15, 60] as const;
/** A parent session ends after this many minutes without a parent action. */
export const PARENT_IDLE_MINUTES = 5;
/** A PIN is at least this many digits; a passphrase (the alternative) at least this many characters. */
export const PIN_MIN_DIGITS = 6;
export const PASSPHRASE_MIN_CHARS = 12;
