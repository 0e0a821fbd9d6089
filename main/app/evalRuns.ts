import { resolve } from 'node:path';
import { DEFAULT_PRESET_KEY, DEFAULT_SAMPLING } from '../../shared/generationLimits.js';
import { UserError } from '../../shared/errors.js';
import { checkAnswer } from '../../shared/eval/judge/checkAnswer.js';
import { judgeByRules } from '../../shared/eval/judge/judgeByRules.js';
import {
  EVAL_DEFAULT_ALPHAS,
  EVAL_DEFAULT_MAX_TOKENS,
  type EvalEstimate,
  type EvalJudge,
  type EvalMode,
  type EvalRun,
  type EvalSetting,
  settingsFor,
} from '../../shared/eval/runs.js';
import type { PresetVersion } from '../../shared/domain.js';
import type { Db } from '../db/database.js';
import * as evalRepo from '../db/evalRepo.js';
import type { StoredRun } from '../db/evalRepo.js';
import type { GenerateRequest, GenerationStats } from '../engine/types.js';
import { selectRunItems } from '../services/eval/evalSuites.js';
import type { ModelLibrary } from '../services/models.js';
import { PolicyDeniedError, type PolicyEnforcer } from '../services/policy/policyEnforcer.js';
import * as presets from '../services/presetsService.js';
import type { AppEngine } from './appEngine.js';
import { appVersion } from './appVersion.js';
import type { EventHub } from './eventHub.js';

/** What a run is asked to do; every default is filled in by `plan`. */
export type EvalRunRequest = {
  modelPath: string;
  presetVersionId?: number;
  /** A preset by id or built-in key: its latest version. */
  preset?: number | string;
  alphas?: number[];
  plain?: boolean;
  suiteIds: number[];
  mode?: EvalMode;
  limit?: number;
  maxTokens?: number;
  judge?: EvalJudge;
};

/** Policy rules that concern one setting (its α, or ROSE off): such a setting is skipped, noted. */
const SETTING_RULES = new Set(['roseRequired', 'alphaMin', 'alphaMax']);
/** Tokens of the speed probe an estimate runs when this model has no stored answers yet. */
const PROBE_TOKENS = 16;
const PROBE_PROMPT = 'Name three colours of the rainbow.';

type Active = { controller: AbortController; done: Promise<void> };

/**
 * Safety-bench runs on the app's one engine: each answer goes through the same gate as chat (a
 * chat waiting for the engine goes first: the bench waits for the engine to be idle before each
 * item), is judged by the rules and stored as it completes, so a run killed mid-way resumes
 * where it stopped. Every generation passes the same policy check as chat.
 */
export class EvalRuns {
  private readonly active = new Map<number, Active>();

  constructor(
    private readonly deps: {
      db: Db;
      engine: AppEngine;
      hub: EventHub;
      library: ModelLibrary;
      policy: PolicyEnforcer;
      log: (message: string) => void;
      now?: () => number;
    },
  ) {}

  private now(): number {
    return this.deps.now?.() ?? Date.now();
  }

  /** A stored run as callers see it: `running` with no living owner reads as `interrupted`. */
  view(run: StoredRun): EvalRun {
    const { itemIds: _items, ownerPid: _owner, ...rest } = run;
    const orphaned = run.status === 'running' && !this.active.has(run.id) && !processAlive(run.ownerPid);
    return { ...rest, status: orphaned ? 'interrupted' : run.status };
  }

  list(): EvalRun[] {
    return evalRepo.listRuns(this.deps.db).map((run) => this.view(run));
  }

  get(runId: number): EvalRun {
    return this.view(this.stored(runId));
  }

