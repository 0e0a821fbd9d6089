/**
 * IPC names that are not contract channels. Outside the `app:<domain>.<verb>` namespace on
 * purpose, so no contract channel can ever collide with them.
 */

/** Main → window: one app event (a `RoseEvent`) per message. */
export const EVENT_CHANNEL = 'rose:event';
