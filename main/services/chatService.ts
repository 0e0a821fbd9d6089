import { randomInt } from 'node:crypto';
import { basename } from 'node:path';
import type {
  ChatGeneration,
  Conversation,
  ConversationId,
  Message,
  MessageId,
  PresetVersion,
  PresetVersionId,
} from '../../shared/domain.js';
import { UserError } from '../../shared/errors.js';
import {
  DEFAULT_MAX_TOKENS,
  DEFAULT_PRESET_KEY,
  DEFAULT_SAMPLING,
  SEED_MAX,
} from '../../shared/generationLimits.js';
import { titleFromMessage } from '../../shared/titles.js';
import { type Db, inTransaction } from '../db/database.js';
import * as conversationsRepo from '../db/conversationsRepo.js';
import * as messagesRepo from '../db/messagesRepo.js';
import * as presetsRepo from '../db/presetsRepo.js';
import type { ChatTurn, EngineEvent, GenerateRequest, SamplingSettings } from '../engine/types.js';
import { SUMMARY_MAX_TOKENS, collectText, summaryTurns, withSummary } from './chatSummary.js';
import type { PolicyEnforcer } from './policy/policyEnforcer.js';
import { type SavedEvent, writeReply } from './replyWriter.js';
import { isDiskFull } from './storageErrors.js';

/** Which model file produced a reply, for provenance. */
export type ModelIdentity = { fileName: string; sha256: string | null };

/** What the chat service needs from the engine (the engine host has this shape). */
export type ChatEngine = {
  generate(request: GenerateRequest): AsyncIterable<EngineEvent>;
  /** Make `modelPath` the loaded model (a no-op when it already is) and say which file it is. */
  prepareModel(modelPath: string): Promise<ModelIdentity>;
  /** Stop a running generation; it then ends with an `aborted` event. */
  abort?(generationId: string): void;
};

/** Events of one send: the stored messages first, then the engine's events and save notices. */
export type ChatEvent =
  | { type: 'stored'; conversation: Conversation; userMessage: Message | null; assistantMessage: Message }
  | SavedEvent
  | EngineEvent;

/** Per-request settings; the ones that belong to the conversation are remembered there. */
export type GenerationOptions = {
  modelPath?: string;
  presetVersionId?: PresetVersionId;
  alpha?: number;
  beta?: number;
  roseEnabled?: boolean;
  sampling?: Partial<SamplingSettings>;
  maxTokens?: number;
  signal?: AbortSignal;
};

export type SendOptions = GenerationOptions & { conversationId?: ConversationId; text: string };

export type ChatServiceDeps = {
  db: Db;
  engine: ChatEngine;
  now?: () => number;
  /** How often a streaming reply is saved; the most text a crash can lose. */
  saveIntervalMs?: number;
  /** Preset for new conversations when none is given. */
  defaultPresetKey?: string;
  /** The policy check every generation passes before anything is stored (none: nothing is restricted). */
  policy?: GenerationPolicy;
  /** The app's generation defaults (Settings), under each conversation's own; none: the built-in ones. */
  generationDefaults?: () => ChatGeneration | null;
  /** Where a failed save of a streaming reply is reported (the reply itself says what to do). */
  log?: (message: string) => void;
};

/** What the chat service needs from the policy enforcer (PolicyEnforcer has this shape). */
export type GenerationPolicy = Pick<PolicyEnforcer, 'checkGeneration' | 'prompts'>;

const noop = () => {};

export type ChatService = ReturnType<typeof createChatService>;