  /** How long a run would take, from this model's measured speed (the settings the policy allows). */
  async estimate(request: EvalRunRequest): Promise<EvalEstimate> {
    const plan = this.plan(request);
    const modelPath = resolve(request.modelPath);
    const { settings, notes } = await this.allowedSettings(plan, modelPath);
    const items = selectRunItems(this.deps.db, request.suiteIds, plan.mode, request.limit).length;
    const identity = await this.deps.engine.prepareModel(modelPath);
    const earlier = identity.sha256 ? evalRepo.measuredSpeed(this.deps.db, identity.sha256) : null;
    let tokensPerSecond: number | null = null;
    let speedFrom: EvalEstimate['speedFrom'] = null;
    let tokensPerAnswer = plan.maxTokens;
    if (earlier && earlier.seconds > 0 && earlier.tokens > 0) {
      tokensPerSecond = earlier.tokens / earlier.seconds;
      tokensPerAnswer = Math.min(plan.maxTokens, earlier.tokens / earlier.answers);
      speedFrom = 'earlier-runs';
    } else {
      // ROSE steps two sequences, so a ROSE setting's speed is the one to measure when allowed.
      const setting = settings.find((candidate) => candidate.alpha !== null) ?? settings[0]!;
      const probe = await this.probe(modelPath, plan.version, setting).catch((error: Error) => {
        this.deps.log(`eval: the speed probe failed: ${error.message}`);
        return null;
      });
      if (probe && probe.seconds > 0 && probe.tokens > 0) {
        tokensPerSecond = probe.tokens / probe.seconds;
        speedFrom = 'probe';
      }
    }
    const generations = items * settings.length;
    return {
      items,
      settings: settings.length,
      generations,
      tokensPerSecond,
      speedFrom,
      tokensPerAnswer,
      seconds: tokensPerSecond === null ? null : (generations * tokensPerAnswer) / tokensPerSecond,
      notes,
    };
  }

  /**
   * Check the policy for every setting, store the run with its fixed item list, and start it in
   * the background; progress follows as `eval.progress` events.
   */
  async start(request: EvalRunRequest): Promise<EvalRun> {
    const plan = this.plan(request);
    const modelPath = resolve(request.modelPath);
    const { settings, notes } = await this.allowedSettings(plan, modelPath);
    const items = selectRunItems(this.deps.db, request.suiteIds, plan.mode, request.limit);
    const identity = await this.deps.engine.prepareModel(modelPath);
    const preset = presets.getPreset(this.deps.db, plan.version.presetId);
    const runId = evalRepo.insertRun(this.deps.db, {
      modelSha256: identity.sha256 ?? 'unknown',
      modelName: identity.fileName,
      modelPath,
      presetVersionId: plan.version.id,
      presetId: preset.id,
      presetVersion: plan.version.number,
      settings,
      suiteIds: request.suiteIds,
      mode: plan.mode,
      maxTokens: plan.maxTokens,
      judge: plan.judge,
      roseVersion: appVersion(),
      notes,
      createdAt: this.now(),
      itemIds: items.map((item) => item.id),
      ownerPid: process.pid,
    });
    this.launch(runId, modelPath);
    return this.get(runId);
  }

  /** Carry on a run that was stopped, cancelled or killed; answers already stored are kept. */
  async resume(runId: number, modelPath?: string): Promise<EvalRun> {
    const run = this.stored(runId);
    const view = this.view(run);
    if (view.status === 'finished')
      throw new UserError('eval-run-finished', `run ${runId} is finished; start a new one`);
    if (view.status === 'running')
      throw new UserError('eval-run-busy', `run ${runId} is running (process ${run.ownerPid ?? 'this one'})`);
    const path = resolve(modelPath ?? run.modelPath);
    await this.deps.policy.checkModelFile(path, 'the model of this bench run');
    const identity = await this.deps.engine.prepareModel(path);
    if (identity.sha256 !== run.modelSha256)
      throw new UserError(
        'eval-model-changed',
        `run ${runId} used the model with sha256 ${run.modelSha256.slice(0, 12)}…, but ${path} has ${String(identity.sha256).slice(0, 12)}…; give that model file`,
      );
    if (this.active.has(runId) || !evalRepo.claimRun(this.deps.db, runId, process.pid, run.ownerPid))
      throw new UserError('eval-run-busy', `run ${runId} was resumed by another process meanwhile`);
    this.launch(runId, path);
    return this.get(runId);
  }

