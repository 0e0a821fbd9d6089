import { policyAdml, policyAdmx } from './admx.js';
import { policyDocs } from './docsTable.js';
import { policyJsonSchema } from './jsonSchema.js';
import { policyMobileconfig } from './mobileconfig.js';

/** Every admin template, by `rose policy template --format` name, with the file it is committed as. */
export const policyTemplates = {
  'json-schema': { file: 'assets/policy/rose-policy.schema.json', render: policyJsonSchema },
  admx: { file: 'assets/policy/rose.admx', render: policyAdmx },
  adml: { file: 'assets/policy/en-US/rose.adml', render: policyAdml },
  mobileconfig: { file: 'assets/policy/rose.mobileconfig', render: policyMobileconfig },
  docs: { file: 'docs/policy.md', render: policyDocs },
} as const;

export type PolicyTemplateFormat = keyof typeof policyTemplates;