export function createChatService(deps: ChatServiceDeps) {
  const { db, engine } = deps;
  const now = deps.now ?? Date.now;
  const busy = new Set<ConversationId>();

  /** Add a user message to a conversation (a new one when no id is given) and generate the reply. */
  async function sendMessage(options: SendOptions, onEvent: (e: ChatEvent) => void = noop): Promise<Message> {
    const text = checkText(options.text);
    const existing = options.conversationId === undefined ? null : getConversation(options.conversationId);
    return generateReply(existing, options, onEvent, (conversation) => ({
      parentId: conversation.activeLeafId,
      text,
    }));
  }

  /** A new reply to the same user message (a sibling of `messageId` when it is a reply). */
  async function regenerate(
    messageId: MessageId,
    options: GenerationOptions = {},
    onEvent: (e: ChatEvent) => void = noop,
  ): Promise<Message> {
    const message = getMessage(messageId);
    const userMessageId = message.role === 'user' ? message.id : message.parentId;
    if (userMessageId === null)
      throw new UserError('message-invalid', `message ${messageId} answers nothing`);
    return generateReply(getConversation(message.conversationId), options, onEvent, () => ({
      reuse: userMessageId,
    }));
  }

  /**
   * Go on with a reply that stopped (at the length limit, by Stop, or by a crash): the model
   * continues the same text, in place, with the conversation's current settings.
   */
  async function continueReply(
    messageId: MessageId,
    options: GenerationOptions = {},
    onEvent: (e: ChatEvent) => void = noop,
  ): Promise<Message> {
    const message = getMessage(messageId);
    if (message.role !== 'assistant') throw new UserError('message-invalid', 'only a reply can be continued');
    if (message.status === 'streaming')
      throw new UserError('conversation-busy', 'this reply is still being written');
    if (message.status === 'error' || message.text.trim() === '')
      throw new UserError('message-invalid', 'this reply has no text to go on from; use Regenerate');
    return generateReply(getConversation(message.conversationId), options, onEvent, () => ({
      extend: message,
    }));
  }

  /** Replace a user message by an edited copy (a new branch beside it) and generate its reply. */
  async function editAndResend(
    messageId: MessageId,
    newText: string,
    options: GenerationOptions = {},
    onEvent: (e: ChatEvent) => void = noop,
  ): Promise<Message> {
    const message = getMessage(messageId);
    if (message.role !== 'user')
      throw new UserError('message-invalid', 'only your own messages can be edited');
    const text = checkText(newText);
    return generateReply(getConversation(message.conversationId), options, onEvent, () => ({
      parentId: message.parentId,
      text,
    }));
  }

  /** What a reply answers: a new user message, an existing one (regenerate), or a reply to extend. */
  type UserTurn = { parentId: MessageId | null; text: string } | { reuse: MessageId } | { extend: Message };

  async function generateReply(
    existing: Conversation | null,
    options: GenerationOptions,
    onEvent: (e: ChatEvent) => void,
    userTurn: (conversation: Conversation) => UserTurn,
  ): Promise<Message> {
    const presetVersion = resolvePresetVersion(options.presetVersionId ?? existing?.presetVersionId ?? null);
    const modelPath = options.modelPath ?? existing?.model ?? null;
    if (!modelPath)
      throw new UserError('no-model', 'no model chosen for this conversation: pass a model file');
    const alpha = options.alpha ?? existing?.alpha ?? null;
    const beta = options.beta ?? existing?.beta ?? null;
    const roseEnabled = options.roseEnabled ?? existing?.roseEnabled ?? true;
    const { sampling, maxTokens, stop } = generationSettings(existing, options, deps.generationDefaults?.());
    // The policy sees the request as the engine would run it (every default filled in), before
    // anything is stored: a refusal leaves no trace.
    await checkPolicy(presetVersion, modelPath, alpha, roseEnabled, maxTokens, sampling.temperature);
    let claimed: ConversationId | null = null;
    if (existing) claimed = claim(existing.id);
    try {
      // Load (or check) the model before anything is written, so a bad model file leaves no trace.
      const model = await engine.prepareModel(modelPath);

      const stored = inTransaction(db, () => {
        const at = now();
        const settings = { presetVersionId: presetVersion.id, model: modelPath, alpha, beta, roseEnabled };
        if (existing) conversationsRepo.updateConversation(db, existing.id, settings);
        const conversation = existing
          ? getConversation(existing.id)
          : conversationsRepo.insertConversation(db, { ...settings, title: 'New chat', createdAt: at });
        const turn = userTurn(conversation);
        if ('extend' in turn) {
          const reopened = messagesRepo.reopenForContinue(db, turn.extend.id, at);
          conversationsRepo.updateConversation(db, conversation.id, { updatedAt: at });
          return {
            conversation: getConversation(conversation.id),
            userMessage: null,
            assistantMessage: reopened,
            turns: [
              ...(turn.extend.parentId === null ? [] : turnsFor(turn.extend.parentId)),
              { role: 'assistant' as const, text: turn.extend.text },
            ],
            continueFrom: {
              text: turn.extend.text,
              generated: turn.extend.provenance?.generated ?? 0,
              steered: turn.extend.provenance?.steered ?? 0,
              steering: turn.extend.provenance?.steering ?? [],
            },
          };
        }
        // Regenerate while sampling: a new seed even when the conversation fixes one, or the
        // "new" reply would be the same text again.
        if ('reuse' in turn && sampling.temperature > 0 && options.sampling?.seed === undefined)
          sampling.seed = randomSeed();
        let userMessage: Message | null = null;
        if (!('reuse' in turn)) {
          userMessage = messagesRepo.insertMessage(db, {
            conversationId: conversation.id,
            parentId: turn.parentId,
            role: 'user',
            text: turn.text,
            status: 'complete',
            createdAt: at,
          });
          if (!existing)
            conversationsRepo.updateConversation(db, conversation.id, { title: titleFromMessage(turn.text) });
        }
        const parentId = 'reuse' in turn ? turn.reuse : userMessage!.id;
        const assistantMessage = messagesRepo.insertMessage(db, {
          conversationId: conversation.id,
          parentId,
          role: 'assistant',
          text: '',
          status: 'streaming',
          createdAt: at,
          provenance: {
            modelFile: model.fileName || basename(modelPath),
            modelSha256: model.sha256,
            presetVersionId: presetVersion.id,
            alpha: alpha ?? presetVersion.alpha,
            beta: beta ?? presetVersion.beta,
            roseEnabled,
            sampling: { ...sampling, maxTokens },
          },
        });
        conversationsRepo.updateConversation(db, conversation.id, {
          activeLeafId: assistantMessage.id,
          updatedAt: at,
        });
        return {
          conversation: getConversation(conversation.id),
          userMessage,
          assistantMessage,
          turns: turnsFor(parentId),
          continueFrom: undefined,
        };
      });
      claimed ??= claim(stored.conversation.id);
      const { turns, continueFrom, ...announced } = stored;
      onEvent({ type: 'stored', ...announced });

      const request: GenerateRequest = {
        turns,
        rose: {
          ...systemPrompts(presetVersion, stored.conversation.summary),
          alpha: alpha ?? presetVersion.alpha,
          beta: beta ?? presetVersion.beta,
          enabled: roseEnabled,
        },
        sampling,
        maxTokens,
        ...(stop.length > 0 ? { stopTexts: stop } : {}),
      };
      const reply = await writeReply({
        db,
        messageId: stored.assistantMessage.id,
        events: engine.generate(request),
        saveIntervalMs: deps.saveIntervalMs ?? 1000,
        now,
        onEvent,
        continueFrom,
        signal: options.signal,
        onSaveFailed: (error) =>
          deps.log?.(
            `saving reply ${stored.assistantMessage.id} failed: ${(error as Error)?.message ?? error}`,
          ),
        requestStop: (generationId) => {
          if (!engine.abort || generationId === null) return false;
          engine.abort(generationId);
          return true;
        },
      });
      try {
        conversationsRepo.updateConversation(db, reply.conversationId, { updatedAt: now() });
      } catch (error) {
        // Only the list order depends on it; the reply itself has been stored or marked.
        if (!isDiskFull(error)) throw error;
      }
      return reply;
    } finally {
      if (claimed !== null) busy.delete(claimed);
    }
  }

  /**
   * A new conversation that carries this one forward: the model summarises the branch shown (with
   * the conversation's own model, preset and ROSE settings, greedily), and the new conversation
   * starts empty with that summary, which its replies see after both system prompts.
   */
  async function continueInNewChat(
    conversationId: ConversationId,
    title: string,
    signal?: AbortSignal,
  ): Promise<Conversation> {
    const source = getConversation(conversationId);
    if (source.activeLeafId === null)
      throw new UserError('conversation-empty', 'this conversation has no messages to summarise yet');
    const modelPath = source.model;
    if (!modelPath)
      throw new UserError('no-model', 'no model chosen for this conversation: pass a model file');
    const presetVersion = resolvePresetVersion(source.presetVersionId);
    const sampling: SamplingSettings = { ...DEFAULT_SAMPLING, temperature: 0 };
    await checkPolicy(presetVersion, modelPath, source.alpha, source.roseEnabled, SUMMARY_MAX_TOKENS, 0);
    claim(source.id);
    try {
      await engine.prepareModel(modelPath);
      const summary = await collectText(
        engine.generate({
          turns: summaryTurns(turnsFor(source.activeLeafId)),
          rose: {
            ...systemPrompts(presetVersion, source.summary),
            alpha: source.alpha ?? presetVersion.alpha,
            beta: source.beta ?? presetVersion.beta,
            enabled: source.roseEnabled,
          },
          sampling,
          maxTokens: SUMMARY_MAX_TOKENS,
          ...(signal ? { signal } : {}),
        }),
      );
      if (summary === '')
        throw new UserError('summary-empty', 'the model wrote no summary: try again, or start a new chat');
      return conversationsRepo.insertConversation(db, {
        title,
        createdAt: now(),
        presetVersionId: presetVersion.id,
        model: modelPath,
        alpha: source.alpha,
        beta: source.beta,
        roseEnabled: source.roseEnabled,
        generation: source.generation,
        summary,
        continuedFrom: source.id,
      });
    } finally {
      busy.delete(source.id);
    }
  }

  /** The safe and reverse system prompts a reply runs with: a managed policy's, then the summary. */
  function systemPrompts(version: PresetVersion, summary: string | null) {
    const prompts = deps.policy?.prompts(version.safePrompt, version.reversePrompt) ?? {
      safePrompt: version.safePrompt,
      reversePrompt: version.reversePrompt,
    };
    return {
      safePrompt: withSummary(prompts.safePrompt, summary),
      reversePrompt: withSummary(prompts.reversePrompt, summary),
    };
  }

  async function checkPolicy(
    version: PresetVersion,
    modelPath: string,
    alpha: number | null,
    roseEnabled: boolean,
    maxTokens: number,
    temperature: number,
  ): Promise<void> {
    const preset = presetsRepo.getPreset(db, version.presetId);
    await deps.policy?.checkGeneration({
      modelPath,
      preset: { presetId: version.presetId, version: version.number, builtinKey: preset?.builtinKey ?? null },
      alpha: alpha ?? version.alpha,
      roseEnabled,
      maxTokens,
      temperature,
    });
  }

  /** The branch up to `lastId` as engine turns; failed and empty replies are left out. */
  function turnsFor(lastId: MessageId): ChatTurn[] {
    return messagesRepo
      .branchPath(db, lastId)
      .filter((m) => m.role === 'user' || (m.status !== 'error' && m.text.length > 0))
      .map((m) => ({ role: m.role, text: m.text }));
  }

  function resolvePresetVersion(id: PresetVersionId | null): PresetVersion {
    if (id !== null) {
      const version = presetsRepo.getVersion(db, id);
      if (!version) throw new UserError('preset-version-not-found', `no preset version ${id}`);
      return version;
    }
    const key = deps.defaultPresetKey ?? DEFAULT_PRESET_KEY;
    const preset = presetsRepo.getPresetByBuiltinKey(db, key);
    if (!preset) throw new UserError('preset-not-found', `the default preset '${key}' is missing`);
    return preset.latest;
  }

  function claim(id: ConversationId): ConversationId {
    if (busy.has(id)) {
      throw new UserError(
        'conversation-busy',
        `conversation ${id} is already generating a reply; stop it first`,
      );
    }
    busy.add(id);
    return id;
  }

  function getConversation(id: ConversationId): Conversation {
    const conversation = conversationsRepo.getConversation(db, id);
    if (!conversation) throw new UserError('conversation-not-found', `no conversation ${id}`);
    return conversation;
  }

  function getMessage(id: MessageId): Message {
    const message = messagesRepo.getMessage(db, id);
    if (!message) throw new UserError('message-not-found', `no message ${id}`);
    return message;
  }

  return { sendMessage, regenerate, editAndResend, continueReply, continueInNewChat };
}