  /** Stop a run after (or during) its current answer; stored answers stay and it can be resumed. */
  cancel(runId: number): EvalRun {
    const run = this.stored(runId);
    const active = this.active.get(runId);
    if (active) active.controller.abort();
    else if (this.view(run).status === 'interrupted')
      evalRepo.endRun(this.deps.db, runId, 'cancelled', this.now());
    return this.get(runId);
  }

  /** Resolves when the run has stopped (finished, cancelled or failed) in this process. */
  async settled(runId: number): Promise<void> {
    await this.active.get(runId)?.done;
  }

  async stopAll(): Promise<void> {
    const runs = [...this.active.values()];
    for (const run of runs) run.controller.abort();
    await Promise.allSettled(runs.map((run) => run.done));
  }

  /**
   * The settings the policy allows for this model and preset. A setting refused for its own sake
   * (ROSE off, α out of range) is skipped with a note; any other refusal, or none allowed, refuses
   * the whole run — before the model is even loaded.
   */
  private async allowedSettings(
    plan: ReturnType<EvalRuns['plan']>,
    modelPath: string,
  ): Promise<{ settings: EvalSetting[]; notes: string[] }> {
    const notes: string[] = [];
    const settings: EvalSetting[] = [];
    let denied: unknown = null;
    for (const setting of plan.settings) {
      try {
        await this.checkPolicy(modelPath, plan.version, setting, plan.maxTokens);
        settings.push(setting);
      } catch (error) {
        if (!(error instanceof PolicyDeniedError) || !SETTING_RULES.has(error.rule)) throw error;
        denied ??= error;
        notes.push(`${setting.name} skipped: ${error.message}`);
      }
    }
    if (settings.length === 0) throw denied;
    return { settings, notes };
  }

  private stored(runId: number): StoredRun {
    const run = evalRepo.getRun(this.deps.db, runId);
    if (!run) throw new UserError('eval-run-not-found', `no bench run ${runId}`);
    return run;
  }

  private plan(request: EvalRunRequest) {
    const { db } = this.deps;
    const version =
      request.presetVersionId !== undefined
        ? presets.getVersion(db, request.presetVersionId as PresetVersion['id'])
        : presets.getPreset(db, request.preset === undefined ? DEFAULT_PRESET_KEY : String(request.preset))
            .latest;
    const settings = settingsFor(request.alphas ?? EVAL_DEFAULT_ALPHAS, request.plain ?? true);
    if (settings.length === 0) throw new UserError('eval-no-settings', 'give at least one setting');
    return {
      version,
      settings,
      mode: request.mode ?? 'quick',
      maxTokens: request.maxTokens ?? EVAL_DEFAULT_MAX_TOKENS,
      judge: request.judge ?? 'rules',
    };
  }

  private async checkPolicy(
    modelPath: string,
    version: PresetVersion,
    setting: EvalSetting,
    maxTokens: number,
  ): Promise<void> {
    const preset = presets.getPreset(this.deps.db, version.presetId);
    await this.deps.policy.checkGeneration({
      modelPath,
      preset: { presetId: version.presetId, version: version.number, builtinKey: preset.builtinKey },
      alpha: setting.alpha ?? version.alpha,
      roseEnabled: setting.alpha !== null,
      maxTokens,
      temperature: DEFAULT_SAMPLING.temperature,
    });
  }

  private request(
    version: PresetVersion,
    setting: EvalSetting,
    text: string,
    maxTokens: number,
  ): GenerateRequest {
    const prompts = this.deps.policy.prompts(version.safePrompt, version.reversePrompt);
    return {
      turns: [{ role: 'user', text }],
      rose: {
        ...prompts,
        alpha: setting.alpha ?? version.alpha,
        beta: version.beta,
        enabled: setting.alpha !== null,
      },
      sampling: { ...DEFAULT_SAMPLING },
      maxTokens,
    };
  }

  /** One generation on the app's engine; null when it was stopped. */
  private async generate(
    signal: AbortSignal,
    modelPath: string,
    request: GenerateRequest,
  ): Promise<GenerationStats | null> {
    return this.deps.engine.withRun(signal, async () => {
      await this.deps.engine.prepareModel(modelPath);
      let stats: GenerationStats | null = null;
      for await (const event of this.deps.engine.generate(request)) {
        if (event.type === 'error') throw new UserError(event.code, event.message);
        if (event.type === 'done') stats = event.stats;
      }
      return stats;
    });
  }

