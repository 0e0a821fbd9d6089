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
`;
}
