import type { ConversationId, Message, PresetVersion, PresetVersionId } from '../../shared/domain.js';
import type { Db } from '../db/database.js';
import * as messagesRepo from '../db/messagesRepo.js';
import * as presetsRepo from '../db/presetsRepo.js';
import { openConversation } from './chatsService.js';

export type ConversationExportFormat = 'md' | 'json';

/** A conversation as Markdown (the branch being shown) or JSON (every branch, full provenance). */
export function exportConversation(db: Db, id: ConversationId, format: ConversationExportFormat): string {
  return format === 'md' ? toMarkdown(db, id) : toJson(db, id);
}

type UsedVersion = PresetVersion & { presetName: string };

function usedVersions(
  db: Db,
  messages: Message[],
  extra: PresetVersionId | null,
): Map<PresetVersionId, UsedVersion> {
  const ids = new Set(messages.flatMap((m) => (m.provenance ? [m.provenance.presetVersionId] : [])));
  if (extra !== null) ids.add(extra);
  const used = new Map<PresetVersionId, UsedVersion>();
  for (const id of ids) {
    const version = presetsRepo.getVersion(db, id);
    if (!version) continue;
    used.set(id, { ...version, presetName: presetsRepo.getPreset(db, version.presetId)?.name ?? '' });
  }
  return used;
}

function toJson(db: Db, id: ConversationId): string {
  const view = openConversation(db, id);
  const messages = messagesRepo.listMessages(db, id);
  const versions = usedVersions(db, messages, view.conversation.presetVersionId);
  const document = {
    format: 'rose.conversation',
    version: 1,
    conversation: view.conversation,
    activeBranch: view.messages.map((m) => m.id),
    messages,
    presetVersions: [...versions.values()],
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

function toMarkdown(db: Db, id: ConversationId): string {
  const { conversation, messages } = openConversation(db, id);
  const versions = usedVersions(db, messages, null);
  const lines = [
    `# ${conversation.title}`,
    '',
    `Exported from Rose · created ${iso(conversation.createdAt)}`,
  ];
  if (conversation.summary !== null)
    lines.push(
      '',
      '*Continues an earlier chat, from this summary:*',
      '',
      ...conversation.summary.split('\n').map((l) => `> ${l}`),
    );
  for (const m of messages) {
    lines.push('', `## ${m.role === 'user' ? 'You' : 'Rose'}`, '', m.text || '*(no text)*');
    if (m.status !== 'complete')
      lines.push('', `*Reply ${m.status}${m.errorMessage ? `: ${m.errorMessage}` : ''}.*`);
    if (m.provenance) lines.push('', `> ${provenanceLine(m, versions)}`);
  }
  return `${lines.join('\n')}\n`;
}

function provenanceLine(m: Message, versions: Map<PresetVersionId, UsedVersion>): string {
  const p = m.provenance!;
  const version = versions.get(p.presetVersionId);
  const parts = [
    `model ${p.modelFile}${p.modelSha256 ? ` (sha256 ${p.modelSha256.slice(0, 12)}…)` : ''}`,
    version ? `preset “${version.presetName}” v${version.number}` : `preset version ${p.presetVersionId}`,
    p.roseEnabled ? `ROSE on, α ${p.alpha}, β ${p.beta}` : 'ROSE off',
  ];
  if (p.logitsSource) parts.push(`logits ${p.logitsSource}`);
  if (p.generated !== null) parts.push(`steered ${p.steered} of ${p.generated} tokens`);
  if (p.timings?.tokensPerSecond !== undefined)
    parts.push(`${Math.round(p.timings.tokensPerSecond * 10) / 10} tok/s`);
  return parts.join(' · ');
}

const iso = (ms: number) => new Date(ms).toISOString();
