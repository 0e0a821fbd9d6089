import type { evalChannels, ParsedRequestOf } from '../../../shared/contract/index.js';
import { resolve } from 'node:path';
import { UserError } from '../../../shared/errors.js';
import { expandHome } from '../../files/expandHome.js';
import { buildReport } from '../../../shared/eval/report.js';
import type { Db } from '../../db/database.js';
import * as evalRepo from '../../db/evalRepo.js';
import { importSuite, resolveSuite, syncBuiltinSuites } from '../../services/eval/evalSuites.js';
import { exportRun } from '../../services/eval/reportExport.js';
import type { ModelLibrary } from '../../services/models.js';
import type { EvalGuards } from '../evalGuards.js';
import type { EvalRunRequest, EvalRuns } from '../evalRuns.js';
import type { ChannelImpls } from '../handlerTypes.js';

export type EvalHandlerDeps = {
  db: Db;
  runs: EvalRuns;
  guards: EvalGuards;
  library: ModelLibrary;
  /** The loaded model's file, else the one given at start; null when there is none. */
  defaultModelPath: () => string | null;
};

export function evalHandlers(deps: EvalHandlerDeps): ChannelImpls<keyof typeof evalChannels> {
  const { db, runs } = deps;
  // The built-in suites are stored the first time the bench is used, not on every start.
  let synced = false;
  const ready = () => {
    if (!synced) syncBuiltinSuites(db);
    synced = true;
  };

  async function runRequest(input: ParsedRequestOf<'app:eval.start'>): Promise<EvalRunRequest> {
    ready();
    const modelPath = input.modelId ? (await deps.library.get(input.modelId)).path : deps.defaultModelPath();
    if (!modelPath) throw new UserError('no-model', 'no model is loaded: choose a model for the bench run');
    return {
      modelPath,
      presetVersionId: input.presetVersionId,
      preset: input.preset,
      alphas: input.alphas,
      plain: input.plain,
      suiteIds: [...new Set(input.suites.map((ref) => resolveSuite(db, ref).id))],
      mode: input.mode,
      limit: input.limit,
      maxTokens: input.maxTokens,
      judge: input.judge,
    };
  }

  function report(runId: number) {
    const run = runs.get(runId);
    const answers = evalRepo.runAnswers(db, runId);
    return { report: buildReport(run, answers), answers };
  }

  return {
    'app:eval.suites': () => {
      ready();
      return evalRepo.listSuites(db);
    },
    'app:eval.import': (input) => {
      ready();
      return importSuite(db, input);
    },
    'app:eval.estimate': async (input) => runs.estimate(await runRequest(input)),
    'app:eval.start': async (input) => runs.start(await runRequest(input)),
    'app:eval.resume': async ({ runId, modelId }) =>
      runs.resume(runId, modelId ? (await deps.library.get(modelId)).path : undefined),
    'app:eval.cancel': ({ runId }) => runs.cancel(runId),
    'app:eval.runs': () => runs.list(),
    'app:eval.report': ({ runId }) => report(runId),
    'app:eval.export': ({ runId, format }) => {
      const { report: built, answers } = report(runId);
      const extension = format === 'json' ? 'report.json' : format;
      return { fileName: `rose-bench-run-${runId}.${extension}`, text: exportRun(format, built, answers) };
    },
    'app:eval.guard': async (input) =>
      deps.guards.start(input.runId, await guardModelPath(deps.library, input)),
    'app:eval.relabel': ({ answerId, label }) => {
      const runId = evalRepo.answerRunId(db, answerId);
      if (runId === undefined) throw new UserError('eval-answer-not-found', `no bench answer ${answerId}`);
      evalRepo.setPersonLabel(db, answerId, label);
      return evalRepo.runAnswers(db, runId).find((answer) => answer.id === answerId)!;
    },
  };
}

/**
 * The guard model's file: a registered model's, or the path given (on this machine; `~` is the
 * home folder). The policy check and the service both read it from here.
 */
export async function guardModelPath(
  library: ModelLibrary,
  { modelId, path }: { modelId?: string; path?: string },
): Promise<string> {
  return modelId !== undefined ? (await library.get(modelId)).path : resolve(expandHome(path!));
}
