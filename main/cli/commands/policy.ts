import { parseArgs } from 'node:util';
import type { PolicyView } from '../../../shared/contract/policy.js';
import { UserError } from '../../../shared/errors.js';
import { resolveDataDir } from '../../services/dataDir.js';
import { familyProviderFor } from '../../services/policy/familySource.js';
import { PolicyService } from '../../services/policy/policyService.js';
import { policyView } from '../../services/policy/policyView.js';
import { type PolicyTemplateFormat, policyTemplates } from '../../services/policy/templates/index.js';
import { dataDirOption, printJson } from '../store.js';

export const summary =
  'Managed policy: show (effective values and who set them), template --format json-schema|admx|adml|mobileconfig|docs.';

export const usage = `usage: rose policy show [--json] [--data-dir D] | rose policy template --format ${Object.keys(policyTemplates).join('|')}`;

/** Every flag `rose policy` takes; also listed by `rose policy --help`. */
export const options = { ...dataDirOption, json: { type: 'boolean' }, format: { type: 'string' } } as const;

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options });
  switch (positionals[0]) {
    case 'show': {
      const dataDir = resolveDataDir(values['data-dir']);
      const view = policyView(await new PolicyService({ family: familyProviderFor(dataDir) }).reload());
      if (values.json) printJson(view);
      else process.stdout.write(formatView(view));
      return 0;
    }
    case 'template': {
      const format = values.format as PolicyTemplateFormat | undefined;
      if (!format || !Object.hasOwn(policyTemplates, format)) throw new UserError('bad-flag', usage);
      process.stdout.write(policyTemplates[format].render());
      return 0;
    }
    default:
      throw new UserError('bad-argument', usage);
  }
}

function formatView(view: PolicyView): string {
  const lines = view.settings.map(
    (s) =>
      `${s.key.padEnd(22)} ${JSON.stringify(s.value).padEnd(24)} ${s.setBy}${s.origin ? ` (${s.origin})` : ''}`,
  );
  const sources = view.sources.length
    ? view.sources.map((s) => `  ${s.status.padEnd(15)} ${s.origin}${s.problem ? ` — ${s.problem}` : ''}`)
    : ['  none (no managed policy on this machine)'];
  const problems = view.problems.map((p) => `  ${p.origin}${p.key ? ` ${p.key}` : ''}: ${p.problem}`);
  return [
    ...lines,
    '',
    'Sources:',
    ...sources,
    ...(problems.length ? ['', 'Problems:', ...problems] : []),
    ...(view.childMode ? ['', 'Child mode is on.'] : []),
    '',
  ].join('\n');
}
