import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { resolveDataDir } from '../../services/dataDir.js';
import { ModelLibrary } from '../../services/models.js';
import { defaultFitContextSize, ModelsFit } from '../../services/modelsFit.js';
import { numberFlag } from '../args.js';
import { formatReport } from '../modelsFormat.js';
import { dataDirOption, printJson } from '../store.js';

export const summary =
  'Show the GPU, CPU and RAM, and which models fit at a context size (--context N, --json).';

export const usage = 'usage: rose hardware [--context N] [--json] [--data-dir DIR]';

/** Every flag `rose hardware` takes; also listed by `rose hardware --help`. */
export const options = { ...dataDirOption, json: { type: 'boolean' }, context: { type: 'string' } } as const;

export async function run(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options,
  });
  const contextSize = numberFlag('context', values.context, defaultFitContextSize, {
    min: 256,
    max: 1_048_576,
    integer: true,
  });
  const library = new ModelLibrary({ dataDir: resolve(resolveDataDir(values['data-dir'])) });
  const report = await new ModelsFit(library).report(contextSize);
  if (values.json) printJson(report);
  else process.stdout.write(`${formatReport(report).join('\n')}\n`);
  return 0;
}
