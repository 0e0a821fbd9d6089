import { basename } from 'node:path';
import { RefusalError } from '../../../shared/errors.js';
import {
  BROKEN_MANAGED_PRESET,
  type PolicyKey,
  type PolicyValues,
  policySettings,
} from '../../../shared/policy/declaration.js';
import { type PresetRef, presetAllowed } from '../../../shared/policy/presetAllowlist.js';
import { isQuietTime } from '../../../shared/policy/quietHours.js';
import type { Refusal, RefusalReason } from '../../../shared/policy/refusal.js';
import type { AuditEntryInput, AuditSink } from '../audit/auditTypes.js';
import type { ChildUsage } from '../family/childUsage.js';
import type { ModelHashes } from './modelHashes.js';
import type { PolicySnapshot } from './policyService.js';

/** The code of every refusal by policy; its message names the rule and who set it. */
export const POLICY_DENIED = 'policy-denied';
/** The code of a child-mode time rule (quiet hours, daily limit): the window says "ask a parent". */
export const ASK_A_PARENT = 'ask-a-parent';

export class PolicyDeniedError extends RefusalError {
  constructor(message: string, refusal: Refusal) {
    super(POLICY_DENIED, message, refusal);
  }

  get rule(): PolicyKey {
    return this.refusal.rule;
  }
}

/** Why a rule refused, in parts; `what` is the same in English, for the log and the message. */
type Why = { reason: RefusalReason; what: string; params?: Refusal['params'] };

/** The settings that allow or forbid one feature. */
export type AllowKey = Exclude<
  { [K in PolicyKey]: PolicyValues[K] extends boolean ? K : never }[PolicyKey],
  'roseRequired'
>;

/** One generation as the engine would run it, after every default was filled in. */
export type GenerationCheck = {
  modelPath: string;
  /** The stored preset version used; null when the prompts came from flags or a file. */
  preset: PresetRef | null;
  alpha: number;
  roseEnabled: boolean;
  maxTokens: number;
  temperature: number;
};

export type Transport = NonNullable<AuditEntryInput['transport']>;

/**
 * The one policy check every transport's requests pass through (the channel guard and the chat,
 * compare and CLI generation paths call it). It never clamps: a request outside the policy is
 * refused with `policy-denied`, logged, and changes nothing.
 */
export class PolicyEnforcer {
  constructor(
    private readonly policy: { current(): PolicySnapshot },
    private readonly hashes: ModelHashes,
    private readonly audit: AuditSink,
    private readonly options: {
      /** Which transport carries this process's requests, for the audit log. */
      transport?: Transport | null;
      now?: () => Date;
      /** A child's use today, for the daily limit; without it the limit cannot be checked. */
      usage?: ChildUsage;
    } = {},
  ) {}

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  values(): PolicyValues {
    return this.policy.current().values;
  }

  /** Child mode is on (or the family record was altered). */
  childMode(): boolean {
    return this.policy.current().childMode;
  }

  /** Refuse, naming the rule and who set it, and log the refusal. */
  deny(rule: PolicyKey, why: Why, detail: Record<string, unknown> = {}): never {
    const { refusal, by } = this.record(rule, why, detail);
    const contact = refusal.contact ? ` Ask ${refusal.contact}.` : '';
    throw new PolicyDeniedError(
      `Refused by policy: ${why.what}. Rule "${policySettings[rule].title}", ${by}.${contact}`,
      refusal,
    );
  }

  /** Log a refusal; answers it in parts, and who set the rule in words for the English message. */
  private record(
    rule: PolicyKey,
    why: Why,
    detail: Record<string, unknown>,
  ): { refusal: Refusal; by: string } {
    const snapshot = this.policy.current();
    const setting = snapshot.settings[rule];
    this.audit.record({
      type: 'policy.denied',
      actor: 'user',
      transport: this.options.transport ?? null,
      detail: { rule, setBy: setting.setBy, origin: setting.origin, what: why.what, ...detail },
    });
    const refusal: Refusal = {
      rule,
      reason: why.reason,
      params: why.params ?? {},
      source: setting.source,
      org: snapshot.values.orgName,
      contact: snapshot.values.supportContact,
    };
    return { refusal, by: setting.setBy.charAt(0).toLowerCase() + setting.setBy.slice(1) };
  }

  requireAllowed(key: AllowKey, what: string): void {
    if (!this.values()[key]) this.deny(key, { reason: 'notAllowed', what: `${what} is not allowed` });
  }

  /** Whether a model file may be used or imported: by the sha256 of its bytes, never its name. */
  async checkModelFile(path: string, what = 'this model'): Promise<void> {
    const allowed = this.values().allowedModels;
    if (allowed === null) return;
    const sha256 = await this.hashes.sha256(path);
    if (!allowed.includes(sha256))
      this.deny(
        'allowedModels',
        {
          reason: 'modelNotAllowed',
          what: `${what} (${basename(path)}, sha256 ${sha256.slice(0, 12)}…) is not on the allowed list`,
          params: { file: basename(path) },
        },
        { sha256 },
      );
  }

