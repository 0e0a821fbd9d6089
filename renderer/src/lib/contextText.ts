import type { Message } from '../../../shared/domain.js';
import { type TFunction, i18n } from '../i18n/index.js';

/** A count with the interface language's digit grouping: 2,048 / 2048 / 2.048. */
export function formatCount(value: number): string {
  return new Intl.NumberFormat(i18n.language).format(value);
}

/**
 * What a reader should know about how a reply was written: messages left out because the
 * conversation outgrew the context, a message cut to fit, a reply cut at the length limit.
 */
export function replyNotices(message: Message, t: TFunction): { context: string | null; cut: string | null } {
  const provenance = message.provenance;
  const context = provenance?.context;
  let contextNotice: string | null = null;
  if (context && context.droppedTurns > 0) {
    contextNotice = t('chat.context.dropped', { count: context.droppedTurns, size: context.size });
  }
  if (context?.shortenedLastTurn) {
    const cutMessage = t('chat.context.shortened');
    contextNotice = contextNotice
      ? t('chat.context.both', { dropped: contextNotice, shortened: cutMessage })
      : cutMessage;
  }
  const cut =
    message.status === 'complete' && provenance?.stopReason === 'max-tokens'
      ? t('chat.context.lengthLimit', { max: provenance.sampling.maxTokens })
      : null;
  return { context: contextNotice, cut };
}
