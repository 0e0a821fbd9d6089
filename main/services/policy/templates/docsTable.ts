import { policyKeys, settingOf } from '../../../../shared/policy/declaration.js';
import { ruleDescriptions } from '../../../../shared/policy/rules.js';

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const show = (value: unknown) => (value === null ? 'not set' : `\`${JSON.stringify(value)}\``);

/** docs/policy.md: every declared setting, its default, how sources combine and what child mode sets. */
export function policyDocs(): string {
  const rows = policyKeys.map((key) => {
    const s = settingOf(key);
    const child = 'childValue' in s && s.childValue !== undefined ? show(s.childValue) : '';
    return `| \`${key}\` | ${cell(s.title)}: ${cell(s.description)} | ${show(s.default)} | ${ruleDescriptions[s.rule]} | ${s.kind === 'text' ? '' : show(s.mostRestrictive)} | ${child} |`;
  });
  return `# Managed policy settings

<!-- Generated from shared/policy/declaration.ts by \`rose policy template --format docs\`; do not edit. -->

Every setting an IT admin (managed policy) or a parent (family lock) can lock. Sources combine
tighten-only: managed policy → family lock → the user's own choice (or an admin's recommended
default). A lower source can make a setting stricter, never looser. A value of the wrong type or
outside its range counts as its most restrictive value. Templates: \`assets/policy/\`
(\`rose-policy.schema.json\`, \`rose.admx\` + \`en-US/rose.adml\`, \`rose.mobileconfig\`).

Where Rose reads managed policy:

| system | managed (a ceiling) | recommended (changeable defaults) |
|---|---|---|
| Linux | \`/etc/rose/policies/managed/*.json\` | \`/etc/rose/policies/recommended/*.json\` |
| macOS | \`/Library/Application Support/Rose/policies/managed/*.json\`, forced managed preferences for \`app.rose.desktop\` | \`…/policies/recommended/*.json\` |
| Windows | \`HKLM\\SOFTWARE\\Policies\\Rose\`, then \`HKCU\\SOFTWARE\\Policies\\Rose\`, \`%ProgramData%\\Rose\\policies\\managed\\*.json\` | \`%ProgramData%\\Rose\\policies\\recommended\\*.json\` |
| any | \`ROSE_POLICY_DIR\` (one more managed folder; it can only tighten) | |

On Linux and macOS a file (or its folder) that is not owned by root, or is writable by its group
or by everyone, is ignored and reported by \`rose policy show\`. A file that stops parsing keeps its
last good contents; one that never parsed counts as every restriction at its tightest.

| key | setting | default | sources combine | invalid counts as | child mode |
|---|---|---|---|---|---|
${rows.join('\n')}

## The audit log

Policy loads, changes and rejected files, every \`policy-denied\`, PIN set/changed/failed/locked
out, child mode on/off and family changes are written to the \`audit_log\` table of the data
folder's database (\`auditLevel\` chooses how much; prompt and reply text only at \`content\`).
The table is append-only (triggers refuse UPDATE and DELETE) and HMAC-chained: each entry carries
the MAC of the one before, and the key ratchets forward after every entry
(kₙ₊₁ = HMAC(kₙ, "ratchet"); kₙ is then gone). \`rose audit verify\` walks the chain from its first
key k₀ and reports the first broken link: a row deleted, reordered, edited or cut off the end is
reported at its own entry. \`rose audit export --format jsonl|csv|cef\` writes it out.

The honest limit: to verify, Rose keeps k₀ in the data folder's key file (\`rose.key\`,
owner-only). Someone who can read that file (the same OS account) can recompute a whole new chain;
what the ratchet stops is an intruder who has only the database (with its current key) from
rewriting the entries written before. For evidence that the person at the keyboard cannot touch,
copy the export off the machine regularly (a SIEM takes CEF), and run Rose under an account that
does not own the policy folders.
`;
}
