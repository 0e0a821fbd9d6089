import { z } from 'zod';
import { policyKeys, settingOf } from '../../../../shared/policy/declaration.js';

/** A JSON Schema for one managed policy file (`*.json`), every declared setting optional. */
export function policyJsonSchema(): string {
  const shape = Object.fromEntries(
    policyKeys.map((key) => {
      const setting = settingOf(key);
      return [
        key,
        (setting.schema as z.ZodType).optional().describe(`${setting.title}. ${setting.description}`),
      ];
    }),
  );
  const schema = z.toJSONSchema(z.strictObject(shape), { io: 'input' });
  return `${JSON.stringify({ ...schema, $id: 'https://rose.app/schemas/policy.json', title: 'Rose managed policy' }, null, 2)}\n`;
}