/**
 * The settings a reply runs with: the request's, else the conversation's own, else the app's
 * defaults. Sampling without a chosen seed draws a new one, so two replies differ; the seed used
 * is kept in the reply's provenance, so any reply can be reproduced.
 */
export function generationSettings(
  conversation: Conversation | null,
  options: Pick<GenerationOptions, 'sampling' | 'maxTokens'>,
  appDefaults: ChatGeneration | null = null,
): { sampling: SamplingSettings; maxTokens: number; stop: string[] } {
  // Field by field: the conversation's own value, else the app's default, else the built-in one.
  const saved: ChatGeneration = { ...appDefaults, ...definedOnly(conversation?.generation ?? {}) };
  const chosen = { ...pick(saved), ...options.sampling };
  const sampling: SamplingSettings = { ...DEFAULT_SAMPLING, ...chosen };
  if (sampling.temperature > 0 && chosen.seed === undefined) sampling.seed = randomSeed();
  return {
    sampling,
    maxTokens: options.maxTokens ?? saved.maxTokens ?? DEFAULT_MAX_TOKENS,
    stop: saved.stop ?? [],
  };
}

function definedOnly(generation: ChatGeneration): ChatGeneration {
  return Object.fromEntries(Object.entries(generation).filter(([, value]) => value !== undefined));
}

function pick(saved: NonNullable<Conversation['generation']>): Partial<SamplingSettings> {
  const { temperature, topK, topP, seed } = saved;
  return Object.fromEntries(
    Object.entries({ temperature, topK, topP, seed }).filter(([, value]) => value !== undefined),
  );
}

function randomSeed(): number {
  return randomInt(0, SEED_MAX);
}

function checkText(text: string): string {
  if (text.trim().length === 0) throw new UserError('message-empty', 'the message is empty');
  return text;
}
