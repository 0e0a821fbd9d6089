import type { Channel, RoseEvent } from '../../shared/contract/index.js';
import type { AuditEntryInput, AuditSink } from '../services/audit/auditTypes.js';
import type { ModelHashes } from '../services/policy/modelHashes.js';
import type { ChannelImpls } from './handlerTypes.js';

type Entry = Pick<AuditEntryInput, 'type' | 'detail' | 'content'>;

/** What a successful call on each audited channel adds to the audit log (metadata; text only as content). */
const trail: { [C in Channel]?: (input: never, output: never) => Entry } = {
  'app:presets.create': (_input: unknown, preset: { id: number; name: string }) => ({
    type: 'preset.created',
    detail: { presetId: preset.id, name: preset.name },
  }),
  'app:presets.duplicate': (input: { presetId: number }, preset: { id: number }) => ({
    type: 'preset.created',
    detail: { presetId: preset.id, copyOf: input.presetId },
  }),
  'app:presets.update': (_input: unknown, preset: { id: number; latest: { number: number } }) => ({
    type: 'preset.edited',
    detail: { presetId: preset.id, version: preset.latest.number },
  }),
  'app:presets.import': (_input: unknown, preset: { id: number; name: string }) => ({
    type: 'preset.imported',
    detail: { presetId: preset.id, name: preset.name },
  }),
  'app:presets.export': (input: { presetId: number }) => ({
    type: 'export',
    detail: { what: 'preset', presetId: input.presetId },
  }),
  'app:chats.export': (input: { conversationId: number; format: string }) => ({
    type: 'export',
    detail: { what: 'conversation', conversationId: input.conversationId, format: input.format },
  }),
  'app:chats.send': (
    input: { text: string },
    accepted: { conversation: { id: number }; assistantMessage: { id: number } },
  ) => ({
    type: 'generation',
    detail: {
      conversationId: accepted.conversation.id,
      messageId: accepted.assistantMessage.id,
      started: true,
    },
    content: { prompt: input.text },
  }),
};

/**
 * Record what the app did, after it succeeded: preset changes, exports, each question asked.
 * (Refusals are logged by the policy check; PIN and child-mode events by the family lock.)
 */
export function withAuditTrail(
  impls: ChannelImpls,
  audit: AuditSink,
  transport: AuditEntryInput['transport'],
): ChannelImpls {
  const wrapped = { ...impls } as unknown as Record<string, (input: unknown) => unknown>;
  for (const [channel, describe] of Object.entries(trail) as [Channel, (i: unknown, o: unknown) => Entry][]) {
    const impl = impls[channel] as (input: unknown) => unknown;
    wrapped[channel] = async (input: unknown) => {
      const output = await impl(input);
      audit.record({ ...describe(input, output), actor: 'user', transport: transport ?? null });
      return output;
    };
  }
  return wrapped as unknown as ChannelImpls;
}

/** Events worth a log entry: a model loaded (by name and sha256) and each finished reply. */
export function auditAppEvents(
  audit: AuditSink,
  hashes: ModelHashes,
  transport: AuditEntryInput['transport'],
  log: (message: string) => void,
): (event: RoseEvent) => void {
  return (event) => {
    if (event.type === 'model.loaded') {
      const { path, name } = event.model;
      hashes.sha256(path).then(
        (sha256) =>
          audit.record({
            type: 'model.loaded',
            actor: 'user',
            transport: transport ?? null,
            detail: { name, sha256 },
          }),
        (error: Error) => log(`audit log: cannot hash ${path}: ${error.message}`),
      );
    } else if (event.type === 'chat.finished') {
      audit.record({
        type: 'generation',
        actor: 'user',
        transport: transport ?? null,
        detail: {
          conversationId: event.conversationId,
          messageId: event.messageId,
          status: event.message.status,
        },
        content: { reply: event.message.text },
      });
    }
  };
}
