import { join } from 'node:path';

/** The bundle id macOS files managed preferences under (electron-builder's appId). */
export const MAC_BUNDLE_ID = 'app.rose.desktop';

/** Where managed policy is read from; every reader takes these so tests point them at temp folders. */
export type PolicyRoots = {
  /** Folders of `*.json` files that set a ceiling (admin-only). */
  managedDirs: string[];
  /**
   * Managed folders named by whoever starts Rose (`ROSE_POLICY_DIR`): files there may also belong
   * to the user running Rose, since merging only tightens — such a folder can add rules, never
   * remove one. Still ignored when writable by its group or everyone.
   */
  launchManagedDirs?: string[];
  /** Folders of `*.json` files with changeable defaults. */
  recommendedDirs: string[];
  /** macOS forced managed preferences (`.plist`, binary or XML). */
  managedPlists: string[];
  /** Windows registry keys, HKLM first. */
  registryKeys: string[];
};

/** The operating system's policy locations, plus `ROSE_POLICY_DIR` as one more managed folder. */
export function defaultPolicyRoots(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
): PolicyRoots {
  const roots: PolicyRoots = { managedDirs: [], recommendedDirs: [], managedPlists: [], registryKeys: [] };
  const base =
    platform === 'darwin'
      ? '/Library/Application Support/Rose/policies'
      : platform === 'win32'
        ? join(env.ProgramData ?? 'C:\\ProgramData', 'Rose', 'policies')
        : '/etc/rose/policies';
  roots.managedDirs.push(join(base, 'managed'));
  roots.recommendedDirs.push(join(base, 'recommended'));
  if (platform === 'darwin') {
    roots.managedPlists.push(`/Library/Managed Preferences/${MAC_BUNDLE_ID}.plist`);
    if (env.USER) roots.managedPlists.push(`/Library/Managed Preferences/${env.USER}/${MAC_BUNDLE_ID}.plist`);
  }
  if (platform === 'win32')
    roots.registryKeys.push('HKLM\\SOFTWARE\\Policies\\Rose', 'HKCU\\SOFTWARE\\Policies\\Rose');
  if (env.ROSE_POLICY_DIR) roots.launchManagedDirs = [env.ROSE_POLICY_DIR];
  return roots;
}
