import type { PolicyProblem, PolicySourceKind } from '../policy/merge.js';
import { channel } from './channel.js';
import { noInput } from './fields.js';

/** A policy source as read: a file, a property list or a registry key. */
export type PolicySourceReport = {
  origin: string;
  kind: 'managed' | 'recommended';
  /**
   * `kept-last-good`: broken now, its previous contents still apply; `failed-closed`: broken and
   * never read well, so it counts as every restriction at its tightest; `untrusted`: writable by
   * non-admins, ignored.
   */
  status: 'ok' | 'malformed' | 'untrusted' | 'kept-last-good' | 'failed-closed';
  problem?: string;
};

/** One setting on the Policy page and in `rose policy show`. */
export type PolicySettingView = {
  key: string;
  title: string;
  value: unknown;
  source: PolicySourceKind | 'default';
  locked: boolean;
  /** "Managed by …", "Set by a parent", "Your choice", "Default". */
  setBy: string;
  origin: string | null;
};

export type PolicyView = {
  settings: PolicySettingView[];
  sources: PolicySourceReport[];
  problems: PolicyProblem[];
  childMode: boolean;
  loadedAt: string | null;
};

/** The effective policy (managed, family, user) and where each value came from. */
export const policyChannels = {
  'app:policy.get': channel<PolicyView>()(noInput),
  /** Read the policy files (registry, managed preferences) again now. */
  'app:policy.reload': channel<PolicyView>()(noInput),
};
