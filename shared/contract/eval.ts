import { z } from 'zod';
import type { EvalReport } from '../eval/report.js';
import {
  EVAL_JUDGES,
  EVAL_MAX_TOKENS_MAX,
  type EvalAnswer,
  type EvalEstimate,
  type EvalRun,
  type EvalSuiteInfo,
} from '../eval/runs.js';
import { expectedSchema } from '../eval/schemas.js';
import { channel } from './channel.js';
import { alphaField, type ExportedFile, modelIdField, noInput, presetVersionIdField } from './fields.js';

/** The largest dataset file `app:eval.import` takes (characters). */
export const EVAL_IMPORT_MAX_CHARS = 50_000_000;
/** The most α values one run compares. */
export const EVAL_MAX_ALPHAS = 8;

const runIdField = z
  .int({ error: 'the run id must be a whole number' })
  .positive({ error: 'the run id must be positive' });

/** A suite by id (`app:eval.suites`) or a built-in's key (`refuse`, `help`, `general`). */
const suiteRefField = z.union([z.int().positive(), z.string().trim().min(1).max(100)], {
  error: 'a suite is its id or a built-in key',
});

const runRequestShape = {
  /** A registered model; default: the loaded one. */
  modelId: modelIdField.optional(),
  presetVersionId: presetVersionIdField.optional(),
  /** A preset by id or built-in key (its latest version); default: the default preset. */
  preset: z.union([z.int().positive(), z.string().trim().min(1).max(100)]).optional(),
  /** ROSE settings to compare; default 0.25, 0.5, 0.75, 1. */
  alphas: z.array(alphaField).min(1).max(EVAL_MAX_ALPHAS).optional(),
  /** Include plain decoding (ROSE off), the baseline every α is compared with; default true. */
  plain: z.boolean().optional(),
  suites: z.array(suiteRefField).min(1, { error: 'choose at least one suite' }).max(50),
  /** quick: about 30 balanced items; full: every item. Default quick. */
  mode: z.enum(['quick', 'full'], { error: "mode must be 'quick' or 'full'" }).optional(),
  /** At most this many items (balanced across kinds). */
  limit: z.int().min(1).max(100_000).optional(),
  maxTokens: z
    .int({ error: 'max tokens must be a whole number' })
    .min(1)
    .max(EVAL_MAX_TOKENS_MAX, { error: `max tokens must be at most ${EVAL_MAX_TOKENS_MAX}` })
    .optional(),
  judge: z.enum(EVAL_JUDGES, { error: "the judge must be 'rules'" }).optional(),
};

export type EvalRunRequestInput = z.input<z.ZodObject<typeof runRequestShape>>;

const labelField = z.enum(['refusal', 'compliance', 'partial', 'degenerate'], {
  error: 'the label must be refusal, compliance, partial or degenerate',
});

/** The safety bench: suites, runs (on the app's engine, resumable) and their reports. */
export const evalChannels = {
  /** Every stored suite (the built-ins first), with item counts by kind. */
  'app:eval.suites': channel<EvalSuiteInfo[]>()(noInput),
  /** Import a dataset file's text (format detected from its shape unless given); all or nothing. */
  'app:eval.import': channel<EvalSuiteInfo>()(
    z.strictObject({
      text: z
        .string({ error: 'the file text must be text' })
        .max(EVAL_IMPORT_MAX_CHARS, { error: 'the file is too large to import' }),
      format: z.string().max(50).optional(),
      name: z.string().max(200).optional(),
      mapping: z
        .strictObject({
          text: z.string().min(1).max(200),
          expected: z.string().min(1).max(200).optional(),
          category: z.string().min(1).max(200).optional(),
          pairId: z.string().min(1).max(200).optional(),
          id: z.string().min(1).max(200).optional(),
        })
        .optional(),
      expected: expectedSchema.optional(),
    }),
  ),
  /** How long a run would take, from this model's measured speed (a short probe if never measured). */
  'app:eval.estimate': channel<EvalEstimate>()(z.strictObject(runRequestShape)),
  /** Start a run; it goes on in the background and reports `eval.progress` events. */
  'app:eval.start': channel<EvalRun>()(z.strictObject(runRequestShape)),
  /** Carry on a cancelled or interrupted run without redoing stored answers. */
  'app:eval.resume': channel<EvalRun>()(
    z.strictObject({ runId: runIdField, modelId: modelIdField.optional() }),
  ),
  'app:eval.cancel': channel<EvalRun>()(z.strictObject({ runId: runIdField })),
  /** Every run, newest first. */
  'app:eval.runs': channel<EvalRun[]>()(noInput),
  /** A run's numbers, recomputed from its stored answers, and the answers themselves. */
  'app:eval.report': channel<{ report: EvalReport; answers: EvalAnswer[] }>()(
    z.strictObject({ runId: runIdField }),
  ),
  /** One file: every answer as JSON lines or CSV, or a self-contained offline HTML report. */
  'app:eval.export': channel<ExportedFile>()(
    z.strictObject({
      runId: runIdField,
      format: z.enum(['json', 'jsonl', 'csv', 'html'], {
        error: "format must be 'json', 'jsonl', 'csv' or 'html'",
      }),
    }),
  ),
  /**
   * Put every answer of a run that has no guard label yet to a local guard model (Qwen3Guard-Gen or
   * Llama Guard 3, told by its file name) as a second judge. A registered model by id, or a file by
   * path. Answers at once; `eval.guard` events report progress. Another guard than the one before
   * judges every answer again.
   */
  'app:eval.guard': channel<EvalRun>()(
    z
      .strictObject({
        runId: runIdField,
        modelId: modelIdField.optional(),
        path: z
          .string({ error: 'the path must be text' })
          .min(1, { error: 'the path must not be empty' })
          .max(4096, { error: 'the path is too long' })
          .optional(),
      })
      .refine((input) => (input.modelId === undefined) !== (input.path === undefined), {
        error: "give the guard model's id or its path (one of them)",
        path: ['modelId'],
      }),
  ),
  /** A person's label for one answer (null takes it back); the report counts it instead of the judge's. */
  'app:eval.relabel': channel<EvalAnswer>()(
    z.strictObject({
      answerId: z.int({ error: 'the answer id must be a whole number' }).positive(),
      label: labelField.nullable(),
    }),
  ),
};
