/**
 * Domain types shared by the services, the transports and the renderer. Ids are branded numbers so
 * a message id can never be passed where a conversation id is expected.
 */

declare const brand: unique symbol;
type Branded<T, B extends string> = T & { readonly [brand]: B };

export type ConversationId = Branded<number, 'ConversationId'>;
export type MessageId = Branded<number, 'MessageId'>;
export type PresetId = Branded<number, 'PresetId'>;
export type PresetVersionId = Branded<number, 'PresetVersionId'>;

export const asConversationId = (n: number) => n as ConversationId;
export const asMessageId = (n: number) => n as MessageId;
export const asPresetId = (n: number) => n as PresetId;
export const asPresetVersionId = (n: number) => n as PresetVersionId;

export type MessageRole = 'user' | 'assistant';

/** `streaming` only while a reply is being written; a crash leaves it to become `interrupted`. */
export type MessageStatus = 'complete' | 'streaming' | 'stopped' | 'interrupted' | 'error';

/** How a preset version's reverse prompt was made (the three ways studied in the ROSE paper). */
export type ReverseMethod = 'manual' | 'opposite' | 'random';

/** Everything that shaped an assistant reply, kept so any answer can be audited later. */
export type Provenance = {
  modelFile: string;
  /** null when the model file could not be hashed (for example it was removed). */
  modelSha256: string | null;
  presetVersionId: PresetVersionId;
  alpha: number;
  beta: number;
  /** false = ROSE was off: plain decoding with the safe prompt. */
  roseEnabled: boolean;
  /** Where next-token scores came from ('api' or 'ffi'); null until the engine reported it. */
  logitsSource: string | null;
  steered: number | null;
  generated: number | null;
  /** Engine timings as reported (prefillMs, decodeMs, firstTokenMs, tokensPerSecond). */
  timings: Record<string, number> | null;
  /** Sampling settings and token limit of the request. */
  sampling: { temperature: number; topK: number; topP: number; seed: number; maxTokens: number };
  stopReason: string | null;
  /** How much of the context the reply used and what had to be left out; null for older replies. */
  context: ReplyContext | null;
  /** The tokens ROSE changed, for "explain this reply"; absent for older replies. */
  steering?: SteeredSpan[] | null;
};

/**
 * A token ROSE chose differently from the safe run alone: its place in the reply's text
 * (`start`..`end`, UTF-16 offsets) and what the safe run alone would have written there.
 */
export type SteeredSpan = { start: number; end: number; safeOnly: string };

export type ReplyContext = {
  /** The model's context size, in tokens. */
  size: number;
  /** The longer of the two runs' prompts after fitting (system prompt + the turns kept). */
  promptTokens: number;
  /** The oldest turns left out because the conversation no longer fit (both runs alike). */
  droppedTurns: number;
  /** The latest message itself was too long: its beginning was left out. */
  shortenedLastTurn: boolean;
};

/**
 * A conversation's own generation settings; anything not set comes from the app's defaults.
 * With temperature > 0 and no seed, every reply (and every Regenerate) draws a new seed.
 */
export type ChatGeneration = {
  temperature?: number;
  topK?: number;
  topP?: number;
  seed?: number;
  maxTokens?: number;
  /** Texts that end a reply (besides the model's own end markers). */
  stop?: string[];
};

export type Message = {
  id: MessageId;
  conversationId: ConversationId;
  /** The message this one answers or follows; siblings with the same parent are branches. */
  parentId: MessageId | null;
  role: MessageRole;
  text: string;
  status: MessageStatus;
  /** Set when status is `error`. */
  errorMessage: string | null;
  createdAt: number;
  updatedAt: number;
  /** Assistant messages only. */
  provenance: Provenance | null;
  /** When the reply's text was edited by hand; null = as the model wrote it. */
  editedAt: number | null;
};

export type Conversation = {
  id: ConversationId;
  title: string;
  pinned: boolean;
  createdAt: number;
  updatedAt: number;
  presetVersionId: PresetVersionId | null;
  /** Path of the model file the conversation uses. */
  model: string | null;
  /** Overrides of the preset version's weights; null = use the preset's. */
  alpha: number | null;
  beta: number | null;
  roseEnabled: boolean;
  /** This conversation's sampling, max tokens and stop texts; null = the app's defaults. */
  generation: ChatGeneration | null;
  /** Last message of the branch being shown. */
  activeLeafId: MessageId | null;
  /**
   * A summary of the conversation this one continues ("continue in a new chat"); the model sees
   * it after both system prompts, the same text in both ROSE runs. null for an ordinary chat.
   */
  summary: string | null;
  /** The conversation this one continues, when it still exists. */
  continuedFrom: ConversationId | null;
};

export type PresetVersion = {
  id: PresetVersionId;
  presetId: PresetId;
  /** 1, 2, 3… within its preset. */
  number: number;
  safePrompt: string;
  reversePrompt: string;
  alpha: number;
  beta: number;
  method: ReverseMethod;
  createdAt: number;
};

export type Preset = {
  id: PresetId;
  /** Stable key of a built-in preset (from its file name in assets/presets); null for user presets. */
  builtinKey: string | null;
  name: string;
  description: string;
  createdAt: number;
  updatedAt: number;
  /** Soft-deleted presets stay so that messages can still point at their versions. */
  deletedAt: number | null;
  latest: PresetVersion;
};

/** A piece of a search snippet; `match` pieces are the words that matched. */
export type SnippetPart = { text: string; match: boolean };

export type SearchHit = {
  kind: 'message' | 'title';
  conversationId: ConversationId;
  conversationTitle: string;
  messageId: MessageId | null;
  role: MessageRole | null;
  snippet: SnippetPart[];
  /** bm25 score: lower is better. */
  rank: number;
};

/** Where a message sits among its siblings (branches made by regenerate or edit). */
/** Where a message stands among the versions of its turn (regenerations and edits), oldest first. */
export type BranchPosition = { index: number; count: number; siblingIds: MessageId[] };

/** A conversation as shown: the active branch, root first, each message with its branch position. */
export type ConversationView = {
  conversation: Conversation;
  messages: Array<Message & { branch: BranchPosition }>;
};
