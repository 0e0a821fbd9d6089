import { createHash } from 'node:crypto';
import { build } from 'plist';
import { policyKeys, settingOf } from '../../../../shared/policy/declaration.js';
import { MAC_BUNDLE_ID } from '../policyRoots.js';

/** A stable UUID from a name, so the generated profile is the same bytes every time. */
function uuidFor(name: string): string {
  const hex = createHash('sha256').update(`rose-policy-template:${name}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`.toUpperCase();
}

/**
 * A macOS configuration profile whose payload (type = Rose's bundle id) holds every setting at
 * its declared default; admins delete the keys they do not manage and tighten the rest. Settings
 * whose default is "not set" (null) are left out, since a property list has no null.
 */
export function policyMobileconfig(): string {
  const settings = Object.fromEntries(
    policyKeys.flatMap((key) => {
      const value = settingOf(key).default;
      return value === null ? [] : [[key, value]];
    }),
  );
  return build({
    PayloadContent: [
      {
        PayloadType: MAC_BUNDLE_ID,
        PayloadIdentifier: `${MAC_BUNDLE_ID}.policy`,
        PayloadUUID: uuidFor('payload'),
        PayloadVersion: 1,
        PayloadDisplayName: 'Rose policy',
        ...settings,
      },
    ],
    PayloadDisplayName: 'Rose managed policy',
    PayloadDescription:
      'Generated from shared/policy/declaration.ts by `rose policy template --format mobileconfig`.',
    PayloadIdentifier: `${MAC_BUNDLE_ID}.profile`,
    PayloadScope: 'System',
    PayloadType: 'Configuration',
    PayloadUUID: uuidFor('profile'),
    PayloadVersion: 1,
  } as never);
}
