import { folderAuditLog, folderWithDb, withoutPolicyReads } from '../audit/folderAuditLog.js';
import type { AuditSink } from '../audit/auditTypes.js';
import { folderChildUsage } from '../family/childUsage.js';
import { familyProviderFor } from './familySource.js';
import { ModelHashes } from './modelHashes.js';
import { PolicyEnforcer } from './policyEnforcer.js';
import { PolicyService, type PolicyServiceOptions } from './policyService.js';

/**
 * The policy for one data folder, read once: for commands that run a single request without the
 * whole app (`rose generate`). createRose composes the same pieces and keeps them watching.
 * Refusals go to the folder's audit log unless another sink is given.
 */
export async function loadPolicyEnforcer(
  dataDir: string,
  options: PolicyServiceOptions & { audit?: AuditSink } = {},
): Promise<PolicyEnforcer> {
  let service: PolicyService | null = null;
  const audit =
    options.audit ??
    withoutPolicyReads(folderAuditLog(dataDir, () => service?.current().values.auditLevel ?? 'metadata'));
  service = new PolicyService({
    ...options,
    family: options.family ?? familyProviderFor(dataDir),
    audit,
  });
  await service.reload();
  return new PolicyEnforcer(service, new ModelHashes(), audit, {
    transport: 'cli',
    usage: folderChildUsage(dataDir, folderWithDb(dataDir)),
  });
}
