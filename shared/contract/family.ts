import { z } from 'zod';
import { channel } from './channel.js';
import { noInput } from './fields.js';

/** The family lock as the Family page and `rose family status` show it. */
export type FamilyStatus = {
  /** A parent PIN (or passphrase) is set. */
  pinSet: boolean;
  childMode: boolean;
  /** The family record is missing or was altered: Rose is locked in child mode until a recovery. */
  tampered: boolean;
  /** A parent unlocked with the PIN; ends after 5 idle minutes or `family.lock`. */
  parentSession: boolean;
  /** While locked out after wrong PINs: when attempts are accepted again (ISO 8601). */
  lockedOutUntil: string | null;
  /** Wrong attempts still free before the next lockout. */
  attemptsLeft: number;
  /** The recovery code is still unused. */
  recoveryAvailable: boolean;
  /** The parent's own policy values (only ever tighten the managed policy). */
  values: Record<string, unknown>;
};

/** The parent's secret: a PIN (6+ digits, not an easy one) or a passphrase (12+ characters). */
const secretField = z
  .string({ error: 'the PIN must be text' })
  .min(1, { error: 'enter the PIN' })
  .max(200, { error: 'the PIN is too long' });

/** The family lock: a parent PIN, child mode, and the parent's own policy values. */
export const familyChannels = {
  'app:family.status': channel<FamilyStatus>()(noInput),
  /**
   * Set the PIN. The first time anyone may; to change it a parent session (or the current PIN)
   * is needed. The answer's recovery code is shown once and never again.
   */
  'app:family.setPin': channel<{ recoveryCode: string }>()(
    z.strictObject({ pin: secretField, currentPin: secretField.optional() }),
  ),
  /** Check the PIN and open a parent session. */
  'app:family.unlock': channel<FamilyStatus>()(z.strictObject({ pin: secretField })),
  /** End the parent session now. */
  'app:family.lock': channel<FamilyStatus>()(noInput),
  /** Turn child mode on or off (a parent session is needed; turning it on ends the session). */
  'app:family.setChildMode': channel<FamilyStatus>()(z.strictObject({ on: z.boolean() })),
  /** Set one of the parent's policy values, or remove it when `value` is left out. */
  'app:family.set': channel<FamilyStatus>()(
    z.strictObject({ key: z.string().min(1).max(100), value: z.unknown().optional() }),
  ),
  /** Use the one-time recovery code: opens a parent session so a new PIN can be set. */
  'app:family.recover': channel<FamilyStatus>()(z.strictObject({ code: z.string().min(1).max(100) })),
};
