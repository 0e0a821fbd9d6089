import type { AuditEntryView, AuditExportFormat } from '../../../shared/contract/audit.js';

/** CEF severities (0–10): refusals and lockouts stand out in a SIEM; the rest is routine. */
const severity: Record<string, number> = {
  'policy.denied': 5,
  'policy.rejected': 6,
  'pin.failed': 4,
  'pin.lockout': 7,
  'pin.recovered': 6,
  'family.changed': 3,
  'child-mode.off': 3,
};

/** The whole log in one of the export formats, oldest first. */
export function exportAudit(entries: readonly AuditEntryView[], format: AuditExportFormat, version: string) {
  switch (format) {
    case 'jsonl':
      return entries.map((e) => `${JSON.stringify(e)}\n`).join('');
    case 'csv':
      return [
        'seq,at,type,actor,transport,detail,content\n',
        ...entries.map(
          (e) =>
            `${[
              String(e.seq),
              e.at,
              e.type,
              e.actor,
              e.transport ?? '',
              JSON.stringify(e.detail),
              e.content ? JSON.stringify(e.content) : '',
            ]
              .map(csvField)
              .join(',')}\n`,
        ),
      ].join('');
    case 'cef':
      return entries.map((e) => `${cefLine(e, version)}\n`).join('');
  }
}

function csvField(value: string): string {
  // A leading = + - @ would be run as a formula by spreadsheets; a quote-prefix keeps it text.
  const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

const cefHeader = (text: string) => text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|');
const cefValue = (text: string) => text.replace(/\\/g, '\\\\').replace(/=/g, '\\=').replace(/\r?\n/g, '\\n');

/** ArcSight Common Event Format: header fields `|`-separated, then key=value extensions. */
function cefLine(e: AuditEntryView, version: string): string {
  const extensions = [
    `rt=${Date.parse(e.at)}`,
    `suser=${cefValue(e.actor)}`,
    `cn1Label=seq cn1=${e.seq}`,
    ...(e.transport ? [`app=${cefValue(e.transport)}`] : []),
    `cs1Label=detail cs1=${cefValue(JSON.stringify(e.detail))}`,
    ...(e.content ? [`cs2Label=content cs2=${cefValue(JSON.stringify(e.content))}`] : []),
  ];
  return `CEF:0|Rose|Rose|${cefHeader(version)}|${cefHeader(e.type)}|${cefHeader(e.type)}|${severity[e.type] ?? 1}|${extensions.join(' ')}`;
}