  checkPreset(preset: PresetRef | null): void {
    const { allowedPresets } = this.values();
    if (allowedPresets === null) return;
    if (preset === null)
      this.deny('allowedPresets', {
        reason: 'promptsNotPreset',
        what: 'prompts that are not one of the allowed presets',
      });
    else if (!presetAllowed(allowedPresets, preset)) {
      const name = String(preset.builtinKey ?? preset.presetId);
      this.deny(
        'allowedPresets',
        {
          reason: 'presetNotAllowed',
          what: `preset ${name} version ${preset.version} is not allowed`,
          params: { preset: name, version: preset.version },
        },
        { presetId: preset.presetId, version: preset.version },
      );
    }
  }

  checkAlpha(alpha: number): void {
    const { alphaMin, alphaMax } = this.values();
    const params = (limit: number) => ({ value: alpha, limit });
    if (alpha < alphaMin)
      this.deny('alphaMin', {
        reason: 'alphaBelow',
        what: `α ${alpha} is below the minimum ${alphaMin}`,
        params: params(alphaMin),
      });
    if (alpha > alphaMax)
      this.deny('alphaMax', {
        reason: 'alphaAbove',
        what: `α ${alpha} is above the maximum ${alphaMax}`,
        params: params(alphaMax),
      });
  }

  checkRose(roseEnabled: boolean): void {
    if (!roseEnabled && this.values().roseRequired)
      this.deny('roseRequired', { reason: 'roseRequired', what: 'ROSE cannot be turned off' });
  }

  /** Everything about one generation, before anything is stored or sent to the engine. */
  async checkGeneration(request: GenerationCheck): Promise<void> {
    const snapshot = this.policy.current();
    const values = snapshot.values;
    if (values.managedPreset === BROKEN_MANAGED_PRESET)
      this.deny('managedPreset', {
        reason: 'answersPaused',
        what: 'answers are paused until the managed policy is fixed (a policy file or its managed preset is invalid)',
      });
    const now = this.now();
    if (snapshot.childMode) {
      if (isQuietTime(values.quietHours, now))
        this.askParent('quietHours', { reason: 'quietTime', what: "It's quiet time now" });
      const limit = values.dailyLimitMinutes;
      if (limit !== null && (this.options.usage?.minutesOn(now) ?? 0) >= limit)
        this.askParent('dailyLimitMinutes', {
          reason: 'dailyLimit',
          what: `Today's ${limit} minutes with Rose are used up`,
          params: { limit },
        });
    }
    this.checkRose(request.roseEnabled);
    if (request.roseEnabled) this.checkAlpha(request.alpha);
    this.checkPreset(request.preset);
    if (request.maxTokens > values.maxTokensCeiling)
      this.deny('maxTokensCeiling', {
        reason: 'maxTokensAbove',
        what: `${request.maxTokens} tokens is above the ceiling of ${values.maxTokensCeiling}`,
        params: { value: request.maxTokens, limit: values.maxTokensCeiling },
      });
    if (request.temperature > values.temperatureCeiling)
      this.deny('temperatureCeiling', {
        reason: 'temperatureAbove',
        what: `temperature ${request.temperature} is above the ceiling of ${values.temperatureCeiling}`,
        params: { value: request.temperature, limit: values.temperatureCeiling },
      });
    await this.checkModelFile(request.modelPath);
    if (snapshot.childMode) this.options.usage?.mark(now);
  }

  /** A child-mode time rule: refused in friendly words, with the code the window shows as "ask a parent". */
  private askParent(rule: 'quietHours' | 'dailyLimitMinutes', why: Why): never {
    const { refusal, by } = this.record(rule, why, {});
    throw new RefusalError(ASK_A_PARENT, `${why.what} (${by}). Ask a parent if you need Rose now.`, refusal);
  }

  /**
   * A preset about to be created, edited or imported: with a managed preset in force, every
   * version must keep the admin's reverse prompt and start with the admin's safe prompt (be it
   * exactly, unless user text is allowed); its α must lie within the policy's range.
   */
  checkPresetContent(
    versions: readonly { safePrompt: string; reversePrompt: string; alpha: number }[],
    what: string,
  ): void {
    const { managedPreset } = this.values();
    for (const version of versions) {
      if (managedPreset === BROKEN_MANAGED_PRESET)
        this.deny('managedPreset', {
          reason: 'managedPresetBroken',
          what: `${what}: the managed preset is broken`,
        });
      if (managedPreset) {
        const safe = version.safePrompt.trim();
        const keepsSafe = managedPreset.userTextAllowed
          ? safe.startsWith(managedPreset.safePrompt)
          : safe === managedPreset.safePrompt;
        if (!keepsSafe || version.reversePrompt.trim() !== managedPreset.reversePrompt)
          this.deny('managedPreset', {
            reason: 'managedPromptsReplaced',
            what: `${what} would replace the managed safe or reverse prompt`,
          });
      }
      this.checkAlpha(version.alpha);
    }
  }

  /** The prompts a generation uses: the managed preset's when one is in force. */
  prompts(safePrompt: string, reversePrompt: string): { safePrompt: string; reversePrompt: string } {
    const { managedPreset } = this.values();
    if (!managedPreset || managedPreset === BROKEN_MANAGED_PRESET) return { safePrompt, reversePrompt };
    return {
      safePrompt: managedPreset.userTextAllowed
        ? `${managedPreset.safePrompt}\n\n${safePrompt}`
        : managedPreset.safePrompt,
      reversePrompt: managedPreset.reversePrompt,
    };
  }
}
