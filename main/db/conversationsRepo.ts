import {
  asConversationId,
  asMessageId,
  asPresetVersionId,
  type ChatGeneration,
  type Conversation,
  type ConversationId,
  type PresetVersionId,
} from '../../shared/domain.js';
import type { Db } from './database.js';
import { statement } from './statements.js';

type ConversationRow = {
  id: number;
  title: string;
  pinned: number;
  created_at: number;
  updated_at: number;
  preset_version_id: number | null;
  model: string | null;
  alpha: number | null;
  beta: number | null;
  rose_enabled: number;
  generation: string | null;
  active_leaf_id: number | null;
  summary: string | null;
  continued_from: number | null;
};

const toConversation = (r: ConversationRow): Conversation => ({
  id: asConversationId(r.id),
  title: r.title,
  pinned: r.pinned === 1,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  presetVersionId: r.preset_version_id === null ? null : asPresetVersionId(r.preset_version_id),
  model: r.model,
  alpha: r.alpha,
  beta: r.beta,
  roseEnabled: r.rose_enabled === 1,
  generation: r.generation === null ? null : (JSON.parse(r.generation) as ChatGeneration),
  activeLeafId: r.active_leaf_id === null ? null : asMessageId(r.active_leaf_id),
  summary: r.summary,
  continuedFrom: r.continued_from === null ? null : asConversationId(r.continued_from),
});

export type NewConversation = {
  title: string;
  createdAt: number;
  presetVersionId: PresetVersionId | null;
  model: string | null;
  alpha: number | null;
  beta: number | null;
  roseEnabled: boolean;
  generation?: ChatGeneration | null;
  summary?: string | null;
  continuedFrom?: ConversationId | null;
};

export function insertConversation(db: Db, c: NewConversation): Conversation {
  const result = statement(
    db,
    `INSERT INTO conversations (title, created_at, updated_at, preset_version_id, model, alpha, beta,
       rose_enabled, generation, summary, continued_from)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    c.title,
    c.createdAt,
    c.createdAt,
    c.presetVersionId,
    c.model,
    c.alpha,
    c.beta,
    c.roseEnabled ? 1 : 0,
    c.generation ? JSON.stringify(c.generation) : null,
    c.summary ?? null,
    c.continuedFrom ?? null,
  );
  return getConversation(db, asConversationId(Number(result.lastInsertRowid)))!;
}

export function getConversation(db: Db, id: ConversationId): Conversation | undefined {
  const row = statement(db, 'SELECT * FROM conversations WHERE id = ?').get(id) as
    | ConversationRow
    | undefined;
  return row && toConversation(row);
}

/** One page of the conversation list: pinned first, then most recently updated. */
export function listConversations(db: Db, page: { limit: number; offset: number }): Conversation[] {
  return (
    statement(
      db,
      'SELECT * FROM conversations ORDER BY pinned DESC, updated_at DESC, id DESC LIMIT ? OFFSET ?',
    ).all(page.limit, page.offset) as ConversationRow[]
  ).map(toConversation);
}

export function countConversations(db: Db): number {
  return (statement(db, 'SELECT count(*) AS n FROM conversations').get() as { n: number }).n;
}

/** The fields a conversation may change, mapped to their columns. */
const columns = {
  title: 'title',
  pinned: 'pinned',
  updatedAt: 'updated_at',
  presetVersionId: 'preset_version_id',
  model: 'model',
  alpha: 'alpha',
  beta: 'beta',
  roseEnabled: 'rose_enabled',
  generation: 'generation',
  activeLeafId: 'active_leaf_id',
  summary: 'summary',
  continuedFrom: 'continued_from',
} as const;

/** The fields of a conversation that can change after it is created. */
export type ConversationPatch = Partial<Omit<Conversation, 'id' | 'createdAt'>>;

/** Change some fields of a conversation; column names come from a fixed map, values are bound. */
export function updateConversation(db: Db, id: ConversationId, patch: ConversationPatch): void {
  const keys = (Object.keys(patch) as Array<keyof ConversationPatch>).filter((k) => patch[k] !== undefined);
  if (keys.length === 0) return;
  const values = keys.map((k) => {
    const value = patch[k];
    if (k === 'generation') return value === null ? null : JSON.stringify(value);
    return typeof value === 'boolean' ? (value ? 1 : 0) : value;
  });
  statement(
    db,
    `UPDATE conversations SET ${keys.map((k) => `${columns[k]} = ?`).join(', ')} WHERE id = ?`,
  ).run(...values, id);
}

/** Delete a conversation and (by cascade) all its messages. */
export function deleteConversation(db: Db, id: ConversationId): boolean {
  return statement(db, 'DELETE FROM conversations WHERE id = ?').run(id).changes > 0;
}
