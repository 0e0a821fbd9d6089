// Rewrites the admin templates and docs/policy.md from the policy declaration (run after `tsc`).
// tests/unit/policyTemplates.test.ts fails when the committed files differ from what this writes.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { policyTemplates } = await import(join(root, 'dist/main/services/policy/templates/index.js'));
for (const { file, render } of Object.values(policyTemplates)) {
  mkdirSync(dirname(join(root, file)), { recursive: true });
  writeFileSync(join(root, file), render());
  console.log(`wrote ${file}`);
}