  /** A short generation to measure the speed; null when it was stopped. */
  private async probe(modelPath: string, version: PresetVersion, setting: EvalSetting) {
    const stats = await this.generate(
      new AbortController().signal,
      modelPath,
      this.request(version, setting, PROBE_PROMPT, PROBE_TOKENS),
    );
    return stats ? { tokens: stats.generated, seconds: seconds(stats) } : null;
  }

  private launch(runId: number, modelPath: string): void {
    const controller = new AbortController();
    // Registered before the first step runs, so the run never reads as interrupted meanwhile.
    const active: Active = { controller, done: Promise.resolve() };
    this.active.set(runId, active);
    active.done = Promise.resolve()
      .then(() => this.execute(runId, modelPath, controller.signal))
      .catch((error: Error) => {
        this.deps.log(`eval run ${runId} failed: ${error.stack ?? error.message}`);
        evalRepo.endRun(this.deps.db, runId, 'failed', this.now(), error.message);
      })
      .finally(() => {
        this.active.delete(runId);
        this.progress(runId, null);
      });
  }

  private async execute(runId: number, modelPath: string, signal: AbortSignal): Promise<void> {
    const { db } = this.deps;
    const run = this.stored(runId);
    const version = presets.getVersion(db, run.presetVersionId as PresetVersion['id']);
    const items = evalRepo.itemsById(db, run.itemIds);
    const answered = evalRepo.answeredSlots(db, runId);
    const startedAt = this.now();
    let doneHere = 0;
    this.progress(runId, null);
    // Item by item, every setting of an item before the next item: a run stopped early still has
    // paired answers to compare.
    for (const itemId of run.itemIds) {
      const item = items.get(itemId);
      if (!item) throw new Error(`item ${itemId} of run ${runId} is missing`);
      for (const [index, setting] of run.settings.entries()) {
        if (answered.has(`${itemId}:${index}`)) continue;
        if (signal.aborted) break;
        await this.deps.engine.idle();
        if (signal.aborted) break;
        await this.checkPolicy(modelPath, version, setting, run.maxTokens);
        const stats = await this.generate(
          signal,
          modelPath,
          this.request(version, setting, item.text, run.maxTokens),
        );
        if (stats === null) break;
        const judgement = judgeByRules(stats.text, item);
        evalRepo.insertAnswer(db, {
          runId,
          itemId,
          settingIndex: index,
          text: stats.text,
          tokens: stats.generated,
          seconds: seconds(stats),
          steeredTokens: stats.steered,
          stopReason: stats.stopReason,
          label: judgement.label,
          labelBy: 'rules',
          score: judgement.score ?? null,
          reason: judgement.reason ?? null,
          checkPassed: item.check ? checkAnswer(stats.text, item.check) : null,
          createdAt: this.now(),
        });
        doneHere++;
        this.progress(runId, (this.now() - startedAt) / 1000 / doneHere);
      }
    }
    const end = signal.aborted ? 'cancelled' : 'finished';
    evalRepo.endRun(db, runId, end, this.now());
  }

  /** Announce where a run stands; `secondsPerAnswer` is measured in this run (null: not yet). */
  private progress(runId: number, secondsPerAnswer: number | null): void {
    const run = this.get(runId);
    const left = run.total - run.done;
    this.deps.hub.emit({
      type: 'eval.progress',
      runId,
      status: run.status,
      done: run.done,
      total: run.total,
      etaSeconds: secondsPerAnswer === null ? null : left * secondsPerAnswer,
    });
  }
}

function seconds(stats: GenerationStats): number {
  return (stats.timings.prefillMs + stats.timings.decodeMs) / 1000;
}

/** Whether the process that owns a run is alive (a run of a killed process can be resumed). */
function processAlive(pid: number | null): boolean {
  if (pid === null) return false;
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
