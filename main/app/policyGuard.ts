import { expandHome } from '../files/expandHome.js';
import type { Channel } from '../../shared/contract/index.js';
import type { PresetVersionId } from '../../shared/domain.js';
import { parsePresetFile } from '../../shared/presetFile.js';
import type { Db } from '../db/database.js';
import type { FamilyService } from '../services/family/familyService.js';
import type { ModelLibrary } from '../services/models.js';
import type { PolicyEnforcer } from '../services/policy/policyEnforcer.js';
import * as presets from '../services/presetsService.js';
import type { ChannelImpl, ChannelImpls } from './handlerTypes.js';
import { guardModelPath } from './handlers/evalHandlers.js';

/** The check each guarded channel runs before its service; channels not listed have no rule. */
export type ChannelGuards = {
  [C in Channel]?: (input: Parameters<ChannelImpl<C>>[0]) => void | Promise<void>;
};

/**
 * The policy rule behind each channel. The CLI's data commands (presets, models, chats) call
 * the same map before their writes, so each rule is written once for every transport.
 */
export function channelGuards(
  policy: PolicyEnforcer,
  deps: { db: () => Db; library: ModelLibrary; family?: FamilyService },
): ChannelGuards {
  // The database is opened only by the rules that read it, so a models command never creates one.
  const { library, family } = deps;
  const db = () => deps.db();
  // In child mode the audit log is the parent's: reading it needs a parent session.
  const parentInChildMode = (what: string) => () => {
    if (policy.childMode()) family?.requireParent(what);
  };
  return {
    'app:audit.list': parentInChildMode('reading the audit log'),
    'app:audit.verify': parentInChildMode('checking the audit log'),
    'app:audit.export': parentInChildMode('exporting the audit log'),
    'app:settings.set': ({ apiEnabled }) => {
      policy.requireAllowed('settingsPageAllowed', 'changing settings');
      if (apiEnabled === true) policy.requireAllowed('apiAllowed', 'the local API');
    },
    'app:api.createKey': () => policy.requireAllowed('apiAllowed', 'the local API'),
    'app:models.import': async ({ path }) => {
      policy.requireAllowed('modelImportAllowed', 'importing models');
      await policy.checkModelFile(expandHome(path), 'importing this model');
    },
    'app:models.download': () => policy.requireAllowed('modelDownloadAllowed', 'downloading models'),
    'app:models.resumeDownload': () => policy.requireAllowed('modelDownloadAllowed', 'downloading models'),
    'app:models.load': async ({ modelId }) =>
      policy.checkModelFile((await library.get(modelId)).path, 'loading this model'),
    'app:presets.create': (input) => {
      policy.requireAllowed('presetEditingAllowed', 'creating presets');
      policy.checkPresetContent([input], 'this preset');
    },
    'app:presets.update': ({ presetId, ...fields }) => {
      policy.requireAllowed('presetEditingAllowed', 'editing presets');
      const latest = presets.getPreset(db(), presetId).latest;
      policy.checkPresetContent(
        [
          {
            safePrompt: fields.safePrompt ?? latest.safePrompt,
            reversePrompt: fields.reversePrompt ?? latest.reversePrompt,
            alpha: fields.alpha ?? latest.alpha,
          },
        ],
        'this edit',
      );
    },
    'app:presets.duplicate': ({ presetId }) => {
      policy.requireAllowed('presetEditingAllowed', 'duplicating presets');
      policy.checkPresetContent([presets.getPreset(db(), presetId).latest], 'this copy');
    },
    'app:presets.delete': () => policy.requireAllowed('presetEditingAllowed', 'deleting presets'),
    'app:presets.import': ({ text }) => {
      policy.requireAllowed('presetEditingAllowed', 'importing presets');
      let versions: { safePrompt: string; reversePrompt: string; alpha: number }[];
      try {
        versions = parsePresetFile(text).versions;
      } catch {
        return; // not a preset file: the import itself reports each bad field
      }
      policy.checkPresetContent(versions, 'this preset file');
    },
    'app:presets.export': () => policy.requireAllowed('exportAllowed', 'exporting presets'),
    'app:chats.export': () => policy.requireAllowed('exportAllowed', 'exporting conversations'),
    'app:eval.export': () => policy.requireAllowed('exportAllowed', 'exporting bench reports'),
    'app:chats.delete': () => policy.requireAllowed('chatDeletionAllowed', 'deleting conversations'),
    'app:chats.deleteMessage': () => policy.requireAllowed('chatDeletionAllowed', 'deleting messages'),
    'app:compare.run': () => policy.requireAllowed('compareAllowed', 'the compare view'),
    'app:eval.guard': async (input) =>
      policy.checkModelFile(await guardModelPath(library, input), 'the guard model'),
    'app:completions.create': () => policy.requireAllowed('apiAllowed', 'the local API'),
    'app:chats.configure': async ({ modelId, presetVersionId, alpha, roseEnabled }) => {
      if (roseEnabled === false) policy.checkRose(false);
      if (typeof alpha === 'number') policy.checkAlpha(alpha);
      if (presetVersionId !== undefined) policy.checkPreset(presetRef(db(), presetVersionId));
      if (modelId !== undefined) await policy.checkModelFile((await library.get(modelId)).path);
    },
  };
}

/**
 * The channel side of the one policy check: before a request reaches its service, the rule it
 * touches is checked (generation itself is checked in the chat service and the compare tool,
 * where every default has been filled in). Composed in createRose, below every transport.
 */
export function guardHandlers(
  impls: ChannelImpls,
  policy: PolicyEnforcer,
  deps: { db: () => Db; library: ModelLibrary; family?: FamilyService },
): ChannelImpls {
  const guards = channelGuards(policy, deps);
  const guarded = { ...impls } as unknown as Record<string, (input: unknown) => unknown>;
  for (const [channel, guard] of Object.entries(guards) as [Channel, (input: unknown) => unknown][]) {
    const impl = impls[channel] as (input: unknown) => unknown;
    guarded[channel] = async (input: unknown) => {
      await guard(input);
      return impl(input);
    };
  }
  return guarded as unknown as ChannelImpls;
}

/** What the allowlist knows about a stored preset version. */
export function presetRef(db: Db, versionId: PresetVersionId) {
  const version = presets.getVersion(db, versionId);
  const preset = presets.getPreset(db, version.presetId);
  return { presetId: preset.id, version: version.number, builtinKey: preset.builtinKey };
}
