import type { FamilyProvider } from './policyService.js';

/**
 * The family lock's state for a data folder. Until the family service is wired in here, there is
 * no family lock (no child mode, no family values); every caller (createRose, `rose generate`)
 * asks this one function, so wiring it once covers every transport.
 */
export function familyProviderFor(_dataDir: string): FamilyProvider {
  return () => ({ childMode: false, tampered: false, values: {} });
}
