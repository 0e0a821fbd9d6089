import type { Message } from '../../../shared/domain.js';

/** A count with the reader's digit grouping: 2,048 / 2.048 / 2 048. */
export function formatCount(value: number): string {
  return new Intl.NumberFormat().format(value);
}

/**
 * What a reader should know about how a reply was written: messages left out because the
 * conversation outgrew the context, a message cut to fit, a reply cut at the length limit.
 */
export function replyNotices(message: Message): { context: string | null; cut: string | null } {
  const provenance = message.provenance;
  const context = provenance?.context;
  let contextNotice: string | null = null;
  if (context && context.droppedTurns > 0) {
    const n = context.droppedTurns;
    contextNotice = `This conversation is longer than the model's context (${formatCount(context.size)} tokens), so the oldest ${n === 1 ? 'message was' : `${formatCount(n)} messages were`} left out of this reply.`;
  }
  if (context?.shortenedLastTurn) {
    const cutMessage = 'Your message was too long for the context: only its end was used.';
    contextNotice = contextNotice ? `${contextNotice} ${cutMessage}` : cutMessage;
  }
  const cut =
    message.status === 'complete' && provenance?.stopReason === 'max-tokens'
      ? `Stopped at the length limit (${formatCount(provenance.sampling.maxTokens)} tokens).`
      : null;
  return { context: contextNotice, cut };
}
