import type { auditChannels } from '../../../shared/contract/index.js';
import type { AuditLog } from '../../services/audit/auditLog.js';
import { exportAudit } from '../../services/audit/auditExport.js';
import { appVersion } from '../appVersion.js';
import type { ChannelImpls } from '../handlerTypes.js';

/** The audit log's channels (in child mode the policy guard asks for a parent first). */
export function auditHandlers(audit: AuditLog): ChannelImpls<keyof typeof auditChannels> {
  return {
    'app:audit.list': ({ limit }) => audit.list(limit),
    'app:audit.verify': () => audit.verify(),
    'app:audit.export': ({ format }) => ({ format, text: exportAudit(audit.all(), format, appVersion()) }),
  };
}
