import { type PolicyKey, policyKeys, settingOf } from '../../../../shared/policy/declaration.js';

/**
 * The Group Policy templates: `rose.admx` (definitions) and `en-US/rose.adml` (its words). Every
 * setting writes under `SOFTWARE\Policies\Rose` the value the registry reader expects: booleans
 * and whole numbers as REG_DWORD, other numbers, text and JSON as REG_SZ, lists as a subkey of
 * numbered values.
 */
const KEY = 'SOFTWARE\\Policies\\Rose';

const xml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function policyElement(key: PolicyKey): string {
  const setting = settingOf(key);
  const head = `    <policy name="${key}" class="Both" displayName="$(string.${key})" explainText="$(string.${key}_Help)" key="${KEY}"`;
  const tail = `      <parentCategory ref="Rose" />\n      <supportedOn ref="SUPPORTED_Rose" />`;
  if (setting.kind === 'boolean')
    return `${head} valueName="${key}">\n${tail}\n      <enabledValue><decimal value="1" /></enabledValue>\n      <disabledValue><decimal value="0" /></disabledValue>\n    </policy>`;
  let element: string;
  switch (setting.kind) {
    case 'integer':
      element = `<decimal id="${key}" valueName="${key}" minValue="${setting.range?.min ?? 0}" maxValue="${setting.range?.max ?? 4294967295}" />`;
      break;
    case 'enum':
      element = `<enum id="${key}" valueName="${key}">\n${(setting.options ?? [])
        .map(
          (option) =>
            `          <item displayName="$(string.${key}_${option})"><value><string>${option}</string></value></item>`,
        )
        .join('\n')}\n        </enum>`;
      break;
    case 'list':
      element = `<list id="${key}" key="${KEY}\\${key}" valuePrefix="" />`;
      break;
    default:
      element = `<text id="${key}" valueName="${key}" maxLength="32000" />`;
  }
  return `${head}>\n${tail}\n      <elements>\n        ${element}\n      </elements>\n    </policy>`;
}

export function policyAdmx(): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<!-- Generated from shared/policy/declaration.ts by \`rose policy template --format admx\`; do not edit. -->
<policyDefinitions xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" revision="1.0" schemaVersion="1.0" xmlns="http://schemas.microsoft.com/GroupPolicy/2006/07/PolicyDefinitions">
  <policyNamespaces>
    <target prefix="rose" namespace="App.Rose.Policies" />
  </policyNamespaces>
  <resources minRequiredRevision="1.0" />
  <supportedOn>
    <definitions>
      <definition name="SUPPORTED_Rose" displayName="$(string.SUPPORTED_Rose)" />
    </definitions>
  </supportedOn>
  <categories>
    <category name="Rose" displayName="$(string.Rose)" />
  </categories>
  <policies>
${policyKeys.map(policyElement).join('\n')}
  </policies>
</policyDefinitions>
`;
}

function presentation(key: PolicyKey): string {
  const setting = settingOf(key);
  const label = `<label>${xml(setting.title)}</label>`;
  switch (setting.kind) {
    case 'boolean':
      return '';
    case 'integer':
      return `      <presentation id="${key}"><decimalTextBox refId="${key}" defaultValue="${Number(setting.default ?? 0)}">${xml(setting.title)}</decimalTextBox></presentation>`;
    case 'enum':
      return `      <presentation id="${key}"><dropdownList refId="${key}" defaultItem="${(setting.options ?? []).indexOf(String(setting.default))}">${xml(setting.title)}</dropdownList></presentation>`;
    case 'list':
      return `      <presentation id="${key}"><listBox refId="${key}">${xml(setting.title)}</listBox></presentation>`;
    default:
      return `      <presentation id="${key}"><textBox refId="${key}">${label}</textBox></presentation>`;
  }
}

export function policyAdml(): string {
  const strings = policyKeys.flatMap((key) => {
    const setting = settingOf(key);
    return [
      `      <string id="${key}">${xml(setting.title)}</string>`,
      `      <string id="${key}_Help">${xml(setting.description)}</string>`,
      ...(setting.options ?? []).map(
        (option) => `      <string id="${key}_${option}">${xml(option)}</string>`,
      ),
    ];
  });
  return `<?xml version="1.0" encoding="utf-8"?>
<!-- Generated from shared/policy/declaration.ts by \`rose policy template --format adml\`; do not edit. -->
<policyDefinitionResources xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" revision="1.0" schemaVersion="1.0" xmlns="http://schemas.microsoft.com/GroupPolicy/2006/07/PolicyDefinitions">
  <displayName>Rose</displayName>
  <description>Managed policy for Rose, the offline assistant with ROSE decoding.</description>
  <resources>
    <stringTable>
      <string id="Rose">Rose</string>
      <string id="SUPPORTED_Rose">Rose 0.1 and later</string>
${strings.join('\n')}
    </stringTable>
    <presentationTable>
${policyKeys.map(presentation).filter(Boolean).join('\n')}
    </presentationTable>
  </resources>
</policyDefinitionResources>
`;
}
